/// GitHub-flavoured Markdown. Every data string is escaped so that it renders as the text it is: no HTML, no
/// emphasis, no links, no table breaks, no headings come from data; nor, when the Markdown is pasted on GitHub (a
/// diff in a pull request, say), a mention, an issue reference or an autolink (docs/security.md).
public struct MarkdownWriter: Sendable {
    public init() {}

    /// An empty HTML comment: it renders as nothing, and splits the text around it into two text nodes, so that
    /// GitHub's mention and reference filters, which read text nodes after the Markdown is rendered and which no
    /// backslash escape or character reference stops, do not see `@octocat` or `#12` in `@<!-- -->octocat`.
    static let split = "<!-- -->"

    /// Escapes text for Markdown prose and table cells. Besides Markdown's own syntax:
    ///
    /// - `@` before a letter or digit is followed by `split` (a mention, `@org/team`, or an e-mail autolink);
    /// - `#` before a digit is escaped and followed by `split` (an issue reference);
    /// - `:` before `//` is escaped (an `http://`, `https://` or `ftp://` autolink), and so is `.` after `www`
    ///   (a `www.` autolink): CommonMark backslash escapes, which GitHub honours for autolinks;
    /// - the second `:` of `::` is escaped, so that no line starts a CI workflow command (`::add-mask::`);
    /// - control and bidirectional formatting characters are shown as `\u{202E}` (`Escaping.visible`).
    ///
    /// Every escape renders as the character escaped: the text reads the same.
    static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        let scalars = Array(Escaping.visible(text).unicodeScalars)
        // At the start, a list marker, a setext underline or an ordered-list number would change the block.
        let leadingDigits = scalars.prefix { $0.properties.numericType != nil && $0.isASCII }.count
        func at(_ index: Int) -> Unicode.Scalar? { scalars.indices.contains(index) ? scalars[index] : nil }
        for (index, scalar) in scalars.enumerated() {
            if index == 0, ["-", "+", "="].contains(scalar) {
                out += "\\"
            }
            if index == leadingDigits, index > 0, scalar == "." || scalar == ")" {
                out += "\\"
            }
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "|", "~", "$":
                out.unicodeScalars.append("\\")
                out.unicodeScalars.append(scalar)
            case "#":
                out += "\\#"
                if let next = at(index + 1), next.properties.numericType != nil { out += split }
            case "@":
                out += "@"
                if let next = at(index + 1), next.properties.isAlphabetic || next.properties.numericType != nil { out += split }
            case ":" where at(index - 1) == ":" || (at(index + 1) == "/" && at(index + 2) == "/"):
                out += "\\:"
            case "." where index >= 3 && String(String.UnicodeScalarView(scalars[(index - 3)..<index])).lowercased() == "www":
                out += "\\."
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\r", "\n": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// False when `escape` would return `text` unchanged, judged from its UTF-8 bytes (most names and dates).
    static func needsEscaping(_ text: String) -> Bool {
        let bytes = text.utf8.span
        guard !bytes.isEmpty else { return false }
        let first = bytes[0]
        // A leading marker or digit may start a block; the scalar path decides.
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "=") || (0x30...0x39).contains(first) {
            return true
        }
        let classes = byteClasses.span
        for index in 0..<bytes.count {
            switch classes[Int(bytes[index])] {
            case 0:
                continue
            case 1:
                return true
            default:
                if needsEscaping(bytes, at: index) { return true }
            }
        }
        return false
    }

    /// For each byte: 0, never escaped; 1, always (Markdown syntax, `@`, controls); 2, by its neighbours (`:`, `.`,
    /// and the lead bytes of C1 controls and bidirectional controls).
    private static let byteClasses: [UInt8] = (0...255).map { byte -> UInt8 in
        switch byte {
        case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x23, 0x7C, 0x7E, 0x24, 0x3C, 0x3E, 0x26, 0x40, 0x00..<0x20, 0x7F: 1
        case 0x3A, 0x2E, 0xC2, 0xD8, 0xE2: 2
        default: 0
        }
    }

    /// Whether the byte at `index`, of class 2, starts or ends something `escape` changes.
    private static func needsEscaping(_ bytes: Span<UInt8>, at index: Int) -> Bool {
        switch bytes[index] {
        case 0x3A:  // `::` or `://`
            return index + 1 < bytes.count && (bytes[index + 1] == 0x3A || bytes[index + 1] == 0x2F)
        case 0x2E:  // `www.`, any case
            return index >= 3 && ((index - 3)..<index).allSatisfy { bytes[$0] | 0x20 == UInt8(ascii: "w") }
        case 0xC2:  // C1 controls, which `Escaping.visible` escapes
            return index + 1 < bytes.count && bytes[index + 1] < 0xA0
        default:
            return Escaping.bidiControlLength(bytes, at: index) > 0
        }
    }

    /// A URL for a Markdown link destination: only http(s), with characters that could end it percent-encoded.
    static func destination(_ href: String) -> String? {
        let lower = href.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        var out = ""
        for byte in href.utf8 {
            switch byte {
            case 0x21...0x7E where !"()<>[]\\` \"'".utf8.contains(byte):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// Inline content; `inTable` for a table cell, where code escapes `|` (see `code`).
    func inline(_ content: [Inline], inTable: Bool = false) -> String {
        content.map { item in
            switch item {
            case .text(let t): Self.escape(t)
            case .strong(let t): Self.delimit(t, with: "**")
            case .emphasis(let t): Self.delimit(t, with: "*")
            case .date(let day): Self.escape(day.prose)
            case .code(let t): Self.code(t, inTable: inTable)
            case .link(let text, let href):
                Self.destination(href).map { "[\(Self.escape(text))](\($0))" } ?? Self.escape(text)
            case .citation(let n): "<sup>\\[\(n)\\]</sup>"
            // GitHub renders these two tags (underlined, struck through), which Markdown has no syntax for.
            case .revision(.insertion, let content): "<ins>" + inline(content, inTable: inTable) + "</ins>"
            case .revision(.deletion, let content): "<del>" + inline(content, inTable: inTable) + "</del>"
            }
        }.joined()
    }

    /// A code span (an identifier, a hash): its text literal, in a run of backticks longer than any in it, with a
    /// space inside each end when the text starts or ends with a backtick or a space (CommonMark strips one space from
    /// each end of a span that has both). In a code span no emphasis, link, HTML, mention or autolink is read, so only
    /// what ends the span or the line needs care: line breaks become spaces, control and bidirectional formatting
    /// characters show as `\u{202E}`, and in a table cell `|` is written `\|` (GitHub splits cells before it reads
    /// spans, and writes `\|` in a span as `|`).
    static func code(_ text: String, inTable: Bool = false) -> String {
        var content = Escaping.visible(text).replacing("\r\n", with: " ").replacing("\n", with: " ").replacing("\r", with: " ")
        if inTable { content = content.replacing("|", with: "\\|") }
        guard !content.isEmpty else { return "" }
        var longestRun = 0, run = 0
        for character in content {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let padded = content.first == "`" || content.last == "`" || content.first == " " || content.last == " "
        let pad = padded ? " " : ""
        return fence + pad + content + pad + fence
    }

    /// Text between emphasis delimiters. Spaces at its ends go outside: `**Released: **` is not bold in
    /// CommonMark (a closing `**` cannot follow a space), `**Released:** ` is.
    static func delimit(_ text: String, with delimiter: String) -> String {
        let inner = text.trimming(charactersIn: " ")
        guard !inner.isEmpty else { return text }
        let leading = String(repeating: " ", count: text.prefix { $0 == " " }.count)
        let trailing = String(repeating: " ", count: text.reversed().prefix { $0 == " " }.count)
        return leading + delimiter + escape(inner) + delimiter + trailing
    }

    func mark(_ marking: Marking, _ marks: Bool) -> String {
        marks ? "**\(marking.portionMark)** " : ""
    }

    public func render(_ document: BriefDocument) -> String {
        let marks = document.showsPortionMarks
        var out = "**\(document.banner.banner)**\n\n"
        // The letterhead's lines, one paragraph with hard line breaks (a backslash at the end of a line).
        let letterhead = document.style.letterhead.map(Self.escape).filter { !$0.isEmpty }
        if !letterhead.isEmpty {
            out += letterhead.joined(separator: "\\\n") + "\n\n"
        }
        out += "# \(Self.escape(document.title))\n"
        for section in document.sections {
            // A section that starts a page in paged formats starts after a rule here (after a blank line, so that
            // `---` is not read as the underline of a heading).
            if section.startsOnNewPage { out += "\n---\n" }
            out += "\n## " + (section.headingMarking.map { mark($0, marks) } ?? "") + Self.escape(section.heading) + "\n"
            for block in section.blocks {
                out += "\n" + render(block, marks: marks)
            }
        }
        out += "\n**\(document.banner.banner)**\n"
        return out
    }

    func render(_ block: Block, marks: Bool) -> String {
        switch block {
        case .paragraph(let paragraph):
            return mark(paragraph.marking, marks) + inline(paragraph.content) + "\n"
        case .bullets(let list):
            return list.items.enumerated().map { number, item in
                (list.ordered ? "\(number + 1). " : "- ") + mark(item.marking, marks) + inline(item.content) + "\n"
            }.joined()
        case .notes(let notes):
            return notes.map { "- " + mark($0.marking, marks) + inline($0.content) + "\n" }.joined()
        case .heading(let heading):
            return String(repeating: "#", count: 2 + min(max(heading.level, 1), 2)) + " " + (heading.marking.map { mark($0, marks) } ?? "") + (heading.revisedText.map { inline($0) } ?? Self.escape(heading.text)) + "\n"
        case .facts(let facts):
            var out = (marks ? "| Mark " : "") + "| Field | Value |\n" + (marks ? "| --- " : "") + "| --- | --- |\n"
            for row in facts.rows {
                out += (marks ? "| \(row.marking.portionMark) " : "") + "| **\(Self.escape(row.label))** | \(inline(row.value, inTable: true)) |\n"
            }
            return out
        case .table(let table):
            return "*\(Self.escape(table.caption))*\n\n" + renderTable(columns: table.columns, rows: table.rows, marks: marks)
        case .chart(let chart):
            var out = mark(chart.marking, marks) + "**\(Self.escape(chart.title))**: \(Self.escape(chart.description))\n"
            if !chart.points.isEmpty {
                out += "\n" + renderTable(columns: [.init(chart.kind == .bars ? "Category" : "Date"), .init("Value", numeric: true)],
                                          rows: chart.points.map { DataTable.Row(cells: [$0.label, "\($0.value)"], marking: chart.marking) },
                                          marks: false)
            }
            return out
        }
    }

    /// A table cell: its text or its text and citations; an empty cell as a space.
    func cell(_ cell: DataTable.Cell) -> String {
        switch cell {
        case .text(let text): text.isEmpty ? " " : Self.escape(text)
        case .inlines(let content): content.isEmpty ? " " : inline(content, inTable: true)
        }
    }

    func renderTable(columns: [DataTable.Column], rows: [DataTable.Row], marks: Bool) -> String {
        var out = (marks ? "| Mark " : "") + "| " + columns.map { Self.escape($0.title) }.joined(separator: " | ") + " |\n"
        out += (marks ? "| --- " : "") + "| " + columns.map { $0.numeric ? "---:" : "---" }.joined(separator: " | ") + " |\n"
        for row in rows {
            out += (marks ? "| \(row.marking.portionMark) " : "") + "| "
                + row.cells.map(cell).joined(separator: " | ") + " |\n"
        }
        return out
    }
}
