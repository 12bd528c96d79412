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
    /// The text as set (NUL replaced), one piece a run, kept to set it again with line separators in it.
    private let pieces: [(bytes: [UInt8], run: TextRun)]
    /// Whether the text has a word longer than any line, so that `setWidth` breaks its lines itself.
    private let breaksItsOwnLines: Bool
    /// Whether line separators are in the text now.
    private var separated = false
    /// Byte ranges, in the text as set now, of the runs that link somewhere.
    private var linkRanges: [(bytes: Range<Int>, target: LinkTarget, description: String)] = []

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

        // Words are wrapped whole, and cut only when longer than a line (`PANGO_WRAP_WORD_CHAR`). Before it cuts a
        // word, Pango looks for a word break through the rest of it, line after line, and measures several places
        // to cut at by shaping the line again: a word of n characters took n² time. A text with a word longer
        // than any line is cut into lines by `setWidth` itself, the same way.
        pieces = runs.map { (Array(Self.cSafe($0.text).utf8), $0) }
        breaksItsOwnLines = Self.hasLongWord(pieces.map(\.bytes))
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

        try setText(lineEnds: [])
        try setWidth(width)
    }

    /// Where a line ends in a text that `setWidth` cuts itself: the original bytes `start..<end` (the white space
    /// before the next line, if any) become a line separator, U+2028.
    struct LineEnd: Equatable {
        var start: Int
        var end: Int
    }

    /// Sets the text, with `lineEnds` (ascending, apart) made line separators, and the byte ranges of runs that
    /// differ from the base style.
    private func setText(lineEnds: [LineEnd]) throws(TypesettingError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(3 * lineEnds.count) { $0 + $1.bytes.count })
        guard let attributes = pango_attr_list_new() else { throw .pango(operation: "pango_attr_list_new") }
        defer { pango_attr_list_unref(attributes) }
        var original = 0, next = 0, skipped = 0
        linkRanges = []
        for (piece, run) in pieces {
            let start = UInt32(clamping: bytes.count)
            for index in piece.indices {
                let offset = original + index
                if next < lineEnds.count, offset == lineEnds[next].start {
                    bytes += [0xE2, 0x80, 0xA8]
                    skipped = lineEnds[next].end
                    next += 1
                }
                if offset >= skipped { bytes.append(piece[index]) }
            }
            original += piece.count
            let end = UInt32(clamping: bytes.count)
            guard end > start else { continue }
            if let link = run.link {
                linkRanges.append((Int(start)..<Int(end), link, run.linkDescription ?? run.text))
            }
            var made: [UnsafeMutablePointer<PangoAttribute>?] = []
            if let weight = run.weight { made.append(pango_attr_weight_new(weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)) }
            if let slant = run.slant { made.append(pango_attr_style_new(slant == .italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)) }
            if let color = run.color {
                made.append(pango_attr_foreground_new(Self.channel(color.red), Self.channel(color.green), Self.channel(color.blue)))
            }
            if run.underline { made.append(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE)) }
            if run.strikethrough { made.append(pango_attr_strikethrough_new(1)) }
            if let family = run.family { made.append(pango_attr_family_new(Self.cSafe(family))) }
            if let scale = run.scale, scale.isFinite, scale > 0 { made.append(pango_attr_scale_new(min(scale, 4))) }
            if !run.breakable { made.append(pango_attr_allow_breaks_new(0)) }
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
        separated = !lineEnds.isEmpty
    }

    /// Where to end lines of at most `width` units in the text, set unwrapped: at the last place a line may break
    /// (after a space, say) that keeps the line within the width, the white space before it dropped; in a word
    /// longer than the line, before the first cluster that does not fit (a cluster wider than a line gets a line
    /// of its own). One walk over the clusters, as Pango's `PANGO_WRAP_WORD_CHAR` would cut, without shaping the
    /// lines again.
    private func lineEnds(width: Int32) -> [LineEnd] {
        var count: Int32 = 0
        guard let attributes = pango_layout_get_log_attrs_readonly(layout, &count),
              let iterator = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iterator) }
        let text = pieces.flatMap(\.bytes)
        // Clusters come in visual order, a line (paragraph) after another; each line is cut in logical order.
        var ends: [LineEnd] = []
        var clusters: [(byte: Int, width: Int32)] = []
        var character = 0, scanned = 0
        func cut() {
            clusters.sort { $0.byte < $1.byte }
            var lineStart = 0, lineWidth: Int32 = 0
            var breakable: Int?
            var before: [Int32] = [0]
            before.reserveCapacity(clusters.count + 1)
            for (index, cluster) in clusters.enumerated() {
                // The cluster's first character, counted on the bytes before it.
                while scanned < min(cluster.byte, text.count) {
                    if text[scanned] & 0xC0 != 0x80 { character += 1 }
                    scanned += 1
                }
                let attribute = character < Int(count) ? attributes[character] : PangoLogAttr()
                if index > lineStart, attribute.is_line_break != 0 { breakable = index }
                // White space at the end of a line may pass the width: it is dropped there.
                while attribute.is_white == 0, index > lineStart, lineWidth + cluster.width > width {
                    let next = breakable ?? index
                    var white = next
                    while white > lineStart + 1, Self.isSpace(text, clusters[white - 1].byte) { white -= 1 }
                    ends.append(LineEnd(start: clusters[white].byte, end: clusters[next].byte))
                    lineStart = next
                    lineWidth = before[index] - before[next]
                    breakable = nil
                }
                lineWidth += cluster.width
                before.append(before[index] + cluster.width)
            }
            clusters.removeAll(keepingCapacity: true)
        }
        var line = pango_layout_iter_get_line_readonly(iterator)
        repeat {
            let current = pango_layout_iter_get_line_readonly(iterator)
            if current != line {
                cut()
                line = current
            }
            var logical = PangoRectangle()
            pango_layout_iter_get_cluster_extents(iterator, nil, &logical)
            clusters.append((Int(pango_layout_iter_get_index(iterator)), max(0, logical.width)))
        } while pango_layout_iter_next_cluster(iterator) != 0
        cut()
        return ends.sorted { $0.start < $1.start }
    }

    /// Whether the byte at `offset` of `text` is a space or a tab.
    private static func isSpace(_ text: [UInt8], _ offset: Int) -> Bool {
        offset < text.count && (text[offset] == 0x20 || text[offset] == 0x09)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// Rewraps the text to `width` (nil: no wrapping) and measures it again.
    ///
    /// A text with a word longer than any line is cut into lines here, in one pass over its clusters as set
    /// unwrapped, with a line separator (U+2028, drawn as nothing) where each line ends; Pango then has only to
    /// set lines that fit. (Left to find the cuts, Pango shapes every line several times over.)
    public func setWidth(_ width: Double?) throws(TypesettingError) {
        if let width {
            guard width.isFinite, width >= 0 else { throw .invalidArgument(operation: "text layout width", reason: "\(width)") }
        }
        if breaksItsOwnLines {
            if separated { try setText(lineEnds: []) }
            pango_layout_set_width(layout, -1)
            if let width {
                // A little room for kerning across a cut, which the unwrapped clusters counted.
                let ends = lineEnds(width: max(1, Self.units(width - style.font.size / 10)))
                if !ends.isEmpty { try setText(lineEnds: ends) }
            }
        }
        if let width, !(separated && style.alignment == .left && !style.autoDirection) {
            pango_layout_set_width(layout, max(1, Self.units(width)))
        } else {
            // Lines cut here and set flush left need no width: Pango would only shape each of them again to see
            // that it fits.
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

    /// Where a linked run lies: its target and description, and one rectangle a line it is on.
    public struct LinkArea {
        public var target: LinkTarget
        public var description: String
        public var rects: [Rect]
    }

    /// The links in lines `lines` (nil: all), in the coordinates the layout is drawn in: from its top-left corner,
    /// or, for some lines, from the top of the first of them (as `DrawingContext.draw(_:at:lines:)` draws them).
    public func linkAreas(lines range: Range<Int>? = nil) -> [LinkArea] {
        guard !linkRanges.isEmpty else { return [] }
        let boxes = lines
        let drawn = (range ?? 0..<boxes.count).clamped(to: 0..<boxes.count)
        guard let first = drawn.first, let iterator = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iterator) }
        let top = range == nil ? 0 : boxes[first].top
        var areas = linkRanges.map { LinkArea(target: $0.target, description: $0.description, rects: []) }
        var index = 0
        repeat {
            defer { index += 1 }
            guard drawn.contains(index), let line = pango_layout_iter_get_line_readonly(iterator) else { continue }
            let lineStart = Int(line.pointee.start_index)
            let lineEnd = lineStart + Int(line.pointee.length)
            for (number, link) in linkRanges.enumerated() {
                let start = max(lineStart, link.bytes.lowerBound), end = min(lineEnd, link.bytes.upperBound)
                guard start < end else { continue }
                var ranges: UnsafeMutablePointer<Int32>?
                var count: Int32 = 0
                pango_layout_line_get_x_ranges(line, Int32(start), Int32(end), &ranges, &count)
                guard let ranges else { continue }
                defer { g_free(ranges) }
                let box = boxes[index]
                for pair in 0..<Int(count) {
                    let x0 = Self.points(ranges[2 * pair]), x1 = Self.points(ranges[2 * pair + 1])
                    guard x1 > x0 else { continue }
                    areas[number].rects.append(Rect(x: x0, y: box.top - top, width: x1 - x0, height: box.bottom - box.top))
                }
            }
        } while pango_layout_iter_next_line(iterator) != 0
        return areas.filter { !$0.rects.isEmpty }
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

    /// Bytes in a row without a space or line break beyond which `setWidth` cuts a text's lines itself (more than
    /// the widest line holds).
    static let longWordBytes = 512

    /// Whether the text has more than `longWordBytes` bytes in a row without a space, tab or line break.
    static func hasLongWord(_ pieces: [[UInt8]]) -> Bool {
        var word = 0
        for piece in pieces {
            for index in piece.indices {
                switch piece[index] {
                case 0x20, 0x09, 0x0A, 0x0D: word = 0
                default:
                    word += 1
                    if word > longWordBytes { return true }
                }
            }
        }
        return false
    }

    /// Text that survives C strings: NUL becomes U+FFFD.
    static func cSafe(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
    }
}
