/// `brief diff` for people: the summary (its sentences, and its lines indented under them), then one line per
/// change from the IR's `changes` table, `+` added, `-` removed, `~` changed; coloured only on a terminal. Data is
/// escaped for the terminal and CI logs (`Escaping.terminal`).
public struct DiffTerminalRenderer: Sendable {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func render(_ document: BriefDocument) -> String {
        var out = ""
        func marked(_ text: String, _ marking: Marking) -> String {
            document.showsPortionMarks ? marking.portionMark + " " + text : text
        }
        for block in document.sections.flatMap(\.blocks) {
            switch block {
            case .paragraph(let paragraph):
                out += marked(Escaping.terminal(paragraph.plainText), paragraph.marking) + "\n"
            case .bullets(let list):
                for item in list.items { out += "  " + marked(Escaping.terminal(item.plainText), item.marking) + "\n" }
            case .table(let table) where table.kind == .changes:
                for row in table.rows {
                    let cells = row.cells.map { Escaping.terminal($0.plainText) }
                    guard cells.count >= 7 else { continue }
                    let kind = cells[0]
                    let (sign, code) = switch row.effect {
                    case .addition: ("+", "32")
                    case .removal: ("-", "31")
                    case .modification, nil: ("~", "33")
                    }
                    var line = "\(sign) \(cells[1]) \(kind)"
                    if !cells[2].isEmpty { line += " \(cells[2])" }
                    if !cells[3].isEmpty || !cells[4].isEmpty {
                        line += ": " + (cells[3].isEmpty ? "" : cells[3]) + (cells[3].isEmpty || cells[4].isEmpty ? "" : " → ") + (cells[4].isEmpty ? "" : cells[4])
                    }
                    if !cells[6].isEmpty { line += " (\(cells[6])\(cells[5].isEmpty ? "" : ", \(cells[5])"))" }
                    line = marked(line, row.marking)
                    out += (color ? "\u{1B}[\(code)m\(line)\u{1B}[0m" : line) + "\n"
                }
            default:
                break
            }
        }
        return Escaping.commandSafeLines(out)
    }
}
