/// How many terminal columns text takes: East Asian wide characters take two, combining marks none.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        // Printable ASCII is one column a byte: the common case, without per-character Unicode lookups.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark { return 0 }
        if first.value < 0x20 || (0x7F...0x9F).contains(first.value) { return 0 }
        switch first.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
             0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Words wrapped into lines of at most `width` columns; words longer than a line are cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        if text.utf8.count <= width, !text.utf8.contains(0x0A), of(text) <= width {
            let trimmed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            return [trimmed]
        }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            var word = String(word)
            var wordWidth = of(word)
            if lineWidth > 0, lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            while wordWidth > width {
                // Cut an over-long word at the column limit.
                var head = ""
                var headWidth = 0
                var rest = Substring(word)
                while let c = rest.first, headWidth + of(c) <= width - lineWidth - (lineWidth > 0 ? 1 : 0) {
                    head.append(c)
                    headWidth += of(c)
                    rest = rest.dropFirst()
                }
                if head.isEmpty, lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                    continue
                }
                line += (lineWidth > 0 ? " " : "") + head
                lines.append(line)
                line = ""
                lineWidth = 0
                word = String(rest)
                wordWidth = of(word)
            }
            if word.isEmpty { continue }
            line += (lineWidth > 0 ? " " : "") + word
            lineWidth += (lineWidth > 0 ? 1 : 0) + wordWidth
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Text padded with spaces to `width` columns.
    static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(text)))
        return right ? fill + text : text + fill
    }
}
