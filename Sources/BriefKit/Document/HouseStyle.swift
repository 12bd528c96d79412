/// A committee's house style, from the brief folder's style file (docs/format.md, "House style"): what HTML, PDF and
/// Word print around the briefing. It holds no marking: a letterhead is public and is printed in every edition.
public struct HouseStyle: Sendable, Hashable {
    /// The letterhead's lines of text (the committee's name, its address), printed above the memo.
    public var letterhead: [String]
    /// A PNG image printed beside the letterhead (a seal), with its text alternative.
    public var letterheadImage: Image?
    /// The accent colour of headings, rules and flags.
    public var accent: Color
    /// Font families: body text and headings (writers fall back on their defaults when a font is missing).
    public var bodyFont: String
    public var headingFont: String
    public var pageSize: PageSize

    public enum PageSize: String, Sendable, Hashable, CaseIterable {
        /// US Letter, 8.5 × 11 inches.
        case letter
        /// ISO A4, 210 × 297 mm.
        case a4
    }

    /// An sRGB colour.
    public struct Color: Sendable, Hashable {
        public var red: UInt8
        public var green: UInt8
        public var blue: UInt8

        public init(red: UInt8, green: UInt8, blue: UInt8) {
            self.red = red
            self.green = green
            self.blue = blue
        }

        /// Parses `#RRGGBB`.
        public init?(hex: String) {
            let digits = Array(hex.utf8)
            guard digits.count == 7, digits[0] == UInt8(ascii: "#"),
                  let value = UInt32(String(decoding: digits[1...], as: UTF8.self), radix: 16) else { return nil }
            self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
        }

        /// `#RRGGBB`, upper case.
        public var hex: String {
            "#" + [red, green, blue].map { byte in
                let digits = String(byte, radix: 16, uppercase: true)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
        }
    }

    /// A PNG image: its bytes (checked to be a PNG of at most `Image.maxBytes`), its size in pixels, and its text.
    public struct Image: Sendable, Hashable {
        public var png: [UInt8]
        public var pixelWidth: Int
        public var pixelHeight: Int
        /// What the image shows, for screen readers and text formats.
        public var description: String

        public static let maxBytes = 1 << 20

        public init(png: [UInt8], pixelWidth: Int, pixelHeight: Int, description: String) {
            self.png = png
            self.pixelWidth = pixelWidth
            self.pixelHeight = pixelHeight
            self.description = description
        }

        /// Reads the size of a PNG from its IHDR chunk; nil when `bytes` is not a PNG.
        public init?(png bytes: [UInt8], description: String) {
            let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            guard bytes.count > 24, bytes.count <= Self.maxBytes, Array(bytes[0..<8]) == signature,
                  Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
            func word(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
            let width = word(16), height = word(20)
            guard (1...10_000).contains(width), (1...10_000).contains(height) else { return nil }
            self.init(png: bytes, pixelWidth: width, pixelHeight: height, description: description)
        }
    }

    public init(letterhead: [String] = [], letterheadImage: Image? = nil, accent: Color = HouseStyle.standardAccent,
                bodyFont: String = "DejaVu Serif", headingFont: String = "DejaVu Sans", pageSize: PageSize = .letter) {
        self.letterhead = letterhead
        self.letterheadImage = letterheadImage
        self.accent = accent
        self.bodyFont = bodyFont
        self.headingFont = headingFont
        self.pageSize = pageSize
    }

    /// The style of a brief without a style file: no letterhead, navy accent, DejaVu fonts, US Letter.
    public static let standard = HouseStyle()
    public static let standardAccent = Color(red: 0x1F, green: 0x3A, blue: 0x5F)
}

extension HouseStyle {
    /// The style a manifest sets (values the schema has checked), with its letterhead image as read.
    public init(_ spec: StyleSpec?, image: Image?) {
        self.init()
        guard let spec else { return }
        letterhead = spec.letterhead
        letterheadImage = image
        if let accent = spec.accent.flatMap(Color.init(hex:)) { self.accent = accent }
        if let font = spec.bodyFont { bodyFont = font }
        if let font = spec.headingFont { headingFont = font }
        if let size = spec.pageSize.flatMap(PageSize.init(rawValue:)) { pageSize = size }
    }
}
