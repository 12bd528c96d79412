import Foundation
import SwiftCSV

/// A list's sheets as a folder of CSV files, one a sheet, named after it in lower case (`statuses.csv`): RFC 4180,
/// UTF-8 with a byte-order mark, CRLF line ends, a header row, no field a spreadsheet would run as a formula. Read
/// with SwiftCSV; every cell is text (a CSV file has no types, and nothing in it is evaluated).
public enum CSVFolder {
    /// The file name of a sheet: `Statuses` → `statuses.csv`.
    public static func fileName(_ sheet: String) -> String { sheet.lowercased() + ".csv" }

    /// One sheet as CSV text, with a byte-order mark so that Excel reads accents.
    public static func text(_ sheet: SheetTable) -> String {
        var out = "\u{FEFF}" + line(sheet.header)
        for row in sheet.rows {
            var cells = row.map { ($0?.text).map(neutralised) ?? "" }
            while cells.count < sheet.header.count { cells.append("") }
            out += line(cells)
        }
        return out
    }

    /// What a spreadsheet program runs as a formula when a cell starts with it.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// A field a spreadsheet opening the file would not run: a formula start gets a `'` before it (as the briefing's
    /// CSV does), and so does a `'` that would otherwise be taken for one, so that `restored` gives the text back.
    static func neutralised(_ text: String) -> String {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return text }
        if formulaStarts.contains(first) { return "'" + text }
        if first == "'", let second = scalars.next(), formulaStarts.contains(second) || second == "'" { return "'" + text }
        return text
    }

    /// The text of a field `neutralised` wrote: one leading `'` dropped before a formula start or a `'` (a name
    /// such as `'t Hart` is left as it is).
    static func restored(_ field: String) -> String {
        var scalars = field.unicodeScalars.makeIterator()
        guard scalars.next() == "'", let second = scalars.next(), formulaStarts.contains(second) || second == "'" else { return field }
        return String(field.unicodeScalars.dropFirst())
    }

    /// A record: fields quoted when they hold a comma, a quote, a line break or surrounding space.
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            let needsQuotes = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                || field.first?.isWhitespace == true || field.last?.isWhitespace == true
            return needsQuotes ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }

    /// Reads the sheets of a folder: each `*.csv` file of `ListSheets.layout` that is there (a missing optional one
    /// is no sheet; a missing required one is reported by the list reader).
    public static func read(folder: String, limits: SpreadsheetLimits = .default) -> Result<[ReadSheet], IntakeFailure> {
        var sheets: [ReadSheet] = []
        var problems: [IntakeProblem] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for (sheet, _) in ListSheets.layout {
            // Matched without regard to case: `Statuses.csv` as a spreadsheet program names it is the same sheet.
            guard let name = names.sorted().first(where: { $0.lowercased() == fileName(sheet) }) else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            switch read(path: path, sheet: sheet, limits: limits) {
            case .success(let read): sheets.append(read)
            case .failure(let failure): problems.append(contentsOf: failure.problems)
            }
        }
        return problems.isEmpty ? .success(sheets) : .failure(IntakeFailure(problems))
    }

    /// Reads one CSV file as the sheet `sheet`.
    public static func read(path: String, sheet: String, limits: SpreadsheetLimits = .default) -> Result<ReadSheet, IntakeFailure> {
        let whole = CellLocation(file: path, sheet: nil, row: 1, column: 1)
        let bytes: [UInt8]
        do {
            bytes = try DocumentReader.readBytes(at: path, limit: limits.maxFileBytes)
        } catch {
            return .failure(IntakeFailure([IntakeProblem(whole, error.reason)]))
        }
        guard bytes.count <= limits.maxFileBytes else {
            return .failure(IntakeFailure([IntakeProblem(whole, "the file is larger than the limit of \(limits.maxFileBytes) bytes")]))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(IntakeFailure([IntakeProblem(whole, "the file is not UTF-8", help: "save the CSV file as UTF-8")]))
        }
        // Bounds before parsing: a record needs a line, a field a comma.
        let lines = text.utf8.count { $0 == UInt8(ascii: "\n") }
        guard lines <= limits.maxRows + 1 else {
            return .failure(IntakeFailure([IntakeProblem(whole, "the file has more than \(limits.maxRows) rows",
                                           help: "delete the rows below the data, or split the list")]))
        }
        let records: [[String]]
        do {
            records = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false).rowsWithHeader
        } catch {
            return .failure(IntakeFailure([IntakeProblem(whole, "the file is not CSV: \(error)")]))
        }
        var rows: [ReadSheet.Row] = []
        var problems: [IntakeProblem] = []
        for (index, record) in records.enumerated() {
            let number = index + 1
            guard record.count <= limits.maxColumns else {
                problems.append(IntakeProblem(CellLocation(file: path, sheet: nil, row: number, column: limits.maxColumns + 1),
                                              "the row has \(record.count) fields, past the limit of \(limits.maxColumns) columns"))
                break
            }
            let cells: [CellValue?] = record.map { field in
                field.trimmingXMLWhitespace().isEmpty ? nil : .text(restored(field))
            }
            if let long = cells.firstIndex(where: { ($0?.text.utf8.count ?? 0) > limits.maxCellBytes }) {
                problems.append(IntakeProblem(CellLocation(file: path, sheet: nil, row: number, column: long + 1),
                                              "the cell is longer than \(limits.maxCellBytes) bytes"))
                continue
            }
            if cells.contains(where: { $0 != nil }) { rows.append(ReadSheet.Row(number: number, cells: cells)) }
        }
        return problems.isEmpty ? .success(ReadSheet(name: sheet, file: path, inWorkbook: false, rows: rows)) : .failure(IntakeFailure(problems))
    }
}

extension CSV where DataView == Enumerated {
    /// The header, then every record (SwiftCSV keeps the header apart).
    var rowsWithHeader: [[String]] { [header] + rows }
}
