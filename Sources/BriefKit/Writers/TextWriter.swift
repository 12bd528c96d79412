/// Plain UTF-8 text for email: wrapped at 78 columns, tables aligned by display width, banner first and last.
public struct TextWriter: Sendable {
    public static let width = 78

    public init() {}

    public func render(_ document: BriefDocument) -> String {
        var out: [String] = []
        let banner = center(document.banner.banner)
        out.append(banner)
        out.append("")
        out += DisplayWidth.wrap(clean(document.title), width: Self.width)
        out.append(String(repeating: "=", count: min(Self.width, DisplayWidth.of(clean(document.title)))))
        for section in document.sections {
            out.append("")
            out.append(clean(section.heading).uppercased())
            out.append(String(repeating: "-", count: min(Self.width, DisplayWidth.of(clean(section.heading)))))
            for block in section.blocks {
                out.append("")
                out += render(block, marks: document.showsPortionMarks)
            }
        }
        out.append("")
        out.append(banner)
        return out.map { $0.trailingSpacesRemoved() }.joined(separator: "\n") + "\n"
    }

    /// Text from data, with control characters (terminal escapes, say) shown escaped.
    func clean(_ text: String) -> String {
        Escaping.terminal(text)
    }

    func center(_ text: String) -> String {
        let pad = max(0, (Self.width - DisplayWidth.of(text)) / 2)
        return String(repeating: " ", count: pad) + text
    }

    func mark(_ marking: Marking, _ marks: Bool) -> String {
        marks ? marking.portionMark + " " : ""
    }

    func inline(_ content: [Inline]) -> String {
        content.map { item in
            switch item {
            case .text(let t), .strong(let t), .emphasis(let t): clean(t)
            case .link(let text, let href): text == href ? clean(href) : "\(clean(text)) <\(clean(href))>"
            case .citation(let n): "[\(n)]"
            }
        }.joined()
    }

    func render(_ block: Block, marks: Bool) -> [String] {
        switch block {
        case .paragraph(let paragraph):
            return DisplayWidth.wrap(mark(paragraph.marking, marks) + inline(paragraph.content), width: Self.width)
        case .bullets(let list):
            return list.items.flatMap { item -> [String] in
                let lines = DisplayWidth.wrap(mark(item.marking, marks) + inline(item.content), width: Self.width - 2)
                return lines.enumerated().map { ($0.offset == 0 ? "- " : "  ") + $0.element }
            }
        case .facts(let facts):
            let labelWidth = min(24, facts.rows.map { DisplayWidth.of(mark($0.marking, marks) + clean($0.label)) }.max() ?? 0)
            return facts.rows.flatMap { row -> [String] in
                let label = mark(row.marking, marks) + clean(row.label)
                let lines = DisplayWidth.wrap(inline(row.value), width: Self.width - labelWidth - 3)
                return lines.enumerated().map { index, line in
                    (index == 0 ? DisplayWidth.pad(label + ":", to: labelWidth + 1) : String(repeating: " ", count: labelWidth + 1)) + "  " + line
                }
            }
        case .table(let table):
            return renderTable(caption: table.caption, columns: table.columns, rows: table.rows, marks: marks)
        case .chart(let chart):
            var lines = DisplayWidth.wrap(mark(chart.marking, marks) + clean(chart.title) + ": " + clean(chart.description), width: Self.width)
            if !chart.points.isEmpty {
                lines.append("")
                lines += renderTable(caption: nil, columns: [.init(chart.kind == .bars ? "Category" : "Date"), .init("Value", numeric: true)],
                                     rows: chart.points.map { DataTable.Row(cells: [$0.label, "\($0.value)"], marking: chart.marking) }, marks: false)
            }
            return lines
        }
    }

    /// A table aligned by display width; columns shrink (and cells wrap) to fit 78 columns.
    func renderTable(caption: String?, columns: [DataTable.Column], rows: [DataTable.Row], marks: Bool) -> [String] {
        var header = columns.map { clean($0.title) }
        var body = rows.map { row in row.cells.map { clean($0) } }
        var numeric = columns.map(\.numeric)
        if marks {
            header.insert("Mark", at: 0)
            body = zip(body, rows).map { [$1.marking.portionMark] + $0 }
            numeric.insert(false, at: 0)
        }
        let count = header.count
        var widths = (0..<count).map { column in
            ([header[column]] + body.map { column < $0.count ? $0[column] : "" }).map(DisplayWidth.of).max() ?? 0
        }
        let separators = 2 * (count - 1)
        // Shrink the widest column that can wrap without cutting a word (ids and dates stay whole); only when
        // every column is down to its longest word are words cut.
        let longestWord = (0..<count).map { column in
            ([header[column]] + body.map { column < $0.count ? $0[column] : "" })
                .flatMap { $0.split(separator: " ") }.map { min(24, DisplayWidth.of(String($0))) }.max() ?? 0
        }
        while widths.reduce(0, +) + separators > Self.width {
            let wrappable = widths.indices.filter { widths[$0] > max(6, longestWord[$0]) }
            let candidates = wrappable.isEmpty ? widths.indices.filter { widths[$0] > 6 } : wrappable
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        func format(_ cells: [String]) -> [String] {
            let wrapped = (0..<count).map { DisplayWidth.wrap(($0 < cells.count ? cells[$0] : ""), width: widths[$0]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                (0..<count).map { column in
                    DisplayWidth.pad(line < wrapped[column].count ? wrapped[column][line] : "", to: widths[column], right: numeric[column])
                }.joined(separator: "  ")
            }
        }
        var lines: [String] = []
        if let caption { lines += DisplayWidth.wrap(clean(caption), width: Self.width) }
        lines += format(header)
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in body { lines += format(row) }
        return lines
    }
}

extension String {
    func trailingSpacesRemoved() -> String {
        var result = self
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
