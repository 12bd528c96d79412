/// `word/document.xml` from the document IR, plus the relationships and media it needs.
///
/// Element order follows the WordprocessingML schema's sequences (tblPr, tblGrid, tr; pPr before content; rPr
/// before text), every table cell holds a paragraph, and two tables are never adjacent (Word would merge them).
///
/// Pagination: headings and captions keep with what follows (their styles), a page-starting section's heading
/// breaks the page, table rows never split, and a table's first two and last two body rows keep together, so no
/// page holds a lone row.
struct DOCXBodyRenderer {
    let document: BriefDocument
    let marks: Bool
    let theme: DOCXTheme
    /// How many numbered lists the body holds: each has its own numbering instance (numId 2, 3...).
    private(set) var orderedLists = 0
    /// The document part's relationships beyond the fixed ones (rId1–rId7): hyperlinks and images.
    private(set) var relationships: [DOCXPackage.Relationship] = []
    /// Images for `word/media/`.
    private(set) var media: [(name: String, bytes: [UInt8])] = []

    private var out = ""
    private var hyperlinkIDs: [String: String] = [:]
    private var nextRelationship = 8
    private var nextBookmark = 0
    private var nextDrawing = 1
    private var tableNumber = 0
    private var figureNumber = 0
    /// Whether the last body element written is a table (another table or the end needs a paragraph first).
    private var afterTable = false
    /// The notes the document prints: citations of them link to their bookmarks.
    private let printedNotes: Set<Int>
    /// Notes whose bookmark is written: a note printed twice is bookmarked once.
    private var bookmarkedNotes: Set<Int> = []
    /// Whether the current page section is landscape (sections with a wide table are).
    private var landscape = false
    /// Whether runs being written are a redline's deleted ones (their text is `w:delText`).
    private var deleting = false
    /// Who made a redline's changes, and when (the newer briefing's date), as Word lists them.
    static let revisionAuthor = "brief"
    var revisionDate: String { document.metadata.date.iso + "T00:00:00Z" }

    /// One-inch margins on the house style's page (Letter or A4): the text column, in twentieths of a point.
    static let margin = 1440
    var contentWidth: Int { theme.pageWidth - 2 * Self.margin }
    var landscapeContentWidth: Int { theme.pageHeight - 2 * Self.margin }
    /// Tables with this many columns (the Mark column included) or more are set on landscape pages.
    static let wideTableColumns = 7
    static let markColumnWidth = 640
    /// Chart images are drawn at 1200 px wide, 2:1 (bar charts as tall as their bars need), and shown the width
    /// of the portrait text column.
    static let chartWidth = 1200
    static let chartHeight = 600

    /// The width of the text column on the current pages.
    var textWidth: Int { landscape ? landscapeContentWidth : contentWidth }
    /// The letterhead image at most this high (one inch, in EMU).
    static let letterheadMaxHeight = 914_400

    init(document: BriefDocument) {
        self.document = document
        self.marks = document.showsPortionMarks
        self.theme = DOCXTheme(document.style)
        self.printedNotes = Set(document.notes.map(\.number))
    }

    static func x(_ text: String) -> String { Escaping.xml(text) }

    // MARK: Document

    mutating func render() -> String {
        out = DOCXPackage.declaration
        out += "<w:document \(DOCXPackage.wordNamespaces) "
        out += "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
        out += "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
        out += "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
        out += "<w:body>"
        writeLetterhead()
        paragraph(style: "Title", content: run(document.title))
        if !document.metadata.subject.isEmpty, document.metadata.subject != document.title {
            paragraph(style: "Subtitle", content: run(document.metadata.subject))
        }
        // The memo header first, then the contents, then the rest (as the HTML page has it).
        var contentsWritten = false
        for section in document.sections {
            if !contentsWritten && section.kind != .header {
                writeContents()
                contentsWritten = true
            }
            let wide = section.blocks.contains { block in
                if case .table(let table) = block { return table.columns.count + (marks ? 1 : 0) >= Self.wideTableColumns }
                return false
            }
            var breaksPage = section.startsOnNewPage
            if wide != landscape {
                // A section break: the paragraph carries the properties of the pages that end with it. The break
                // starts a new page already; a page break before the heading too would leave a blank page.
                paragraph(style: "TableSpacer", properties: sectionProperties(), content: "")
                landscape = wide
                breaksPage = false
            }
            paragraph(style: "Heading1", properties: breaksPage ? "<w:pageBreakBefore/>" : "", mark: section.headingMarking,
                      content: run(section.heading))
            for block in section.blocks {
                switch block {
                case .paragraph(let item):
                    paragraph(style: "Normal", mark: item.marking, content: inlines(item.content), revision: item.content.wholeRevision)
                case .bullets(let list) where list.ordered:
                    guard !list.items.isEmpty else { break }
                    orderedLists += 1
                    let numbering = "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"\(orderedLists + 1)\"/></w:numPr>"
                    for item in list.items {
                        paragraph(style: "ListNumber", properties: numbering, mark: item.marking, content: inlines(item.content),
                                  revision: item.content.wholeRevision)
                    }
                case .bullets(let list):
                    for item in list.items {
                        paragraph(style: "ListBullet", mark: item.marking, content: inlines(item.content), revision: item.content.wholeRevision)
                    }
                case .notes(let notes):
                    for note in notes {
                        paragraph(style: "SourceNote", mark: note.marking, content: inlines(note.content),
                                  bookmark: bookmarkedNotes.insert(note.number).inserted ? "note_\(note.number)" : nil, revision: note.revision)
                    }
                case .facts(let facts):
                    write(facts, in: section)
                case .table(let table):
                    write(table)
                case .chart(let chart):
                    write(chart)
                case .heading(let heading):
                    // A generated heading (no marking) is public and carries no portion mark.
                    paragraph(style: heading.level <= 1 ? "Heading2" : "Heading3", mark: heading.marking,
                              content: heading.revisedText.map { inlines($0) } ?? run(heading.text), revision: heading.revisedText?.wholeRevision)
                }
            }
        }
        if afterTable { paragraph(style: "TableSpacer", content: "") }
        out += sectionProperties()
        out += "</w:body></w:document>"
        return out
    }

    /// The table of contents: a heading and a `TOC` field over Heading 1–3, with a placeholder result, marked
    /// dirty (and `updateFields` in the settings) so that Word fills it when it opens the file. Only when the
    /// document has more than one section beyond the memo header, as the HTML page's contents.
    mutating func writeContents() {
        guard document.sections.filter({ $0.kind != .header }).count > 1 else { return }
        paragraph(style: "TOCHeading", content: run(Self.contentsHeading))
        let field: [String] = [
            "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>",
            "<w:r><w:instrText xml:space=\"preserve\"> \(Self.contentsInstruction) </w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
            run(Self.contentsPlaceholder),
            "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        ]
        paragraph(style: "TOC1", content: field.joined())
    }

    /// Headings 1–3 as entries, entries as links (`\h`), no page numbers in Web view (`\z`), outline levels (`\u`).
    static let contentsInstruction = #"TOC \o "1-3" \h \z \u"#
    static let contentsHeading = "Contents"
    /// What the field shows until it is updated (Word updates it on opening; other editors on request).
    static let contentsPlaceholder = "The contents appear when the fields are updated (in Word: right-click here, Update Field)."

    /// The current pages' `w:sectPr`: the banner header and footer, the house style's page in the current orientation.
    func sectionProperties() -> String {
        let (width, height) = landscape ? (theme.pageHeight, theme.pageWidth) : (theme.pageWidth, theme.pageHeight)
        var result = "<w:sectPr>"
        result += "<w:headerReference w:type=\"default\" r:id=\"rId4\"/><w:footerReference w:type=\"default\" r:id=\"rId5\"/>"
        result += "<w:pgSz w:w=\"\(width)\" w:h=\"\(height)\"" + (landscape ? " w:orient=\"landscape\"/>" : "/>")
        result += "<w:pgMar w:top=\"\(Self.margin)\" w:right=\"\(Self.margin)\" w:bottom=\"\(Self.margin)\" w:left=\"\(Self.margin)\" "
        result += "w:header=\"576\" w:footer=\"432\" w:gutter=\"0\"/>"
        result += "<w:cols w:space=\"720\"/><w:docGrid w:linePitch=\"360\"/>"
        return result + "</w:sectPr>"
    }

    // MARK: Paragraphs and runs

    /// A paragraph: style, extra properties (schema order, after pStyle), the portion mark when the edition shows them.
    /// A paragraph a redline inserted or deleted whole (`revision`) has its mark and portion mark tracked too, so
    /// accepting or rejecting the change leaves no empty paragraph.
    mutating func paragraph(style: String, properties: String = "", mark: Marking? = nil, content: String, bookmark: String? = nil,
                            revision: Revision? = nil) {
        let paragraphMark = revision.map { "<w:rPr>" + revisionElement($0, content: nil) + "</w:rPr>" } ?? ""
        out += "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/>\(properties)\(paragraphMark)</w:pPr>"
        var bookmarkID: Int?
        if let bookmark {
            bookmarkID = nextBookmark
            out += "<w:bookmarkStart w:id=\"\(nextBookmark)\" w:name=\"\(Self.x(bookmark))\"/>"
            nextBookmark += 1
        }
        if let mark {
            let runs = revision.map { revision in tracked(revision) { $0.portionMark(mark) } } ?? portionMark(mark)
            out += runs
        }
        out += content
        if let bookmarkID { out += "<w:bookmarkEnd w:id=\"\(bookmarkID)\"/>" }
        out += "</w:p>"
        afterTable = false
    }

    /// The portion mark and a space, or nothing when the edition has no portion marks.
    func portionMark(_ marking: Marking) -> String {
        marks ? run(marking.portionMark, style: "PortionMark") + run(" ") : ""
    }

    /// A run of text in a character style; tabs and line breaks become `w:tab` and `w:br`.
    func run(_ text: String, style: String? = nil) -> String {
        guard !text.isEmpty else { return "" }
        var result = "<w:r>"
        if let style { result += "<w:rPr><w:rStyle w:val=\"\(style)\"/></w:rPr>" }
        var pending = ""
        func flush() {
            guard !pending.isEmpty else { return }
            let preserve = pending.first == " " || pending.last == " " || pending.contains("  ")
            let element = deleting ? "w:delText" : "w:t"
            result += "<\(element)\(preserve ? " xml:space=\"preserve\"" : "")>" + Self.x(pending) + "</\(element)>"
            pending = ""
        }
        var afterCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t":
                flush()
                result += "<w:tab/>"
            case "\r":
                flush()
                result += "<w:br/>"
            case "\n" where afterCR:
                break
            case "\n":
                flush()
                result += "<w:br/>"
            default:
                pending.unicodeScalars.append(scalar)
            }
            afterCR = scalar == "\r"
        }
        flush()
        return result + "</w:r>"
    }

    /// An identifier or hash in the Code style, which no line break may split: hyphens are Word's non-breaking
    /// hyphen, spaces no-break spaces (a word breaks elsewhere only when longer than the line, and the writer gives
    /// code that room: `codeWidth`).
    func code(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        var result = "<w:r><w:rPr><w:rStyle w:val=\"Code\"/></w:rPr>"
        var pending = ""
        func flush() {
            guard !pending.isEmpty else { return }
            result += deleting ? "<w:delText>" + Self.x(pending) + "</w:delText>" : "<w:t>" + Self.x(pending) + "</w:t>"
            pending = ""
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "-":
                flush()
                result += "<w:noBreakHyphen/>"
            case " ", "\t", "\r", "\n":
                pending.unicodeScalars.append("\u{00A0}")
            default:
                pending.unicodeScalars.append(scalar)
            }
        }
        flush()
        return result + "</w:r>"
    }

    /// The width (twips) the longest code inline of `content` needs to stay on one line, in a font of `emTwips`
    /// (Courier New's advance is 0.6 em), or 0 without code.
    static func codeWidth(_ content: [Inline], emTwips: Int) -> Int {
        let longest = content.map { inline in
            if case .code(let text) = inline { text.unicodeScalars.count } else { 0 }
        }.max() ?? 0
        return longest == 0 ? 0 : longest * emTwips * 600 / 1000
    }

    mutating func inlines(_ content: [Inline]) -> String {
        var result = ""
        for item in content {
            switch item {
            case .text(let text): result += run(text)
            case .strong(let text): result += run(text, style: "Strong")
            case .emphasis(let text): result += run(text, style: "Emphasis")
            case .date(let day): result += run(day.prose)
            case .code(let text): result += code(text)
            case .link(let text, let href): result += revising ? run(text.isEmpty ? href : text, style: "Hyperlink") : link(text: text, href: href)
            case .revision(let revision, let content): result += tracked(revision, content)
            case .citation(let number):
                let label = run("[\(number)]", style: "CitationReference")
                if printedNotes.contains(number), !revising {
                    result += "<w:hyperlink w:anchor=\"note_\(number)\" w:history=\"1\">\(label)</w:hyperlink>"
                } else {
                    result += label
                }
            }
        }
        return result
    }

    /// Whether runs being written are inside a tracked change, which holds runs only (no hyperlink).
    private var revising = false

    /// A tracked change: `w:ins` or `w:del` around the content's runs, which Word and LibreOffice list for staff to
    /// accept or reject.
    mutating func tracked(_ revision: Revision, _ content: [Inline]) -> String {
        tracked(revision) { $0.inlines(content) }
    }

    /// The runs `make` writes, as a tracked insertion or deletion.
    mutating func tracked(_ revision: Revision, runs make: (inout DOCXBodyRenderer) -> String) -> String {
        let (wasRevising, wasDeleting) = (revising, deleting)
        revising = true
        deleting = revision == .deletion
        let runs = make(&self)
        (revising, deleting) = (wasRevising, wasDeleting)
        guard !runs.isEmpty else { return "" }
        return revisionElement(revision, content: runs)
    }

    /// `w:ins` or `w:del` with its id, author and date, around `content` (nil: empty, for a paragraph or row mark).
    mutating func revisionElement(_ revision: Revision, content: String?) -> String {
        let element = revision == .insertion ? "w:ins" : "w:del"
        // Bookmarks and tracked changes share one series of ids, as Word expects of annotations.
        let id = nextBookmark
        nextBookmark += 1
        let start = "<\(element) w:id=\"\(id)\" w:author=\"\(Self.revisionAuthor)\" w:date=\"\(revisionDate)\""
        return content.map { start + ">" + $0 + "</\(element)>" } ?? start + "/>"
    }

    /// An external hyperlink for http(s) hrefs; any other href keeps its text only.
    mutating func link(text: String, href: String) -> String {
        guard let target = DOCXWriter.linkTarget(href) else { return run(text) }
        let id: String
        if let existing = hyperlinkIDs[target] {
            id = existing
        } else {
            id = addRelationship(type: "hyperlink", target: target, external: true)
            hyperlinkIDs[target] = id
        }
        return "<w:hyperlink r:id=\"\(id)\" w:history=\"1\">" + run(text.isEmpty ? href : text, style: "Hyperlink") + "</w:hyperlink>"
    }

    mutating func addRelationship(type: String, target: String, external: Bool = false) -> String {
        let id = "rId\(nextRelationship)"
        nextRelationship += 1
        relationships.append(.init(id: id, type: DOCXPackage.relationshipType(type), target: target, external: external))
        return id
    }

    // MARK: Tables

    struct Cell {
        var style: String
        var content: String
        var alignRight = false
    }

    /// A table: grid widths (twips), an optional header row (repeated on every page), body rows that never split.
    mutating func table(style: String, alt: String, widths: [Int], header: [Cell]?, rows: [(cells: [Cell], flagged: Bool, revision: Revision?)]) {
        // A table without columns cannot have cells, which Word requires of every row: leave it out.
        guard !widths.isEmpty else { return }
        if afterTable { paragraph(style: "TableSpacer", content: "") }
        let total = widths.reduce(0, +)
        // tblLook: 0x0020 header row, 0x0400 no vertical banding, 0x0200 no horizontal banding.
        let look = header == nil
            ? "<w:tblLook w:val=\"0600\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
            : "<w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/>"
        out += "<w:tbl><w:tblPr><w:tblStyle w:val=\"\(style)\"/><w:tblW w:w=\"\(total)\" w:type=\"dxa\"/>"
        out += "<w:tblLayout w:type=\"fixed\"/>\(look)"
        if !alt.isEmpty { out += "<w:tblCaption w:val=\"\(Self.x(alt))\"/>" }
        out += "</w:tblPr><w:tblGrid>"
        for width in widths { out += "<w:gridCol w:w=\"\(width)\"/>" }
        out += "</w:tblGrid>"
        if let header { row(header, widths: widths, header: true, flagged: false, keepsWithNext: false) }
        for (index, item) in rows.enumerated() {
            // The first body row keeps with the second and the second-to-last with the last: a page never starts
            // or ends a table with one row (the header row keeps with the first through its style).
            let keeps = rows.count > 1 && (index == 0 || index == rows.count - 2)
            row(item.cells, widths: widths, header: false, flagged: item.flagged, keepsWithNext: keeps, revision: item.revision)
        }
        out += "</w:tbl>"
        afterTable = true
    }

    /// A row a redline inserted or deleted whole (`revision`) is tracked as a row, so that accepting a deletion
    /// removes it rather than leaving it empty.
    private mutating func row(_ cells: [Cell], widths: [Int], header: Bool, flagged: Bool, keepsWithNext: Bool, revision: Revision? = nil) {
        let tracked = revision.map { revisionElement($0, content: nil) } ?? ""
        out += header ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/>\(tracked)</w:trPr>"
        for (index, width) in widths.enumerated() {
            let cell = index < cells.count ? cells[index] : Cell(style: header ? "TableHeading" : "TableText", content: "")
            out += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
            if flagged { out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFF2CC\"/>" }
            out += "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"\(cell.style)\"/>"
            if keepsWithNext { out += "<w:keepNext/>" }
            if cell.alignRight { out += "<w:jc w:val=\"right\"/>" }
            out += "</w:pPr>\(cell.content)</w:p></w:tc>"
        }
        out += "</w:tr>"
    }

    /// A caption paragraph: "Table N: text" (or "Figure N: text") with a SEQ field, so Word can renumber and list them.
    mutating func caption(_ label: String, number: Int, text: String, mark: Marking? = nil) {
        var content = run(label + " ")
        content += "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        content += "<w:r><w:instrText xml:space=\"preserve\"> SEQ \(label) \\* ARABIC </w:instrText></w:r>"
        content += "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        content += "<w:r><w:rPr><w:noProof/></w:rPr><w:t>\(number)</w:t></w:r>"
        content += "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        content += run(text.isEmpty ? "" : ": " + text)
        paragraph(style: "Caption", mark: mark, content: content)
    }

    mutating func write(_ table: DataTable) {
        tableNumber += 1
        caption("Table", number: tableNumber, text: table.caption)
        var header = table.columns.map { Cell(style: "TableHeading", content: run($0.title), alignRight: $0.numeric) }
        var texts: [[String]] = table.columns.indices.map { column in [table.columns[column].title] }
        var codeWidths = [Int](repeating: 0, count: table.columns.count)
        var rows: [(cells: [Cell], flagged: Bool, revision: Revision?)] = []
        rows.reserveCapacity(table.rows.count)
        for item in table.rows {
            var cells: [Cell] = []
            for (column, spec) in table.columns.enumerated() {
                let cell = column < item.cells.count ? item.cells[column] : .text("")
                let content: String
                switch cell {
                case .text(let text): content = run(text)
                case .inlines(let inlines):
                    content = self.inlines(inlines)
                    codeWidths[column] = max(codeWidths[column], Self.codeWidth(inlines, emTwips: Self.tableEmTwips))
                }
                cells.append(Cell(style: "TableText", content: content, alignRight: spec.numeric))
                texts[column].append(cell.plainText)
            }
            let revision = item.revision
            if marks {
                let mark = revision.map { revision in tracked(revision) { $0.run(item.marking.portionMark, style: "PortionMark") } }
                cells.insert(Cell(style: "TableText", content: mark ?? run(item.marking.portionMark, style: "PortionMark")), at: 0)
            }
            rows.append((cells, item.flagged, revision))
        }
        var widths = Self.columnWidths(texts, available: textWidth - (marks ? Self.markColumnWidth : 0), unbreakable: codeWidths)
        if marks {
            header.insert(Cell(style: "TableHeading", content: run("Mark")), at: 0)
            widths.insert(Self.markColumnWidth, at: 0)
        }
        self.table(style: "BriefTable", alt: table.caption, widths: widths, header: header, rows: rows)
    }

    /// Label → value rows: the memo header (in the memo's own table style) or a fact table.
    mutating func write(_ facts: FactTable, in section: Section) {
        let memo = section.kind == .header
        if !facts.caption.isEmpty, facts.caption != section.heading {
            paragraph(style: "Caption", content: run(facts.caption))
        }
        let labelStyle = memo ? "MemoLabel" : "TableLabel"
        let valueStyle = memo ? "MemoText" : "TableText"
        var rows: [(cells: [Cell], flagged: Bool, revision: Revision?)] = []
        var codeWidth = 0
        for item in facts.rows {
            codeWidth = max(codeWidth, Self.codeWidth(item.value, emTwips: memo ? Self.bodyEmTwips : Self.tableEmTwips))
            // A row a redline inserted or deleted whole is tracked whole, its label and mark too.
            let revision = item.value.wholeRevision
            func label(_ text: String, style: String? = nil) -> String {
                revision.map { revision in tracked(revision) { $0.run(text, style: style) } } ?? run(text, style: style)
            }
            var cells = [Cell(style: labelStyle, content: label(item.label)), Cell(style: valueStyle, content: inlines(item.value))]
            if marks { cells.insert(Cell(style: valueStyle, content: label(item.marking.portionMark, style: "PortionMark")), at: 0) }
            rows.append((cells, false, revision))
        }
        let available = textWidth - (marks ? Self.markColumnWidth : 0)
        let longest = facts.rows.map { $0.label.unicodeScalars.count }.max() ?? 8
        let perCharacter = memo ? 125 : 110
        var label = min(available / 3, max(1100, perCharacter * longest + 260))
        // The value column keeps room for its longest hash on one line (cell margins are 86 twips a side).
        if codeWidth > 0 { label = max(1100, min(label, available - codeWidth - Self.cellPadding)) }
        var widths = [label, available - label]
        if marks { widths.insert(Self.markColumnWidth, at: 0) }
        table(style: memo ? "MemoTable" : "BriefTable", alt: facts.caption, widths: widths, header: nil, rows: rows)
    }

    /// The em of table text (8.5 pt) and of body text (11 pt), in twips; a cell's margins and borders.
    static let tableEmTwips = 170
    static let bodyEmTwips = 220
    static let cellPadding = 172 + 60

    /// Column widths (twips) that share `available` by content. Each column wants room for its longest text (up
    /// to about 60 characters) and needs room for its longest header word (and a reasonable word of its cells),
    /// and for its `unbreakable` width (code, which must not wrap) whatever its length.
    static func columnWidths(_ columns: [[String]], available: Int, unbreakable: [Int] = []) -> [Int] {
        guard !columns.isEmpty else { return [] }
        // Widths in thousandths of an em of the table font (8.5 pt Arial: 170 twips), roughly Arial's advances.
        func advance(_ scalar: Unicode.Scalar) -> Int {
            switch scalar {
            case " ": 278
            case "i", "j", "l", "I", "'", ".", ",", ":", ";", "!", "|": 250
            case "f", "t", "r", "(", ")", "[", "]", "-", "/": 333
            case "m", "w": 833
            case "M", "W": 900
            case "A"..."Z": 700
            case "0"..."9", "a"..."z": 556
            default: scalar.isASCII ? 584 : 600
            }
        }
        let emTwips = tableEmTwips, padding = cellPadding
        func twips(_ thousandths: Int) -> Int { thousandths * emTwips / 1000 + padding }
        let longestWordCap = 7000, longestTextCap = 33000
        var least: [Int] = [], wanted: [Int] = [], wraps: [Bool] = []
        for texts in columns {
            var headerWord = 0, cellWord = 0, longest = 0
            for (index, text) in texts.enumerated() {
                var word = 0, length = 0
                for scalar in text.unicodeScalars {
                    let width = advance(scalar)
                    length += width
                    word = scalar == " " ? 0 : word + width
                    if index == 0 { headerWord = max(headerWord, word) } else { cellWord = max(cellWord, word) }
                }
                longest = max(longest, length)
            }
            wraps.append(longest > longestTextCap)
            longest = min(longest, longestTextCap)
            let need = max(1700, headerWord, min(cellWord, longestWordCap))
            let code = least.count < unbreakable.count ? unbreakable[least.count] + padding : 0
            least.append(max(twips(need), code))
            wanted.append(max(twips(max(need, longest)), code))
        }
        // Short columns (a status, a date, "From the list") are kept on one line when the others can still have
        // their need.
        let shortLimit = twips(10_500)
        let keepShort = zip(least, wanted).map { need, want in want <= shortLimit ? want : need }
        if keepShort.reduce(0, +) <= available { least = keepShort }
        var result: [Int]
        if wanted.reduce(0, +) <= available {
            // Everything fits: the spare room goes to the columns whose text wraps anyway, else to all, in
            // proportion to what each wants.
            let spare = available - wanted.reduce(0, +)
            let anyWraps = wraps.contains(true)
            var weight = 0
            for (index, width) in wanted.enumerated() where wraps[index] || !anyWraps { weight += width }
            result = wanted
            for (index, width) in wanted.enumerated() where wraps[index] || !anyWraps {
                result[index] = width + width * spare / max(weight, 1)
            }
        } else if least.reduce(0, +) >= available {
            let total = least.reduce(0, +)
            result = least.map { $0 * available / total }
        } else {
            // As browsers lay out automatic tables: each column gets its need, plus a share of the rest in
            // proportion to how much more it wants.
            let spare = available - least.reduce(0, +)
            let more = wanted.reduce(0, +) - least.reduce(0, +)
            result = zip(least, wanted).map { need, want in need + (want - need) * spare / max(more, 1) }
        }
        // Whatever rounding left goes to the widest column.
        if let widest = result.indices.max(by: { result[$0] < result[$1] }) {
            result[widest] += available - result.reduce(0, +)
        }
        return result
    }

    // MARK: Charts

    /// A chart: a caption, the PNG with alt text (or its data as a table), and the chart's sentence.
    mutating func write(_ chart: Chart) {
        figureNumber += 1
        caption("Figure", number: figureNumber, text: chart.title, mark: chart.marking)
        if !chart.points.isEmpty {
            if let png = ChartImage.png(chart, width: Self.chartWidth, height: Self.chartPixelHeight(chart)),
               let size = Self.pngSize(png), size.width > 0, size.height > 0 {
                let name = "chart\(media.count + 1).png"
                media.append((name, png))
                let id = addRelationship(type: "image", target: "media/" + name)
                paragraph(style: "Figure", content: drawing(relationship: id, name: name, chart: chart, pixels: size))
            } else {
                let columns = [DataTable.Column(chart.kind == .bars ? "Category" : "Date"), DataTable.Column("Value", numeric: true)]
                let labels: [String] = [columns[0].title] + chart.points.map(\.label)
                let values: [String] = [columns[1].title] + chart.points.map { String($0.value) }
                let texts: [[String]] = [labels, values]
                let widths = Self.columnWidths(texts, available: min(textWidth, 5200))
                let header = columns.map { Cell(style: "TableHeading", content: run($0.title), alignRight: $0.numeric) }
                var rows: [(cells: [Cell], flagged: Bool, revision: Revision?)] = []
                for point in chart.points {
                    let cells: [Cell] = [Cell(style: "TableText", content: run(point.label)),
                                         Cell(style: "TableText", content: run(String(point.value)), alignRight: true)]
                    rows.append((cells, false, nil))
                }
                table(style: "BriefTable", alt: chart.title, widths: widths, header: header, rows: rows)
            }
        }
        paragraph(style: "FigureNote", content: run(chart.description))
    }

    /// The image height: 2:1 for timelines; for bars, what one row per category needs (no blank band under a
    /// chart of two bars).
    static func chartPixelHeight(_ chart: Chart) -> Int {
        guard case .bars = chart.kind else { return chartHeight }
        let logicalWidth = ChartImage.logicalWidth, margin = 6.0
        let wanted = ChartPainter().preferredHeight(for: chart, width: logicalWidth - 2 * margin) + 2 * margin
        let pixels = Int((wanted * Double(chartWidth) / logicalWidth).rounded())
        return min(2 * chartHeight, max(chartHeight / 3, pixels))
    }

    /// An inline picture the width of the portrait text column, with the chart's title and description as alt text.
    mutating func drawing(relationship: String, name: String, chart: Chart, pixels: (width: Int, height: Int)) -> String {
        let emuPerTwip = 635
        let cx = contentWidth * emuPerTwip
        let cy = Int((Double(cx) * Double(pixels.height) / Double(pixels.width)).rounded())
        return picture(relationship: relationship, file: name, name: "Figure \(figureNumber)", title: chart.title,
                       description: chart.description, size: (cx, cy))
    }

    /// An inline picture (`wp:inline`) of `size` EMU, its text alternative in `descr` (and `title` when given).
    mutating func picture(relationship: String, file: String, name: String, title: String, description: String,
                          size: (cx: Int, cy: Int)) -> String {
        let id = nextDrawing
        nextDrawing += 1
        let titleAttribute = title.isEmpty ? "" : " title=\"\(Self.x(title))\""
        let alt = "name=\"\(Self.x(name))\" descr=\"\(Self.x(description))\"\(titleAttribute)"
        var result = "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
        result += "<wp:extent cx=\"\(size.cx)\" cy=\"\(size.cy)\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
        result += "<wp:docPr id=\"\(id)\" \(alt)/>"
        result += "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
        result += "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
        result += "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"\(id)\" name=\"\(Self.x(file))\" descr=\"\(Self.x(description))\"\(titleAttribute)/><pic:cNvPicPr/></pic:nvPicPr>"
        result += "<pic:blipFill><a:blip r:embed=\"\(relationship)\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        result += "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(size.cx)\" cy=\"\(size.cy)\"/></a:xfrm>"
        result += "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
        result += "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        return result
    }

    // MARK: Letterhead

    /// The house style's letterhead at the top of the first page: its image (at 96 dpi, at most an inch high and
    /// the text column wide), then its lines, centred, before the title.
    mutating func writeLetterhead() {
        let style = document.style
        var lines = style.letterhead
        if let image = style.letterheadImage, image.pixelWidth > 0, image.pixelHeight > 0 {
            let emuPerPixel = 9525
            var cx = image.pixelWidth * emuPerPixel, cy = image.pixelHeight * emuPerPixel
            let maxWidth = contentWidth * 635
            let scale = min(1, Double(Self.letterheadMaxHeight) / Double(cy), Double(maxWidth) / Double(cx))
            cx = max(1, Int((Double(cx) * scale).rounded()))
            cy = max(1, Int((Double(cy) * scale).rounded()))
            let name = "letterhead.png"
            media.append((name, image.png))
            let id = addRelationship(type: "image", target: "media/" + name)
            let content = picture(relationship: id, file: name, name: "Letterhead", title: "", description: image.description,
                                  size: (cx, cy))
            paragraph(style: "Letterhead", properties: lines.isEmpty ? Self.letterheadEnd : "", content: content)
        }
        guard !lines.isEmpty else { return }
        let last = lines.removeLast()
        for (index, line) in lines.enumerated() {
            paragraph(style: index == 0 ? "Letterhead" : "LetterheadDetail", content: run(line))
        }
        paragraph(style: lines.isEmpty ? "Letterhead" : "LetterheadDetail", properties: Self.letterheadEnd, content: run(last))
    }

    /// Room between the letterhead and the title.
    static let letterheadEnd = "<w:spacing w:after=\"240\"/>"

    /// The pixel size in a PNG's IHDR chunk, or nil if the bytes are not a PNG.
    static func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func big(_ offset: Int) -> Int {
            var value = 0
            for byte in bytes[offset..<(offset + 4)] { value = value * 256 + Int(byte) }
            return value
        }
        return (big(16), big(20))
    }
}
