/// A font request: family, size in user units, weight and slant. Fontconfig picks the face.
public struct FontSpec: Sendable, Hashable {
    public enum Weight: Sendable, Hashable { case regular, bold }
    public enum Slant: Sendable, Hashable { case normal, italic }

    public var family: String
    /// The em size in user units (points on a PDF canvas).
    public var size: Double
    public var weight: Weight
    public var slant: Slant

    public init(family: String, size: Double, weight: Weight = .regular, slant: Slant = .normal) {
        self.family = family
        self.size = size
        self.weight = weight
        self.slant = slant
    }

    public func with(weight: Weight) -> FontSpec {
        var copy = self
        copy.weight = weight
        return copy
    }

    public func with(slant: Slant) -> FontSpec {
        var copy = self
        copy.slant = slant
        return copy
    }

    public func with(size: Double) -> FontSpec {
        var copy = self
        copy.size = size
        return copy
    }
}

public enum TextAlignment: Sendable, Hashable {
    case left, center, right
}

/// How a block of text is set.
public struct TextStyle: Sendable, Hashable {
    public var font: FontSpec
    public var color: RGB
    public var alignment: TextAlignment
    /// Extra space between lines, in user units.
    public var lineSpacing: Double
    /// Whether a paragraph whose first strong character is right-to-left (Arabic, Hebrew) is set right-to-left,
    /// alignment mirrored. When false, paragraphs are left-to-right; right-to-left runs are still ordered and shaped.
    public var autoDirection: Bool

    public init(font: FontSpec, color: RGB = .black, alignment: TextAlignment = .left, lineSpacing: Double = 0, autoDirection: Bool = false) {
        self.font = font
        self.color = color
        self.alignment = alignment
        self.lineSpacing = lineSpacing
        self.autoDirection = autoDirection
    }
}

/// A run of text with its own emphasis, inside a text layout. Never interpreted as markup.
public struct TextRun: Sendable, Hashable {
    public var text: String
    /// Overrides of the layout's style for this run.
    public var weight: FontSpec.Weight?
    public var slant: FontSpec.Slant?
    public var color: RGB?
    public var underline: Bool
    public var strikethrough: Bool
    /// Another font family for this run (a monospace face for code), with the layout's as fallback.
    public var family: String?
    /// A size factor for this run (a code token shrunk to fit its line).
    public var scale: Double?
    /// Whether lines may break inside the run. False keeps it on one line (a hash, an identifier): if it is wider
    /// than the line, it overflows rather than breaks.
    public var breakable: Bool
    /// Where the run links to, in a PDF (see `DrawingContext.drawLinkedText`), and what the link says to a screen
    /// reader.
    public var link: LinkTarget?
    public var linkDescription: String?

    public init(_ text: String, weight: FontSpec.Weight? = nil, slant: FontSpec.Slant? = nil, color: RGB? = nil, underline: Bool = false,
                strikethrough: Bool = false, family: String? = nil, scale: Double? = nil, breakable: Bool = true, link: LinkTarget? = nil, linkDescription: String? = nil) {
        self.text = text
        self.weight = weight
        self.slant = slant
        self.color = color
        self.underline = underline
        self.strikethrough = strikethrough
        self.family = family
        self.scale = scale
        self.breakable = breakable
        self.link = link
        self.linkDescription = linkDescription
    }
}

/// The measured size of a text layout, in user units.
public struct TextMetrics: Sendable, Hashable {
    /// Width of the widest line's logical extent.
    public var width: Double
    /// Height of all lines, spacing included.
    public var height: Double
    /// Distance from the top to the first line's baseline.
    public var baseline: Double
    public var lineCount: Int
    /// Characters no available font could draw (they appear as hex boxes).
    public var unknownGlyphs: Int
}
