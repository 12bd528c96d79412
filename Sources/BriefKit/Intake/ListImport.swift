import Foundation

/// `brief import`: a workbook or a CSV folder read into a list, written as XML and validated like any other list.
/// Every diagnostic points at a cell: problems of reading at the cell read, and the validator's findings on the
/// written list at the cell its element came from.
public enum ListImport {
    public struct Result: Sendable {
        /// The list's XML, when the sheets could be read (it may still have errors; see `report`).
        public var xml: [UInt8]?
        /// The diagnostics, each at a cell, under the spreadsheet's name.
        public var report: ValidationReport
        /// The list read back from `xml`, when it validates.
        public var list: PrisonerList?
    }

    /// Whether `path` names a CSV folder (else a workbook).
    public static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Reads the sheets at `path` (an `.xlsx` file or a folder of CSV files).
    public static func sheets(at path: String, limits: SpreadsheetLimits = .default) -> Swift.Result<[ReadSheet], IntakeFailure> {
        isFolder(path) ? CSVFolder.read(folder: path, limits: limits) : XLSXReader(limits: limits).read(path: path)
    }

    public static func run(path: String, validator: Validator, limits: SpreadsheetLimits = .default) -> Result {
        switch sheets(at: path, limits: limits) {
        case .failure(let failure):
            return Result(xml: nil, report: report(path, failure.problems.map(\.diagnostic)), list: nil)
        case .success(let sheets):
            return run(sheets: sheets, source: path, validator: validator)
        }
    }

    /// Reads a list from sheets already read, writes it and validates it.
    public static func run(sheets: [ReadSheet], source: String, validator: Validator) -> Result {
        let draft = ListSheets.draft(from: sheets, source: source)
        guard let list = draft.list else {
            return Result(xml: nil, report: report(source, draft.problems.map(\.diagnostic)), list: nil)
        }
        let written = ListXMLWriter.render(list)
        let checked = validator.check(bytes: written.bytes, path: source)
        let diagnostics = checked.diagnostics.map { diagnostic -> Diagnostic in
            let index = diagnostic.line - 1
            let anchor = written.lineAnchors.indices.contains(index) ? written.lineAnchors[index] : nil
            let cell = anchor.flatMap(draft.origin(of:)) ?? CellLocation(file: source, sheet: nil, row: 1, column: 1)
            var moved = diagnostic
            moved.file = cell.file
            moved.line = cell.row
            moved.column = cell.column
            moved.message = "\(cell.reference): \(diagnostic.message)"
            moved.sourceLine = nil
            moved.caretColumn = nil
            return moved
        }
        let sorted = diagnostics.enumerated().sorted { a, b in
            (a.element.file, a.element.message.prefix(while: { $0 != "!" }), a.element.line, a.element.column, a.offset)
                < (b.element.file, b.element.message.prefix(while: { $0 != "!" }), b.element.line, b.element.column, b.offset)
        }.map(\.element)
        return Result(xml: written.bytes, report: report(source, sorted), list: checked.list)
    }

    static func report(_ path: String, _ diagnostics: [Diagnostic]) -> ValidationReport {
        ValidationReport(files: [FileReport(path: path, diagnostics: diagnostics)])
    }
}

/// `brief export`: a list written as a workbook or a folder of CSV files.
public enum ListExport {
    public static func workbook(_ list: PrisonerList) throws(XLSXWriter.Failure) -> [UInt8] {
        try XLSXWriter.workbook(ListSheets.tables(of: list))
    }

    /// The CSV files of a list: file name and text, in sheet order.
    public static func csvFiles(_ list: PrisonerList) -> [(name: String, text: String)] {
        ListSheets.tables(of: list).map { (CSVFolder.fileName($0.name), CSVFolder.text($0)) }
    }
}
