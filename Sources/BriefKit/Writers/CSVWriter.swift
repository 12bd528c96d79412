// Writers: one per format, from the document IR to text or bytes. A writer sees only `BriefDocument` (or an
// export): never XML, the model, a file or the clock.

/// The prisoner table for spreadsheets: RFC 4180 (CRLF, quoted fields), UTF-8 with a byte-order mark so that
/// Excel reads accents, and no cell that a spreadsheet would run as a formula.
public struct CSVWriter: Sendable {
    /// The table written: the document's first table of this kind.
    public var table: DataTable.Kind

    public init(table: DataTable.Kind = .prisoners) {
        self.table = table
    }

    /// A field, quoted when needed; a leading `=`, `+`, `-`, `@`, tab or CR is neutralised with a `'`.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
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
            lines.append(((marks ? [row.marking.name] : []) + row.cells.map(\.plainText)).map(Self.field).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }
}
