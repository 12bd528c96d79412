// Writers: one per format, from the document IR to text or bytes. A writer sees only `BriefDocument` (or an
// export): never XML, the model, a file or the clock.

/// The prisoner table for spreadsheets: RFC 4180 (CRLF, quoted fields), UTF-8 with a byte-order mark so that
/// Excel reads accents, and no cell that a spreadsheet would run as a formula, whichever separator it splits at.
public struct CSVWriter: Sendable {
    /// The table written: the document's first table of this kind.
    public var table: DataTable.Kind

    public init(table: DataTable.Kind = .prisoners) {
        self.table = table
    }

    /// A field. Spreadsheets split lines at `,`, `;` or tab, by locale, and run a cell that starts with `=`, `+`,
    /// `-`, `@`, tab or CR as a formula. So a field that holds any separator, a quote or a line break is quoted; and a
    /// formula start is neutralised with a `'` before it both at the field's start and after each separator or line
    /// break inside it (spaces between allowed), in case the reader splits there anyway. Bidirectional formatting
    /// characters are shown as `\u{202E}` (`Escaping.bidi`).
    static func field(_ text: String) -> String {
        guard needsWork(text) else { return text }
        var value = ""
        value.reserveCapacity(text.utf8.count + 8)
        var quoted = false
        // Whether the next scalar other than a space starts a cell for some reader.
        var cellStart = true
        for scalar in Escaping.bidi(text).unicodeScalars {
            if cellStart, scalar != " " {
                if Self.formulaStarts.contains(scalar) { value += "'" }
                cellStart = false
            }
            if scalar == "\"" {
                value += "\"\""
                quoted = true
                continue
            }
            value.unicodeScalars.append(scalar)
            if Self.separators.contains(scalar) {
                quoted = true
                cellStart = true
            }
        }
        return quoted ? "\"" + value + "\"" : value
    }

    /// What starts a formula in a cell.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
    /// Where some reader starts a new cell: the field separators of common locales, and line breaks.
    static let separators: Set<Unicode.Scalar> = [",", ";", "\t", "\n", "\r"]

    /// False when `field` returns `text` unchanged, judged from its UTF-8 bytes: no separator, quote or line break, no
    /// bidirectional formatting character, and no formula start after the leading spaces.
    static func needsWork(_ text: String) -> Bool {
        let bytes = text.utf8.span
        var first = 0
        while first < bytes.count, bytes[first] == 0x20 { first += 1 }
        if first < bytes.count, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")].contains(bytes[first]) {
            return true
        }
        for index in 0..<bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\""), 0x09, 0x0A, 0x0D:
                return true
            case 0xD8, 0xE2:
                if Escaping.bidiControlLength(bytes, at: index) > 0 { return true }
            default:
                break
            }
        }
        return false
    }

    public func render(_ document: BriefDocument) -> String {
        let table = document.sections.lazy.flatMap(\.blocks).compactMap { block -> DataTable? in
            if case .table(let table) = block, table.kind == self.table { return table }
            return nil
        }.first
        let marks = document.showsPortionMarks
        var lines: [String] = []
        let columns = table?.columns.map(\.title) ?? ["ID"]
        lines.append(((marks ? ["Marking"] : []) + columns).map(Self.field).joined(separator: ","))
        for row in table?.rows ?? [] {
            lines.append(((marks ? [row.marking.name] : []) + row.cells.map(\.dataText)).map(Self.field).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }
}
