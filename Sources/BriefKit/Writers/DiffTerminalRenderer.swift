/// `brief diff` for people: one line per change from the IR's `changes` table, `+` added, `-` removed,
/// `~` changed; coloured only on a terminal. Data is escaped for the terminal and CI logs (`Escaping.terminal`).
public struct DiffTerminalRenderer: Sendable {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func render(_ document: BriefDocument) -> String {
        var out = ""
        for block in document.sections.flatMap(\.blocks) {
            switch block {
            case .paragraph(let paragraph):
                out += Escaping.terminal(paragraph.plainText) + "\n"
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
                    if document.showsPortionMarks { line = row.marking.portionMark + " " + line }
                    out += (color ? "\u{1B}[\(code)m\(line)\u{1B}[0m" : line) + "\n"
                }
            default:
                break
            }
        }
        return Escaping.commandSafeLines(out)
    }
}
