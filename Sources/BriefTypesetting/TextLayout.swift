import CPangoCairo

/// A paragraph of text shaped by Pango: measured once, drawable whole or line by line.
///
/// Owns its `PangoLayout`. Text is always set with `pango_layout_set_text` (never markup); emphasis comes from
/// attributes. Belongs to the `DrawingContext` that made it, and to its thread.
public final class TextLayout {
    let layout: OpaquePointer
    let context: DrawingContext
    public let style: TextStyle
    /// The size of the whole layout.
    public private(set) var metrics: TextMetrics
    private var cachedLines: [LineBox]?

    /// One line's place in the layout, in user units from the layout's top-left corner.
    public struct LineBox: Sendable, Hashable {
        /// Top and bottom of the line, including half the line spacing on each side.
        public var top: Double
        public var bottom: Double
        /// Left edge of the line (moved by alignment) and its baseline.
        public var x: Double
        public var baseline: Double
        public var unknownGlyphs: Int
    }

    init(context: DrawingContext, runs: [TextRun], style: TextStyle, width: Double?) throws(TypesettingError) {
        guard style.font.size.isFinite, style.font.size > 0 else {
            throw .invalidArgument(operation: "text layout", reason: "font size \(style.font.size)")
        }
        guard let layout = pango_layout_new(context.pango) else { throw .pango(operation: "pango_layout_new") }
        self.layout = layout
        self.context = context
        self.style = style
        self.metrics = TextMetrics(width: 0, height: 0, baseline: 0, lineCount: 0, unknownGlyphs: 0)

        guard let description = pango_font_description_new() else { throw .pango(operation: "pango_font_description_new") }
        pango_font_description_set_family(description, Self.cSafe(style.font.family))
        pango_font_description_set_absolute_size(description, style.font.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, style.font.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(description, style.font.slant == .italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)

        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_auto_dir(layout, style.autoDirection ? 1 : 0)
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        if style.lineSpacing.isFinite, style.lineSpacing > 0 {
            pango_layout_set_spacing(layout, Self.units(style.lineSpacing))
        }

        // The text, and the byte ranges of runs that differ from the base style.
        var bytes: [UInt8] = []
        guard let attributes = pango_attr_list_new() else { throw .pango(operation: "pango_attr_list_new") }
        defer { pango_attr_list_unref(attributes) }
        for run in runs {
            let start = UInt32(clamping: bytes.count)
            bytes += Array(Self.cSafe(run.text).utf8)
            let end = UInt32(clamping: bytes.count)
            guard end > start else { continue }
            var made: [UnsafeMutablePointer<PangoAttribute>?] = []
            if let weight = run.weight { made.append(pango_attr_weight_new(weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)) }
            if let slant = run.slant { made.append(pango_attr_style_new(slant == .italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)) }
            if let color = run.color {
                made.append(pango_attr_foreground_new(Self.channel(color.red), Self.channel(color.green), Self.channel(color.blue)))
            }
            if run.underline { made.append(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE)) }
            for attribute in made {
                guard let attribute else { throw .pango(operation: "pango_attr_*_new") }
                attribute.pointee.start_index = start
                attribute.pointee.end_index = end
                pango_attr_list_insert(attributes, attribute)
            }
        }
        guard bytes.count < Int(Int32.max) else { throw .invalidArgument(operation: "text layout", reason: "text too long") }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { pango_layout_set_text(layout, $0.baseAddress, Int32(buffer.count)) }
        }
        pango_layout_set_attributes(layout, attributes)
        try setWidth(width)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// Rewraps the text to `width` (nil: no wrapping) and measures it again.
    public func setWidth(_ width: Double?) throws(TypesettingError) {
        if let width {
            guard width.isFinite, width >= 0 else { throw .invalidArgument(operation: "text layout width", reason: "\(width)") }
            pango_layout_set_width(layout, max(1, Self.units(width)))
        } else {
            pango_layout_set_width(layout, -1)
        }
        cachedLines = nil
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        metrics = TextMetrics(width: Self.points(logical.width), height: Self.points(logical.height),
                              baseline: Self.points(pango_layout_get_baseline(layout)),
                              lineCount: Int(pango_layout_get_line_count(layout)),
                              unknownGlyphs: Int(pango_layout_get_unknown_glyphs_count(layout)))
    }

    /// The lines, top to bottom.
    public var lines: [LineBox] {
        if let cachedLines { return cachedLines }
        var boxes: [LineBox] = []
        guard let iterator = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iterator) }
        repeat {
            var logical = PangoRectangle()
            var y0: Int32 = 0, y1: Int32 = 0
            pango_layout_iter_get_line_extents(iterator, nil, &logical)
            pango_layout_iter_get_line_yrange(iterator, &y0, &y1)
            let baseline = pango_layout_iter_get_baseline(iterator)
            let unknown = pango_layout_iter_get_line_readonly(iterator).map(Self.unknownGlyphs(in:)) ?? 0
            boxes.append(LineBox(top: Self.points(y0), bottom: Self.points(y1), x: Self.points(logical.x),
                                 baseline: Self.points(baseline), unknownGlyphs: unknown))
        } while pango_layout_iter_next_line(iterator) != 0
        cachedLines = boxes
        return boxes
    }

    func unknownGlyphs(inLines range: Range<Int>) -> Int {
        let boxes = lines
        return range.clamped(to: 0..<boxes.count).reduce(0) { $0 + boxes[$1].unknownGlyphs }
    }

    /// Glyphs of a line that carry Pango's unknown-glyph flag (drawn as hex boxes).
    private static func unknownGlyphs(in line: UnsafeMutablePointer<PangoLayoutLine>) -> Int {
        var count = 0
        var node = line.pointee.runs
        while let current = node {
            if let run = current.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self), let glyphs = run.pointee.glyphs,
               let infos = glyphs.pointee.glyphs {
                for index in 0..<Int(max(0, glyphs.pointee.num_glyphs)) where infos[index].glyph & 0x1000_0000 != 0 {
                    count += 1
                }
            }
            node = current.pointee.next
        }
        return count
    }

    // MARK: Helpers

    static func units(_ value: Double) -> Int32 {
        Int32(clamping: Int((value * Double(PANGO_SCALE)).rounded()))
    }

    static func points(_ value: Int32) -> Double {
        Double(value) / Double(PANGO_SCALE)
    }

    static func channel(_ value: Double) -> UInt16 {
        UInt16((min(max(value, 0), 1) * 65535).rounded())
    }

    /// Text that survives C strings: NUL becomes U+FFFD.
    static func cSafe(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
    }
}
