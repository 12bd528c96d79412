/// Plain UTF-8 text for email: wrapped at 78 columns, tables aligned by display width, banner first and last.
/// Identifiers and hashes (`Inline.code`) are never broken across lines; a section that starts a new page in paged
/// formats starts after a rule of `=` here.
public struct TextWriter: Sendable {
    public static let width = 78

    public init() {}

    public func render(_ document: BriefDocument) -> String {
        var out = TextLines()
        let banner = center(document.banner.banner)
        out.line(banner)
        out.line("")
        // The letterhead (its image has no text form here: the lines say who writes).
        if !document.style.letterhead.isEmpty {
            for line in document.style.letterhead {
                for wrapped in DisplayWidth.wrap(clean(line), width: Self.width) { out.line(center(wrapped)) }
            }
            out.line("")
        }
        out.lines(DisplayWidth.wrap(clean(document.title), width: Self.width))
        out.line(String(repeating: "=", count: min(Self.width, DisplayWidth.of(clean(document.title)))))
        for section in document.sections {
            out.line("")
            if section.startsOnNewPage {
                out.line(Self.pageRule)
                out.line("")
            }
            let heading = (section.headingMarking.map { mark($0, document.showsPortionMarks) } ?? "") + clean(section.heading).uppercased()
            out.lines(DisplayWidth.wrap(heading, width: Self.width))
            out.line(String(repeating: "-", count: min(Self.width, DisplayWidth.of(heading))))
            for block in section.blocks {
                out.line("")
                render(block, marks: document.showsPortionMarks, into: &out)
            }
        }
        out.line("")
        out.line(banner)
        return out.text
    }

    /// Text from data, with control characters (terminal escapes, say), bidirectional formatting characters and
    /// workflow-command sequences shown escaped (`Escaping.terminal`).
    func clean(_ text: String) -> String {
        Escaping.terminal(text)
    }

    /// The rule before a section that starts a new page in paged formats (a case sheet, an appendix): text has no
    /// pages, and a form feed shows as nothing, or as garbage, in a mail reader.
    static let pageRule = String(repeating: "=", count: width)

    func center(_ text: String) -> String {
        let pad = max(0, (Self.width - DisplayWidth.of(text)) / 2)
        return String(repeating: " ", count: pad) + text
    }

    func mark(_ marking: Marking, _ marks: Bool) -> String {
        marks ? marking.portionMark + " " : ""
    }

    /// Inline content as pieces to wrap: code (an identifier, a hash) is a token the wrapper never breaks.
    /// Insertions and deletions read as wdiff writes them: `{+inserted+}`, `[-deleted-]`.
    func pieces(_ content: [Inline]) -> [WrapPiece] {
        content.flatMap { item -> [WrapPiece] in
            switch item {
            case .text(let t), .strong(let t), .emphasis(let t): [.prose(clean(t))]
            case .code(let t): [.token(clean(t))]
            case .date(let day): [.prose(day.prose)]
            case .link(let text, let href): [.prose(text == href ? clean(href) : "\(clean(text)) <\(clean(href))>")]
            case .citation(let n): [.prose("[\(n)]")]
            case .revision(.insertion, let content): [.prose("{+")] + pieces(content) + [.prose("+}")]
            case .revision(.deletion, let content): [.prose("[-")] + pieces(content) + [.prose("-]")]
            }
        }
    }

    /// A portion mark (or nothing) and inline content, wrapped to `width`.
    func wrap(_ marking: Marking?, _ content: [Inline], marks: Bool, width: Int) -> [String] {
        DisplayWidth.wrap([.prose(marking.map { mark($0, marks) } ?? "")] + pieces(content), width: width)
    }

    func render(_ block: Block, marks: Bool, into out: inout TextLines) {
        switch block {
        case .paragraph(let paragraph):
            out.lines(wrap(paragraph.marking, paragraph.content, marks: marks, width: Self.width))
        case .bullets(let list):
            bullets(list.items.map { ($0.marking, $0.content) }, marks: marks, numbered: list.ordered, into: &out)
        case .notes(let notes):
            bullets(notes.map { ($0.marking, $0.content) }, marks: marks, into: &out)
        case .heading(let heading):
            // Underlined with `~`, below the section headings' upper case and `-`.
            let text = (heading.marking.map { mark($0, marks) } ?? "") + (heading.revisedText.map { clean($0.plainText) } ?? clean(heading.text))
            let lines = DisplayWidth.wrap(text, width: Self.width)
            out.lines(lines)
            // A part of a part (a person's "Detention" in the People section) is not underlined.
            if heading.level <= 1 { out.line(String(repeating: "~", count: lines.map(DisplayWidth.of).max() ?? 0)) }
        case .facts(let facts):
            let labelWidth = min(24, facts.rows.map { DisplayWidth.of(mark($0.marking, marks) + clean($0.label)) }.max() ?? 0)
            for row in facts.rows {
                let label = mark(row.marking, marks) + clean(row.label)
                let valueWidth = Self.width - labelWidth - 3
                let lines = wrap(nil, row.value, marks: marks, width: valueWidth)
                for (index, line) in lines.enumerated() {
                    let lineWidth = DisplayWidth.of(line)
                    if lineWidth > valueWidth {
                        // A hash longer than the value column (it is never cut) moves left, to end within the line
                        // when it can, on a line of its own.
                        if index == 0 { out.line(label + ":") }
                        out.space(max(0, min(labelWidth + 3, Self.width - lineWidth)))
                        out.line(line)
                        continue
                    }
                    out.line((index == 0 ? DisplayWidth.pad(label + ":", to: labelWidth + 1) : String(repeating: " ", count: labelWidth + 1)) + "  " + line)
                }
            }
        case .table(let table):
            renderTable(caption: table.caption, columns: table.columns, rows: table.rows, marks: marks, into: &out)
        case .chart(let chart):
            out.lines(DisplayWidth.wrap(mark(chart.marking, marks) + clean(chart.title) + ": " + clean(chart.description), width: Self.width))
            if !chart.points.isEmpty {
                out.line("")
                renderTable(caption: nil, columns: [.init(chart.kind == .bars ? "Category" : "Date"), .init("Value", numeric: true)],
                            rows: chart.points.map { DataTable.Row(cells: [$0.label, "\($0.value)"], marking: chart.marking) }, marks: false,
                            into: &out)
            }
        }
    }

    /// Items of a list, wrapped under their bullet or number (`1.`, right-aligned so that the items align).
    func bullets(_ items: [(marking: Marking, content: [Inline])], marks: Bool, numbered: Bool = false, into out: inout TextLines) {
        let numberWidth = String(items.count).count
        for (number, item) in items.enumerated() {
            let label = numbered ? DisplayWidth.pad("\(number + 1).", to: numberWidth + 1, right: true) + " " : "- "
            let indent = String(repeating: " ", count: label.count)
            let lines = wrap(item.marking, item.content, marks: marks, width: Self.width - label.count)
            for (index, line) in lines.enumerated() { out.line((index == 0 ? label : indent) + line) }
        }
    }

    /// A table aligned by display width; columns shrink (and cells wrap) to fit 78 columns, or, when they cannot
    /// without cutting words, one record per row.
    func renderTable(caption: String?, columns: [DataTable.Column], rows: [DataTable.Row], marks: Bool, into out: inout TextLines) {
        var header = columns.map { clean($0.title) }
        var numeric = columns.map(\.numeric)
        if marks {
            header.insert("Mark", at: 0)
            numeric.insert(false, at: 0)
        }
        let count = header.count
        // Every cell, row after row, each measured once: a table may hold 100,000 records.
        var cells: [String] = []
        cells.reserveCapacity(rows.count * count)
        // The few cells that hold code, by index in `cells`, as pieces to wrap: their tokens are never broken.
        var tokenCells: [Int: [WrapPiece]] = [:]
        for row in rows {
            if marks { cells.append(row.marking.portionMark) }
            for column in 0..<(count - (marks ? 1 : 0)) {
                guard column < row.cells.count else {
                    cells.append("")
                    continue
                }
                if case .inlines(let content) = row.cells[column], content.contains(where: \.isCode) {
                    let pieces = pieces(content)
                    tokenCells[cells.count] = pieces
                    cells.append(pieces.map(\.text).joined())
                } else {
                    cells.append(clean(row.cells[column].plainText))
                }
            }
        }
        let cellWidths = cells.map(DisplayWidth.of)
        let headerWidths = header.map(DisplayWidth.of)
        var widths = headerWidths
        for (index, width) in cellWidths.enumerated() where width > widths[index % count] { widths[index % count] = width }
        let separators = 2 * (count - 1)
        if widths.reduce(0, +) + separators > Self.width {
            // Shrink the widest column that can wrap without cutting a word (ids and dates stay whole); when every
            // column is down to its longest word and the table is still too wide, rows are written as records.
            var longestWord = header.map { DisplayWidth.longestWord(in: $0, limit: 24) }
            for (index, cell) in cells.enumerated() where cellWidths[index] > longestWord[index % count] && longestWord[index % count] < 24 {
                longestWord[index % count] = max(longestWord[index % count], DisplayWidth.longestWord(in: cell, limit: 24))
            }
            // A column is never narrower than a token in it (which may be longer than 24 columns: a hash).
            for (index, pieces) in tokenCells {
                longestWord[index % count] = max(longestWord[index % count], DisplayWidth.longestToken(in: pieces))
            }
            while widths.reduce(0, +) + separators > Self.width {
                let wrappable = widths.indices.filter { widths[$0] > max(6, longestWord[$0]) }
                guard let widest = wrappable.max(by: { widths[$0] < widths[$1] }) else {
                    // Aligned columns would cut words ("release|d"): each row becomes a record instead.
                    renderRecords(caption: caption, titles: header, cells: cells, tokenCells: tokenCells, marks: marks, into: &out)
                    return
                }
                widths[widest] -= 1
            }
        }
        func format(_ cells: ArraySlice<String>, _ cellWidths: ArraySlice<Int>, tokens: [Int: [WrapPiece]] = [:]) {
            let fitsOneLine = zip(cells, zip(cellWidths, widths)).allSatisfy { cell, size in
                size.0 <= size.1 && !cell.utf8.contains(0x0A) && !DisplayWidth.hasExtraSpaces(cell)
            }
            if fitsOneLine {
                for (column, (cell, width)) in zip(cells, cellWidths).enumerated() {
                    if column > 0 { out.space(2) }
                    out.cell(cell, width: width, in: widths[column], right: numeric[column])
                }
                out.endLine()
                return
            }
            let wrapped = zip(cells.indices, widths).map { index, width in
                tokens[index].map { DisplayWidth.wrap($0, width: width) } ?? DisplayWidth.wrap(cells[index], width: width)
            }
            let height = wrapped.map(\.count).max() ?? 1
            for line in 0..<height {
                for column in 0..<count {
                    if column > 0 { out.space(2) }
                    let text = line < wrapped[column].count ? wrapped[column][line] : ""
                    out.cell(text, width: DisplayWidth.of(text), in: widths[column], right: numeric[column])
                }
                out.endLine()
            }
        }
        if let caption { out.lines(DisplayWidth.wrap(clean(caption), width: Self.width)) }
        format(header[...], headerWidths[...])
        out.line(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for start in stride(from: 0, to: cells.count, by: count) {
            format(cells[start..<(start + count)], cellWidths[start..<(start + count)], tokens: tokenCells)
        }
    }
}

extension TextWriter {
    /// A table too wide for aligned columns, one record per row: the portion mark and the first cell on a line,
    /// then a labelled line for each other cell that has a value.
    ///
    ///     (C)  CU-001  José Ángel Ramírez Navarro
    /// becomes
    ///     (C) CU-001
    ///         Name:      José Ángel Ramírez Navarro
    ///         Status:    released
    func renderRecords(caption: String?, titles: [String], cells: [String], tokenCells: [Int: [WrapPiece]] = [:], marks: Bool,
                       into out: inout TextLines) {
        func wrap(_ index: Int, width: Int, after prefix: String = "") -> [String] {
            if let pieces = tokenCells[index] { return DisplayWidth.wrap([.prose(prefix)] + pieces, width: width) }
            return DisplayWidth.wrap(prefix + cells[index], width: width)
        }
        let count = titles.count
        let first = marks ? 1 : 0
        guard count > first else { return }
        let indent = 4
        let labelWidth = (titles.dropFirst(first + 1).map(DisplayWidth.of).max() ?? 0) + 1
        let valueWidth = max(20, Self.width - indent - labelWidth - 1)
        let labels = titles.map { DisplayWidth.pad($0 + ":", to: labelWidth) }
        let continuation = String(repeating: " ", count: indent + labelWidth + 1)
        if let caption { out.lines(DisplayWidth.wrap(clean(caption), width: Self.width)) }
        for start in stride(from: 0, to: cells.count, by: count) {
            out.lines(wrap(start + first, width: Self.width, after: marks ? cells[start] + " " : ""))
            for column in (first + 1)..<count where !cells[start + column].isEmpty {
                for (index, line) in wrap(start + column, width: valueWidth).enumerated() {
                    if index == 0 {
                        out.space(indent)
                        out.append(labels[column])
                        out.space(1)
                    } else {
                        out.append(continuation)
                    }
                    out.line(line)
                }
            }
        }
    }
}

/// The text being written, line by line, as UTF-8. Spaces are held back until something follows them on the line,
/// so that no line ends in spaces.
struct TextLines {
    private var bytes: [UInt8] = []
    private var pendingSpaces = 0

    /// The text, with no line a CI runner would read as a workflow command (`Escaping.commandSafeLines`).
    var text: String { String(decoding: Escaping.commandSafeLines(bytes), as: UTF8.self) }

    mutating func space(_ count: Int) { pendingSpaces += count }

    /// Text on the current line; its own trailing spaces are held back like padding.
    mutating func append(_ piece: String) {
        let utf8 = piece.utf8.span
        var end = utf8.count
        while end > 0, utf8[end - 1] == 0x20 { end -= 1 }
        if end > 0 {
            if pendingSpaces > 0 {
                bytes.append(contentsOf: repeatElement(0x20, count: pendingSpaces))
                pendingSpaces = 0
            }
            // The whole piece is copied at once (its own trailing spaces then dropped): a `String.UTF8View` is
            // copied as one block, a slice of it byte by byte.
            bytes.append(contentsOf: piece.utf8)
            bytes.removeLast(utf8.count - end)
        }
        pendingSpaces += utf8.count - end
    }

    /// A cell of display width `width` padded to `columnWidth`, right-aligned or left.
    mutating func cell(_ piece: String, width: Int, in columnWidth: Int, right: Bool) {
        let fill = max(0, columnWidth - width)
        if right { space(fill) }
        append(piece)
        if !right { space(fill) }
    }

    mutating func endLine() {
        pendingSpaces = 0
        bytes.append(0x0A)
    }

    mutating func line(_ piece: String) {
        append(piece)
        endLine()
    }

    mutating func lines(_ pieces: [String]) {
        for piece in pieces { line(piece) }
    }
}

extension Inline {
    /// Whether this is code (an identifier, a hash), which text never breaks across lines.
    var isCode: Bool {
        if case .code = self { true } else { false }
    }
}
