import BriefTypesetting

/// A paginated PDF committee memo, drawn with Cairo and Pango from the document IR alone.
///
/// Every page carries the banner at top and bottom and "Page X of Y"; the first page carries the house style's
/// letterhead. Paragraphs wrap and break between lines (at least two lines each side of a break); tables break
/// between rows (a row taller than a page breaks between lines), repeat their header row and leave no row alone at
/// a page's start or end; headings stay with what follows them; charts are drawn as vectors. Code (hashes, ids)
/// never breaks across lines. Text is shaped by Pango (accents, Arabic, combining marks), never parsed as markup.
/// The output depends only on the document: the PDF dates are the metadata date at 00:00:00Z.
public struct PDFWriter: Sendable {
    public enum PageSize: Sendable, Hashable {
        case letter, a4

        /// The page size a house style asks for.
        public init(_ size: HouseStyle.PageSize) {
            switch size {
            case .letter: self = .letter
            case .a4: self = .a4
            }
        }

        /// Width and height in points.
        var points: (width: Double, height: Double) {
            switch self {
            case .letter: (612, 792)
            case .a4: (595.276, 841.89)
            }
        }
    }

    /// A PDF and what it took to draw it.
    public struct Rendering: Sendable {
        public var bytes: [UInt8]
        public var pageCount: Int
        /// Characters drawn as hex boxes because no installed font has them (CJK with only DejaVu, say).
        public var unknownGlyphs: Int
    }

    /// The page size; nil: the document's house style decides.
    public var pageSize: PageSize?

    public init(pageSize: PageSize? = nil) {
        self.pageSize = pageSize
    }

    /// The PDF bytes.
    public func render(_ document: BriefDocument) throws -> [UInt8] {
        try renderWithReport(document).bytes
    }

    /// The PDF bytes with the page count and the number of characters no font could draw.
    public func renderWithReport(_ document: BriefDocument) throws(TypesettingError) -> Rendering {
        let size = (pageSize ?? PageSize(document.style.pageSize)).points
        let metadata = PDFCanvas.Metadata(
            title: PDFLayout.clean(document.metadata.title), subject: PDFLayout.clean(document.metadata.subject), author: nil,
            keywords: document.metadata.keywords.map(PDFLayout.clean), creator: PDFLayout.clean(document.metadata.generator),
            date: document.metadata.date.iso + "T00:00:00Z", language: document.metadata.language, marking: document.banner.banner)
        let canvas = try PDFCanvas(width: size.width, height: size.height, metadata: metadata)
        let layout = PDFLayout(context: canvas.context, pageWidth: size.width, pageHeight: size.height, marks: document.showsPortionMarks,
                               style: document.style)
        let pages = try layout.paginate(document)
        try layout.draw(pages, document: document, on: canvas)
        for entry in layout.outline {
            let item = try canvas.addOutlineItem(title: entry.title, destination: entry.destination)
            for child in entry.children { try canvas.addOutlineItem(title: child.title, destination: child.destination, parent: item) }
        }
        let unknown = canvas.context.unknownGlyphsDrawn
        let bytes = try canvas.finish()
        return Rendering(bytes: bytes, pageCount: pages.count, unknownGlyphs: unknown)
    }
}

/// The layout engine behind `PDFWriter`: flows the IR into pages of drawing operations, then draws them.
/// One per render; it holds Cairo and Pango objects, so it stays on the rendering thread.
final class PDFLayout {
    /// What a page holds, in page coordinates.
    enum Operation {
        case text(TextLayout, Point, lines: Range<Int>?)
        case fill(Rect, RGB)
        case line(Point, Point, StrokeStyle)
        case chart(Chart, Rect)
        case image(PNGImage, Rect)
        /// A structure element of the tagged PDF begins; it ends at the matching `end`. Elements open at a page's
        /// end are closed there and begun again on the next page (Cairo 1.16 has no artifacts: page furniture
        /// drawn inside an element would belong to it).
        case begin(StructureElement)
        case end
        /// A named destination (for the outline and citations), where it is placed.
        case destination(String, Point)
    }

    /// An entry of the outline: a section, with its people in the People section.
    struct OutlineEntry {
        var title: String
        var destination: String
        var children: [OutlineEntry] = []
    }

    let context: DrawingContext
    let pageWidth: Double
    let pageHeight: Double
    let marks: Bool
    let style: HouseStyle

    // Geometry (points).
    let margin = 54.0
    var textWidth: Double { pageWidth - 2 * margin }
    var bodyTop: Double { 66 }
    var bodyBottom: Double { pageHeight - 70 }

    // Type. The house style picks the body (serif) and heading (sans) families; these are the fallbacks.
    static let serif = "DejaVu Serif"
    static let sans = "DejaVu Sans"
    static let mono = "DejaVu Sans Mono"
    /// Code is set a little smaller than the text around it: a monospace face looks larger at the same size.
    static let codeScale = 0.9
    static let ink = RGB(hex: 0x1F2328)
    static let muted = RGB(hex: 0x5B6169)
    /// A redline's inserted and deleted text.
    static let inserted = RGB(hex: 0x0B5A1F)
    static let deleted = RGB(hex: 0x8B1A24)
    static let rule = RGB(hex: 0xC9CFD6)
    static let headerFill = RGB(hex: 0xDDE3EA)
    static let zebra = RGB(hex: 0xF5F7F9)
    static let flaggedFill = RGB(hex: 0xFDF0D5)
    static let link = RGB(hex: 0x1A4D8F)

    /// The house style's families, each with its fallback.
    let serif: String
    let sans: String
    let accent: RGB

    let body: TextStyle
    let cell: TextStyle
    let headerCell: TextStyle
    let cellPadding = (x: 4.0, y: 3.2)

    // Flow state.
    private var pages: [[Operation]] = [[]]
    /// The outline, section by section, as laid out.
    private(set) var outline: [OutlineEntry] = []
    /// Notes that have a destination (their first appearance), for citations to link to.
    private var noteDestinations: Set<Int> = []
    private var y = 0.0

    init(context: DrawingContext, pageWidth: Double, pageHeight: Double, marks: Bool, style: HouseStyle = .standard) {
        self.context = context
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        self.marks = marks
        self.style = style
        self.serif = Self.family(style.bodyFont, fallback: Self.serif)
        self.sans = Self.family(style.headingFont, fallback: Self.sans)
        let color = style.accent
        self.accent = RGB(hex: UInt32(color.red) << 16 | UInt32(color.green) << 8 | UInt32(color.blue))
        self.body = TextStyle(font: FontSpec(family: serif, size: 10), color: Self.ink, lineSpacing: 2.6)
        self.cell = TextStyle(font: FontSpec(family: sans, size: 7.8), color: Self.ink, lineSpacing: 1)
        self.headerCell = TextStyle(font: FontSpec(family: sans, size: 7.8, weight: .bold), color: Self.ink, lineSpacing: 1)
        self.y = 66
    }

    /// A Pango family list: the requested family, then `fallback` for when it is not installed. (Fontconfig would
    /// otherwise substitute its own default face.) Commas would start further families: they are dropped.
    static func family(_ requested: String, fallback: String) -> String {
        let printable = String(String.UnicodeScalarView(requested.unicodeScalars.filter { $0.value >= 0x20 && $0 != "," && $0 != "\u{7F}" }))
        let name = printable.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !name.isEmpty, name.lowercased() != fallback.lowercased() else { return fallback }
        return Escaping.bounded(name, limit: 100) + "," + fallback
    }

    /// Data text for drawing: control and bidirectional formatting characters shown escaped (`Escaping.visible`),
    /// and at most `textLimit` characters, the cut said on the page. Shaping a text of hundreds of thousands of
    /// characters into one paragraph takes minutes and runs past what Cairo can place on a page.
    static func clean(_ text: String) -> String {
        let escaped = Escaping.visible(text)
        guard escaped.utf8.count > textLimit else { return escaped }
        let kept = Escaping.bounded(escaped, limit: textLimit)
        let omitted = escaped.unicodeScalars.count - textLimit
        guard omitted > 0 else { return escaped }
        return kept + " [\(omitted) more characters not shown in the PDF; the other formats have them]"
    }

    static let textLimit = 20_000

    // MARK: Flow

    private func emit(_ operation: Operation) {
        pages[pages.count - 1].append(operation)
    }

    private func newPage() {
        pages.append([])
        y = bodyTop
    }

    private var remaining: Double { bodyBottom - y }
    private var atPageTop: Bool { y <= bodyTop + 0.01 }

    /// Starts a new page unless `height` fits below the cursor (or the cursor is already at the top).
    private func keep(_ height: Double) {
        if height > remaining, !atPageTop { newPage() }
    }

    private func space(_ amount: Double) {
        if !atPageTop { y += amount }
    }

    func paginate(_ document: BriefDocument) throws(TypesettingError) -> [[Operation]] {
        pages = [[]]
        y = bodyTop
        outline = []
        noteDestinations = []
        for section in document.sections {
            for case .notes(let notes) in section.blocks { noteDestinations.formUnion(notes.map(\.number)) }
        }
        try placeLetterhead()
        let title = try context.layout(Self.clean(document.title),
                                       style: TextStyle(font: FontSpec(family: serif, size: 18, weight: .bold), color: Self.ink, lineSpacing: 2),
                                       width: textWidth)
        emit(.begin(StructureElement(.heading1)))
        place(title, x: margin)
        emit(.end)
        y += 6
        emit(.line(Point(x: margin, y: y), Point(x: margin + textWidth, y: y), StrokeStyle(color: accent, width: 1.5)))
        y += 10

        var notesPlaced: Set<Int> = []
        for section in document.sections {
            var people = 0
            var entry = OutlineEntry(title: Self.clean(section.heading), destination: "section-" + section.anchor)
            let blocks = try section.blocks.map { block throws(TypesettingError) -> Prepared in
                var destination: String?
                if section.kind == .people, case .heading(let heading) = block, heading.level <= 1 {
                    people += 1
                    destination = "person-\(section.anchor)-\(people)"
                    entry.children.append(OutlineEntry(title: Self.clean(heading.text), destination: "person-\(section.anchor)-\(people)"))
                }
                return try prepare(block, heading: section.heading, destination: destination, notesPlaced: &notesPlaced)
            }
            outline.append(entry)
            if section.startsOnNewPage, !atPageTop { newPage() }
            space(14)
            let headingRuns = (section.headingMarking.map(markRun) ?? []) + [TextRun(Self.clean(section.heading))]
            let heading = try context.layout(headingRuns,
                                             style: TextStyle(font: FontSpec(family: sans, size: 12.5, weight: .bold), color: accent),
                                             width: textWidth)
            // Keep the heading with the start of its first block.
            keep(heading.metrics.height + 7 + firstHeight(blocks, from: 0))
            emit(.destination(entry.destination, Point(x: margin, y: y)))
            emit(.begin(StructureElement(.heading1)))
            place(heading, x: margin)
            emit(.end)
            y += 2
            emit(.line(Point(x: margin, y: y), Point(x: margin + textWidth, y: y), StrokeStyle(color: Self.rule, width: 0.6)))
            y += 5
            for (index, block) in blocks.enumerated() {
                if index > 0 { space(blockGap) }
                if case .subheading = block {
                    // A subheading stays with the start of what follows it.
                    if index > 0 { space(subheadingSpace.above) }
                    keep(firstHeight(blocks, from: index))
                }
                try place(block)
                if case .subheading = block { y += subheadingSpace.below }
            }
        }
        return pages
    }

    /// Space between the blocks of a section.
    let blockGap = 8.0
    /// Space above a subheading (beside the space between blocks) and below it.
    let subheadingSpace = (above: 4.0, below: 1.0)

    /// The house style's letterhead at the top of the first page: the image (if Cairo can decode it; otherwise it
    /// is left out) at the left, the lines of text beside it, the first in the accent colour, then an accent rule.
    private func placeLetterhead() throws(TypesettingError) {
        let image = style.letterheadImage.flatMap { try? PNGImage(png: $0.png) }
        guard image != nil || !style.letterhead.isEmpty else { return }
        var imageSize = (width: 0.0, height: 0.0)
        if let image {
            let height = 54.0
            let width = min(height * Double(image.width) / Double(image.height), textWidth * 0.3)
            imageSize = (width, width * Double(image.height) / Double(image.width))
            emit(.image(image, Rect(x: margin, y: y, width: imageSize.width, height: imageSize.height)))
        }
        let textX = margin + (image == nil ? 0 : imageSize.width + 12)
        var textHeight = 0.0
        if !style.letterhead.isEmpty {
            let lines = style.letterhead.map { Self.clean($0) }
            var runs = [TextRun(lines[0], weight: .bold, color: accent, scale: 1.3)]
            for line in lines.dropFirst() { runs.append(TextRun("\n" + line)) }
            let text = try context.layout(runs, style: TextStyle(font: FontSpec(family: sans, size: 8.6), color: Self.muted, lineSpacing: 1.5),
                                          width: margin + textWidth - textX)
            let top = y + max(0, (imageSize.height - text.metrics.height) / 2)
            emit(.begin(StructureElement(.paragraph)))
            emit(.text(text, Point(x: textX, y: top), lines: nil))
            emit(.end)
            textHeight = text.metrics.height
        }
        y += max(imageSize.height, textHeight) + 8
        emit(.line(Point(x: margin, y: y), Point(x: margin + textWidth, y: y), StrokeStyle(color: accent, width: 0.8)))
        y += 14
    }

    /// Places a text layout at the cursor, breaking it between lines across pages (at least two lines each side
    /// when it can).
    private func place(_ layout: TextLayout, x: Double, extra: [Operation] = []) {
        let lines = layout.lines
        guard !lines.isEmpty else { return }
        var start = 0
        var pendingExtra = extra
        while start < lines.count {
            let top = lines[start].top
            var end = start
            while end < lines.count, y + (lines[end].bottom - top) <= bodyBottom + 0.01 { end += 1 }
            if end < lines.count {
                let wanted = min(2, lines.count - start)
                if end - start < wanted, !atPageTop {
                    newPage()
                    continue
                }
                if end == start { end = start + 1 }  // A line taller than the page: set it anyway.
                if lines.count - end == 1 {
                    // No lone last line: one more goes with it, or the whole (two-line) rest moves on.
                    if end - start > 2 {
                        end -= 1
                    } else if !atPageTop {
                        newPage()
                        continue
                    }
                }
            }
            let originY = y
            for operation in pendingExtra { emit(shifted(operation, by: originY)) }
            pendingExtra = []
            emit(.text(layout, Point(x: x, y: originY), lines: start == 0 && end == lines.count ? nil : start..<end))
            y = originY + (lines[end - 1].bottom - top)
            start = end
            if start < lines.count { newPage() }
        }
    }

    /// An operation given relative to a line's top (y = 0), moved to `originY`.
    private func shifted(_ operation: Operation, by originY: Double) -> Operation {
        switch operation {
        case .text(let layout, let point, let lines): .text(layout, Point(x: point.x, y: point.y + originY), lines: lines)
        case .fill(let rect, let color): .fill(Rect(x: rect.x, y: rect.y + originY, width: rect.width, height: rect.height), color)
        case .line(let a, let b, let style): .line(Point(x: a.x, y: a.y + originY), Point(x: b.x, y: b.y + originY), style)
        case .chart(let chart, let rect): .chart(chart, Rect(x: rect.x, y: rect.y + originY, width: rect.width, height: rect.height))
        case .image(let image, let rect): .image(image, Rect(x: rect.x, y: rect.y + originY, width: rect.width, height: rect.height))
        case .destination(let name, let point): .destination(name, Point(x: point.x, y: point.y + originY))
        case .begin, .end: operation
        }
    }

    // MARK: Blocks

    enum Prepared {
        case paragraph(TextLayout)
        case subheading(TextLayout, level: Int, destination: String?)
        case bullets([ListItem])
        case table(caption: TextLayout?, TableLayout)
        case chart(title: TextLayout, caption: TextLayout, chart: Chart, height: Double)
    }

    /// An item of a list: its marker (a bullet, a number) at `markerX` from the margin, its text at `indent`.
    struct ListItem {
        var marker: TextLayout
        var markerX: Double
        var text: TextLayout
        var indent: Double
        /// A destination at the item (a note's, for its citations).
        var destination: String?
    }

    /// A laid-out table: column positions, an optional header row and body rows of wrapped cells.
    struct TableLayout {
        struct Row {
            var cells: [TextLayout]
            var fill: RGB?
        }
        var widths: [Double]
        var header: Row?
        var rows: [Row]
        /// Whether each row's first cell heads the row (a facts table's labels).
        var headsRows = false
    }

    private func markRun(_ marking: Marking) -> [TextRun] {
        marks ? [TextRun(marking.portionMark + " ", weight: .bold, color: Self.muted)] : []
    }

    /// Runs of a table cell's content: as its plain text reads (links as their text, citations as [n]), code set
    /// as code, a redline's revisions marked.
    private func cellRuns(_ content: [Inline], size: Double, width: Double) throws(TypesettingError) -> [TextRun] {
        var made: [TextRun] = []
        for inline in content {
            switch inline {
            case .code(let code): made.append(try codeRun(code, size: size, width: width))
            case .revision(let revision, let inner): made += try cellRuns(inner, size: size, width: width).map { Self.marked($0, revision) }
            default: made.append(TextRun(Self.clean([inline].plainText)))
            }
        }
        return made
    }

    /// A run as a redline shows it: insertions underlined, deletions struck through, each in its colour.
    static func marked(_ run: TextRun, _ revision: Revision) -> TextRun {
        var run = run
        run.color = revision == .insertion ? inserted : deleted
        if revision == .insertion { run.underline = true } else { run.strikethrough = true }
        return run
    }

    /// Runs of `content` for a text of font size `size` on lines `width` wide (for code that must fit a line).
    private func runs(_ content: [Inline], size: Double, width: Double) throws(TypesettingError) -> [TextRun] {
        var made: [TextRun] = []
        for inline in content {
            if case .code(let code) = inline {
                made.append(try codeRun(code, size: size, width: width))
                continue
            }
            // A redline's insertions are underlined and its deletions struck through, besides their colour.
            if case .revision(let revision, let content) = inline {
                made += try runs(content, size: size, width: width).map { Self.marked($0, revision) }
                continue
            }
            let plain: [TextRun] = switch inline {
            case .text(let t): [TextRun(Self.clean(t))]
            case .strong(let t): [TextRun(Self.clean(t), weight: .bold)]
            case .emphasis(let t): [TextRun(Self.clean(t), slant: .italic)]
            case .date(let day): [TextRun(day.prose)]
            case .code, .revision: []
            case .link(let text, let href):
                Self.isWebLink(href)
                    ? (text == href ? [TextRun(Self.clean(href), color: Self.link, link: .uri(href), linkDescription: Self.clean(href))]
                        : [TextRun(Self.clean(text)),
                           TextRun(" (" + Self.clean(href) + ")", color: Self.link, link: .uri(href), linkDescription: Self.clean(text))])
                    : [TextRun(Self.clean(text))]
            case .citation(let n):
                noteDestinations.contains(n)
                    ? [TextRun("[\(n)]", color: Self.muted, link: .destination("note-\(n)"), linkDescription: "Note \(n)")]
                    : [TextRun("[\(n)]", color: Self.muted)]
            }
            made += plain
        }
        return made
    }

    /// Code (a hash, an id) in the monospace face, on one line: never broken. When it is wider than a line it is
    /// set smaller to fit (down to `minimumCodeScale`), and past that it overflows the line rather than breaks.
    private func codeRun(_ code: String, size: Double, width: Double) throws(TypesettingError) -> TextRun {
        let text = Self.clean(code)
        let natural = try context.layout(text, style: TextStyle(font: FontSpec(family: Self.mono, size: size * Self.codeScale))).metrics.width
        let scale = natural > width && natural > 0 ? max(Self.codeScale * width / natural, Self.minimumCodeScale) : Self.codeScale
        return TextRun(text, family: Self.mono, scale: scale, breakable: false)
    }

    static let minimumCodeScale = 0.5

    static func isWebLink(_ href: String) -> Bool {
        let lower = href.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    private func prepare(_ block: Block, heading: String, destination: String? = nil,
                         notesPlaced: inout Set<Int>) throws(TypesettingError) -> Prepared {
        switch block {
        case .paragraph(let paragraph):
            let content = try runs(paragraph.content, size: body.font.size, width: textWidth)
            return .paragraph(try context.layout(markRun(paragraph.marking) + content, style: body, width: textWidth))
        case .bullets(let list):
            return .bullets(try listItems(list.items.map { ($0.marking, $0.content) }, ordered: list.ordered))
        case .notes(let notes):
            var items = try listItems(notes.map { ($0.marking, $0.content) }, ordered: false)
            for (index, note) in notes.enumerated() where notesPlaced.insert(note.number).inserted {
                items[index].destination = "note-\(note.number)"
            }
            return .bullets(items)
        case .heading(let heading):
            var text = [TextRun(Self.clean(heading.text))]
            if let revised = heading.revisedText { text = try self.runs(revised, size: 11, width: textWidth) }
            let runs = (heading.marking.map(markRun) ?? []) + text
            // A part of a part (a person's "Detention" in the People section) is smaller, in the text's colour.
            let style = heading.level <= 1 ? TextStyle(font: FontSpec(family: sans, size: 11, weight: .bold), color: accent)
                : TextStyle(font: FontSpec(family: sans, size: 9.8, weight: .bold), color: Self.ink)
            return .subheading(try context.layout(runs, style: style, width: textWidth), level: heading.level, destination: destination)
        case .facts(let facts):
            let caption = facts.caption.isEmpty || facts.caption.lowercased() == heading.lowercased() ? nil : try captionLayout(facts.caption)
            let labels = facts.rows.map { row in [markRun(row.marking) + [TextRun(Self.clean(row.label))]] }
            let labelStyle = TextStyle(font: FontSpec(family: sans, size: 8.6, weight: .bold), color: Self.muted, lineSpacing: 1.5)
            let valueStyle = TextStyle(font: FontSpec(family: serif, size: 9.6), color: Self.ink, lineSpacing: 2)
            var rows: [TableLayout.Row] = []
            let labelLayouts = try labels.map { runs throws(TypesettingError) in try context.layout(runs[0], style: labelStyle) }
            let natural = (labelLayouts.map(\.metrics.width).max() ?? 0) + 2 * cellPadding.x + 6
            let labelWidth = min(natural, textWidth * 0.32)
            let widths = [labelWidth, textWidth - labelWidth]
            for (label, row) in zip(labelLayouts, facts.rows) {
                try label.setWidth(widths[0] - 2 * cellPadding.x)
                let width = widths[1] - 2 * cellPadding.x
                let valueLayout = try context.layout(try runs(row.value, size: valueStyle.font.size, width: width), style: valueStyle, width: width)
                rows.append(TableLayout.Row(cells: [label, valueLayout], fill: nil))
            }
            return .table(caption: caption, TableLayout(widths: widths, header: nil, rows: rows, headsRows: true))
        case .table(let table):
            let caption = table.caption.isEmpty || table.caption.lowercased() == heading.lowercased() ? nil : try captionLayout(table.caption)
            return .table(caption: caption, try layoutTable(table))
        case .chart(let chart):
            let title = try context.layout(markRun(chart.marking) + [TextRun(Self.clean(chart.title), weight: .bold)],
                                           style: TextStyle(font: FontSpec(family: sans, size: 9.5), color: Self.ink), width: textWidth)
            let caption = try context.layout(Self.clean(chart.description),
                                             style: TextStyle(font: FontSpec(family: serif, size: 8.6, slant: .italic), color: Self.muted, lineSpacing: 1.5),
                                             width: textWidth)
            let painter = ChartPainter()
            let room = bodyBottom - bodyTop - title.metrics.height - caption.metrics.height - 16
            let height = chart.points.isEmpty ? 0 : min(painter.preferredHeight(for: chart, width: textWidth), room)
            return .chart(title: title, caption: caption, chart: chart, height: height)
        }
    }

    /// Items of a list: a bullet, or a number ("1.", right-aligned before the text), and the item's text, wrapped
    /// beside it.
    private func listItems(_ items: [(marking: Marking, content: [Inline])], ordered: Bool) throws(TypesettingError) -> [ListItem] {
        let markers = try items.indices.map { index throws(TypesettingError) in
            try context.layout(ordered ? "\(index + 1)." : "•", style: body)
        }
        let widest = markers.map(\.metrics.width).max() ?? 0
        let indent = ordered ? max(18, widest + 6) : 14
        return try zip(items, markers).map { item, marker throws(TypesettingError) in
            let content = try runs(item.content, size: body.font.size, width: textWidth - indent)
            let text = try context.layout(markRun(item.marking) + content, style: body, width: textWidth - indent)
            return ListItem(marker: marker, markerX: ordered ? indent - 4 - marker.metrics.width : 3, text: text, indent: indent)
        }
    }

    private func captionLayout(_ text: String) throws(TypesettingError) -> TextLayout {
        try context.layout(Self.clean(text), style: TextStyle(font: FontSpec(family: sans, size: 8.6, weight: .bold), color: Self.muted), width: textWidth)
    }

    /// Column widths proportional to content, fitting the text width; every cell wrapped to its column.
    private func layoutTable(_ table: DataTable) throws(TypesettingError) -> TableLayout {
        var titles = table.columns.map { Self.clean($0.title) }
        var numeric = table.columns.map(\.numeric)
        var body = table.rows.map { row in (0..<table.columns.count).map { $0 < row.cells.count ? Self.clean(row.cells[$0].plainText) : "" } }
        if marks {
            titles.insert("Mark", at: 0)
            numeric.insert(false, at: 0)
            body = zip(body, table.rows).map { [$1.marking.portionMark] + $0 }
        }
        let count = titles.count
        guard count > 0 else { return TableLayout(widths: [], header: nil, rows: []) }
        let header = try titles.enumerated().map { index, title throws(TypesettingError) in
            try context.layout(title, style: aligned(headerCell, numeric[index]))
        }
        var cells = try body.map { row throws(TypesettingError) in
            try row.enumerated().map { index, text throws(TypesettingError) in try context.layout(text, style: aligned(cell, numeric[index])) }
        }
        // Cells holding code (a hash, an id), by row and column of `body`: their columns are made wide enough for
        // the code on one line where they can be, and the cells are set again once the widths are known.
        let shift = marks ? 1 : 0
        var codeCells: [(row: Int, column: Int, content: [Inline])] = []
        var codeWidth = [Double](repeating: 0, count: count)
        for (rowIndex, row) in table.rows.enumerated() {
            for (index, value) in row.cells.enumerated() where index < table.columns.count {
                guard case .inlines(let content) = value else { continue }
                let codes = content.side(.insertion).compactMap { inline -> String? in if case .code(let code) = inline { code } else { nil } }
                guard !codes.isEmpty || content.hasRevisions else { continue }
                codeCells.append((rowIndex, index + shift, content))
                for code in codes {
                    let font = FontSpec(family: Self.mono, size: cell.font.size * Self.codeScale)
                    let width: Double = try context.layout(Self.clean(code), style: TextStyle(font: font)).metrics.width
                    codeWidth[index + shift] = max(codeWidth[index + shift], width)
                }
            }
        }
        // Natural (unwrapped) and minimum widths. A column's minimum fits its header's longest word (measured) and,
        // up to a cap, the longest word of its cells (from each cell's measured average character width).
        let pad = 2 * cellPadding.x
        var natural = [Double](repeating: 0, count: count)
        var minimum = [Double](repeating: 0, count: count)
        var area = [Double](repeating: 0, count: count)
        for column in 0..<count {
            var headerWord = 0.0
            for word in titles[column].split(whereSeparator: \.isWhitespace) {
                let measured: Double = try context.layout(String(word), style: headerCell).metrics.width
                headerWord = max(headerWord, measured)
            }
            natural[column] = header[column].metrics.width
            minimum[column] = headerWord
            let cap: Double = textWidth * 0.2
            for rowIndex in cells.indices {
                let width: Double = cells[rowIndex][column].metrics.width
                natural[column] = max(natural[column], width)
                area[column] += width
                let text: String = body[rowIndex][column]
                let characters: Int = max(1, text.unicodeScalars.count)
                let longest: Int = Self.longestWord(text)
                var word: Double = width
                if longest < characters { word = width * Double(longest) / Double(characters) * 1.08 }
                minimum[column] = max(minimum[column], min(word, cap))
            }
            natural[column] = min(natural[column], textWidth) + pad
            minimum[column] = max(minimum[column], min(codeWidth[column], textWidth * 0.5))
            minimum[column] = min(max(minimum[column], 10) + pad, natural[column])
        }
        let widths = Self.columnWidths(natural: natural, minimum: minimum, weights: area, total: textWidth)
        for (rowIndex, column, content) in codeCells {
            let width = max(1, widths[column] - pad)
            let runs = try cellRuns(content, size: cell.font.size, width: width)
            cells[rowIndex][column] = try context.layout(runs, style: aligned(cell, numeric[column]))
        }
        for column in 0..<count {
            try header[column].setWidth(max(1, widths[column] - pad))
            for row in cells { try row[column].setWidth(max(1, widths[column] - pad)) }
        }
        let rows = zip(cells, table.rows).enumerated().map { index, pair in
            TableLayout.Row(cells: pair.0, fill: pair.1.flagged ? Self.flaggedFill : (index % 2 == 1 ? Self.zebra : nil))
        }
        return TableLayout(widths: widths, header: TableLayout.Row(cells: header, fill: Self.headerFill), rows: rows)
    }

    /// Widths summing to `total`: every column gets its minimum, then the rest goes to columns still below their
    /// natural width in proportion to their weight (the amount of text they hold), none beyond natural; what is left
    /// when all are natural goes mostly to the widest columns. Minimums wider than `total` shrink in proportion.
    static func columnWidths(natural: [Double], minimum: [Double], weights: [Double], total: Double) -> [Double] {
        let minimumSum = minimum.reduce(0, +)
        guard minimumSum < total else { return minimum.map { $0 * total / max(minimumSum, 1) } }
        var widths = minimum
        var remaining = total - minimumSum
        var rounds = 0
        while remaining > 0.01, rounds < natural.count + 1 {
            rounds += 1
            let open = widths.indices.filter { widths[$0] < natural[$0] - 0.01 }
            guard !open.isEmpty else { break }
            let weightSum = open.reduce(0.0) { $0 + max(weights[$1], 1) }
            var given = 0.0
            for column in open {
                let share = remaining * max(weights[column], 1) / weightSum
                let grant = min(share, natural[column] - widths[column])
                widths[column] += grant
                given += grant
            }
            remaining -= given
        }
        if remaining > 0.01 {
            // Mostly to the wide columns: narrow ones (marks, ids, numbers) stay snug.
            let squares = widths.map { $0 * $0 }
            let sum = max(squares.reduce(0, +), 1)
            for column in widths.indices { widths[column] += remaining * squares[column] / sum }
        }
        return widths
    }

    private func aligned(_ style: TextStyle, _ numeric: Bool) -> TextStyle {
        var copy = style
        copy.alignment = numeric ? .right : .left
        return copy
    }

    /// Characters in the longest run without white space.
    static func longestWord(_ text: String) -> Int {
        var longest = 0, current = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                longest = max(longest, current)
                current = 0
            } else {
                current += 1
            }
        }
        return max(longest, current)
    }

    /// The height that must fit with a heading: the first unbreakable piece of the blocks from `index` on (a
    /// subheading and the start of what follows it).
    private func firstHeight(_ blocks: [Prepared], from index: Int) -> Double {
        guard index < blocks.count else { return 0 }
        return switch blocks[index] {
        case .paragraph(let layout): firstLines(layout)
        case .subheading(let layout, _, _):
            layout.metrics.height + subheadingSpace.below + (index + 1 < blocks.count ? blockGap : 0) + firstHeight(blocks, from: index + 1)
        case .bullets(let items): items.first.map { firstLines($0.text) } ?? 0
        case .table(let caption, let table): (caption.map { $0.metrics.height + 4 } ?? 0) + tableStartHeight(table)
        case .chart(let title, let caption, _, let height): title.metrics.height + 6 + height + 6 + caption.metrics.height
        }
    }

    /// Rows kept together at a table's start, and at its end: a table of three rows or fewer is kept whole.
    static let keptRows = 2

    /// The height of a table's header and the rows that must start it on the same page.
    private func tableStartHeight(_ table: TableLayout) -> Double {
        let kept = table.rows.count <= Self.keptRows + 1 ? table.rows.count : Self.keptRows
        return (table.header.map(rowHeight) ?? 0) + table.rows.prefix(kept).reduce(0) { $0 + rowHeight($1) }
    }

    private func firstLines(_ layout: TextLayout) -> Double {
        let lines = layout.lines
        guard let first = lines.first else { return 0 }
        return lines[min(1, lines.count - 1)].bottom - first.top
    }

    private func rowHeight(_ row: TableLayout.Row) -> Double {
        (row.cells.map(\.metrics.height).max() ?? 0) + 2 * cellPadding.y
    }

    private func place(_ block: Prepared) throws(TypesettingError) {
        switch block {
        case .paragraph(let layout):
            emit(.begin(StructureElement(.paragraph)))
            place(layout, x: margin)
            emit(.end)
        case .subheading(let layout, let level, let destination):
            // A section's heading is H1; its parts are H2, their parts H3.
            let extra = destination.map { [Operation.destination($0, Point(x: margin, y: 0))] } ?? []
            emit(.begin(StructureElement(.heading(level: level + 1))))
            place(layout, x: margin, extra: extra)
            emit(.end)
        case .bullets(let items):
            emit(.begin(StructureElement(.list)))
            for (index, item) in items.enumerated() {
                if index > 0 { y += 3 }
                var extra: [Operation] = [.begin(StructureElement(.listItem)), .begin(StructureElement(.label)),
                                          .text(item.marker, Point(x: margin + item.markerX, y: 0), lines: nil), .end,
                                          .begin(StructureElement(.listBody))]
                if let destination = item.destination { extra.insert(.destination(destination, Point(x: margin, y: 0)), at: 0) }
                place(item.text, x: margin + item.indent, extra: extra)
                emit(.end)
                emit(.end)
            }
            emit(.end)
        case .table(let caption, let table):
            emit(.begin(StructureElement(.table)))
            if let caption {
                keep(caption.metrics.height + 4 + tableStartHeight(table))
                emit(.begin(StructureElement(.caption)))
                place(caption, x: margin)
                emit(.end)
                y += 4
            }
            placeTable(table)
            emit(.end)
        case .chart(let title, let caption, let chart, let height):
            keep(title.metrics.height + 6 + height + 6 + caption.metrics.height)
            emit(.begin(StructureElement(.paragraph)))
            place(title, x: margin)
            emit(.end)
            y += 6
            if height > 0 {
                emit(.begin(StructureElement(.figure, alternativeText: PDFLayout.clean(chart.title) + ". " + PDFLayout.clean(chart.description))))
                emit(.chart(chart, Rect(x: margin, y: y, width: textWidth, height: height)))
                emit(.end)
                y += height + 6
            }
            emit(.begin(StructureElement(.paragraph)))
            place(caption, x: margin)
            emit(.end)
        }
    }

    // MARK: Tables

    private func placeTable(_ table: TableLayout) {
        let headerHeight = table.header.map(rowHeight) ?? 0
        var headerPlaced = false
        func placeHeader() {
            guard let header = table.header else { return }
            emitRow(header, widths: table.widths, lines: header.cells.map { _ in nil }, height: headerHeight, isHeader: true)
            emit(.line(Point(x: margin, y: y), Point(x: margin + textWidth, y: y), StrokeStyle(color: Self.muted, width: 0.8)))
            headerPlaced = true
        }
        if table.rows.isEmpty {
            keep(headerHeight)
            placeHeader()
            return
        }
        var pageFirstRow = 0
        for (index, row) in table.rows.enumerated() {
            let height = rowHeight(row)
            if !headerPlaced {
                keep(tableStartHeight(table))
                placeHeader()
            }
            // No last row alone on a page: when the last two rows do not fit together, both go to the next page
            // (if two or more rows stay on this one).
            if index == table.rows.count - Self.keptRows, index - pageFirstRow >= Self.keptRows,
               let last = table.rows.last, height <= remaining, height + rowHeight(last) > remaining,
               height + rowHeight(last) <= bodyBottom - bodyTop - headerHeight {
                newPage()
                placeHeader()
                pageFirstRow = index
            }
            if height <= remaining {
                emitRow(row, widths: table.widths, lines: row.cells.map { _ in nil }, height: height, headsRow: table.headsRows)
                continue
            }
            // The row does not fit: move it to a new page, or break it between lines when it is taller than a page.
            pageFirstRow = index
            if height <= bodyBottom - bodyTop - headerHeight {
                newPage()
                placeHeader()
                emitRow(row, widths: table.widths, lines: row.cells.map { _ in nil }, height: height, headsRow: table.headsRows)
                continue
            }
            var starts = row.cells.map { _ in 0 }
            while true {
                let room = remaining - 2 * cellPadding.y
                var ranges: [Range<Int>?] = []
                var used = 0.0
                var done = true
                for (index, layout) in row.cells.enumerated() {
                    let lines = layout.lines
                    let start = starts[index]
                    guard start < lines.count else { ranges.append(start..<start); continue }
                    var end = start
                    while end < lines.count, lines[end].bottom - lines[start].top <= room + 0.01 { end += 1 }
                    if end == start, atPageTop || room > 40 { end = start + 1 }
                    ranges.append(start..<end)
                    if end > start { used = max(used, lines[end - 1].bottom - lines[start].top) }
                    if end < lines.count { done = false }
                    starts[index] = end
                }
                if used > 0 || done {
                    emitRow(row, widths: table.widths, lines: ranges, height: used + 2 * cellPadding.y, headsRow: table.headsRows)
                }
                if done { break }
                newPage()
                placeHeader()
            }
        }
    }

    /// Emits a row's background, cells (whole, or the given line ranges) and bottom rule, and moves the cursor.
    private func emitRow(_ row: TableLayout.Row, widths: [Double], lines: [Range<Int>?], height: Double, isHeader: Bool = false,
                         headsRow: Bool = false) {
        if let fill = row.fill {
            emit(.fill(Rect(x: margin, y: y, width: textWidth, height: height), fill))
        }
        emit(.begin(StructureElement(.tableRow)))
        var x = margin
        for (index, layout) in row.cells.enumerated() {
            let width = index < widths.count ? widths[index] : 0
            let range = index < lines.count ? lines[index] : nil
            let cell = isHeader ? StructureElement(.headerCell, scope: .column)
                : headsRow && index == 0 ? StructureElement(.headerCell, scope: .row) : StructureElement(.dataCell)
            emit(.begin(cell))
            if range?.isEmpty != true {
                emit(.text(layout, Point(x: x + cellPadding.x, y: y + cellPadding.y), lines: range))
            }
            emit(.end)
            x += width
        }
        emit(.end)
        y += height
        emit(.line(Point(x: margin, y: y), Point(x: margin + textWidth, y: y), StrokeStyle(color: Self.rule, width: 0.4)))
    }

    // MARK: Drawing

    func draw(_ pages: [[Operation]], document: BriefDocument, on canvas: PDFCanvas) throws(TypesettingError) {
        let bannerStyle = TextStyle(font: FontSpec(family: sans, size: 10, weight: .bold), color: Self.ink, alignment: .center)
        let footerStyle = TextStyle(font: FontSpec(family: sans, size: 7.5), color: Self.muted)
        let banner = try context.layout(document.banner.banner, style: bannerStyle, width: textWidth)
        let footerTitle = try context.layout(Escaping.bounded(Self.clean(document.title), limit: 90), style: footerStyle, width: textWidth * 0.7)
        let painter = ChartPainter()
        // The structure: elements begun in the flow (`logical`), of which the first `opened` are open in Cairo on
        // this page. An element is begun in Cairo only when something is drawn in it (none is left empty), and
        // all are ended at a page's end, before the next page's furniture is drawn outside them.
        var logical: [StructureElement] = []
        var opened = 0
        func openPending() {
            while opened < logical.count {
                context.beginStructure(logical[opened])
                opened += 1
            }
        }
        context.beginStructure(StructureElement(.document))
        for (index, page) in pages.enumerated() {
            try canvas.beginPage()
            // Banners, top and bottom, each between rules.
            let topY = 24.0
            context.draw(banner, at: Point(x: margin, y: topY))
            context.strokeLine(from: Point(x: margin, y: topY + banner.metrics.height + 5), to: Point(x: margin + textWidth, y: topY + banner.metrics.height + 5),
                               style: StrokeStyle(color: Self.rule, width: 0.6))
            let bottomY = pageHeight - 24 - banner.metrics.height
            context.draw(banner, at: Point(x: margin, y: bottomY))
            // Footer: the title (first line) and the page number.
            let footerY = bodyBottom + 12
            context.strokeLine(from: Point(x: margin, y: footerY - 4), to: Point(x: margin + textWidth, y: footerY - 4),
                               style: StrokeStyle(color: Self.rule, width: 0.6))
            context.draw(footerTitle, at: Point(x: margin, y: footerY), lines: 0..<1)
            let number = try context.layout("Page \(index + 1) of \(pages.count)", style: footerStyle)
            context.draw(number, at: Point(x: margin + textWidth - number.metrics.width, y: footerY))

            for operation in page {
                switch operation {
                case .text(let layout, let point, let lines):
                    openPending()
                    context.drawLinkedText(layout, at: point, lines: lines)
                case .fill(let rect, let color):
                    // Backgrounds and rules are drawn where they fall: in a row or a table (elements with children,
                    // whose own content Cairo leaves unmarked), or outside any element.
                    context.fill(rect, color: color)
                case .line(let a, let b, let style):
                    context.strokeLine(from: a, to: b, style: style)
                case .chart(let chart, let rect):
                    openPending()
                    try painter.paint(chart, on: context, in: rect)
                case .image(let image, let rect):
                    context.draw(image, in: rect)
                case .begin(let element):
                    logical.append(element)
                case .end:
                    if opened == logical.count, opened > 0 {
                        context.endStructure()
                        opened -= 1
                    }
                    _ = logical.popLast()
                case .destination(let name, let point):
                    context.destination(named: name, at: point)
                }
            }
            for _ in 0..<opened { context.endStructure() }
            opened = 0
            try canvas.endPage()
        }
        context.endStructure()
    }
}

