/// A cell's value as a spreadsheet holds it. Nothing here is ever a formula: a formula cell is refused where it is
/// read (its cached value could say anything, and nothing from a cell is evaluated).
public enum CellValue: Sendable, Equatable {
    case text(String)
    /// A number as written in the file (`1962`, `1.962E3`), never rounded through a floating-point value first.
    case number(String)
    case boolean(Bool)
    /// A number the file formats as a date (a serial day number), already turned into a date.
    case date(Day)

    /// The value as text, as a person would read it: a whole number without a fraction, a date as `YYYY-MM-DD`.
    public var text: String {
        switch self {
        case .text(let text): text
        case .number(let raw): CellValue.wholeNumber(raw).map(String.init) ?? raw
        case .boolean(let value): value ? "TRUE" : "FALSE"
        case .date(let day): day.iso
        }
    }

    /// `raw` as a whole number, if it is one: plain digits, or a decimal or exponent form of an integral value
    /// small enough to be exact.
    static func wholeNumber(_ raw: String) -> Int? {
        let trimmed = raw.trimmingXMLWhitespace()
        if let value = Int(trimmed) { return value }
        guard let value = Double(trimmed), value.isFinite, value == value.rounded(), abs(value) < 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }
}

/// A sheet to write: a header row, then rows of cells (nil: an empty cell).
public struct SheetTable: Sendable, Equatable {
    public var name: String
    public var header: [String]
    public var rows: [[CellValue?]]

    public init(name: String, header: [String], rows: [[CellValue?]] = []) {
        self.name = name
        self.header = header
        self.rows = rows
    }
}

/// Where a cell is: its file, its sheet (for a workbook) and its row and column (1-based).
public struct CellLocation: Sendable, Hashable {
    public var file: String
    /// The sheet's name in a workbook; nil for a CSV file, whose file is the sheet.
    public var sheet: String?
    public var row: Int
    public var column: Int

    public init(file: String, sheet: String?, row: Int, column: Int) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
    }

    /// `Statuses!C14` in a workbook, `C14` in a CSV file.
    public var reference: String {
        (sheet.map { "\($0)!" } ?? "") + CellLocation.columnName(column) + String(row)
    }

    /// `cases.xlsx:Statuses!C14`.
    public var description: String { "\(file):\(reference)" }

    /// `A`, `B`, ..., `Z`, `AA`, ... for 1, 2, ..., 26, 27, ...
    public static func columnName(_ column: Int) -> String {
        var number = max(1, column)
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            number = (number - 1) / 26
        }
        return String(letters)
    }

    /// The 1-based column of letters (`AB` → 28), or nil.
    static func columnNumber<S: Sequence>(_ letters: S) -> Int? where S.Element == UInt8 {
        var number = 0
        var count = 0
        for byte in letters {
            guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) else { return nil }
            number = number * 26 + Int(byte - UInt8(ascii: "A") + 1)
            count += 1
            guard count <= 3 else { return nil }
        }
        return count == 0 ? nil : number
    }
}

/// A sheet as read: its rows that hold something, each with its row number in the file.
public struct ReadSheet: Sendable {
    public struct Row: Sendable {
        /// 1-based, as the spreadsheet numbers it.
        public var number: Int
        /// By column, 0-based; nil for an empty cell.
        public var cells: [CellValue?]
    }

    public var name: String
    /// The file as the user named it.
    public var file: String
    /// Whether the sheet is one of a workbook's (locations then name it).
    public var inWorkbook: Bool
    public var rows: [Row]

    public func location(row: Int, column: Int) -> CellLocation {
        CellLocation(file: file, sheet: inWorkbook ? name : nil, row: row, column: column)
    }
}

/// A problem with a spreadsheet, at a cell (or a whole file: row 1, column 1).
public struct IntakeProblem: Error, Sendable, CustomStringConvertible {
    public var location: CellLocation
    public var message: String
    public var help: String?

    public init(_ location: CellLocation, _ message: String, help: String? = nil) {
        self.location = location
        self.message = message
        self.help = help
    }

    public var description: String { "\(location.description): \(message)" }

    /// The problem as the diagnostics of `brief validate` show it: file, row as line, column, and the cell
    /// (`Statuses!C14`) first in the message so that every output format names it.
    public var diagnostic: Diagnostic {
        Diagnostic(severity: .error, rule: .spreadsheet, message: "\(location.reference): \(message)", file: location.file,
                   line: location.row, column: location.column, help: help)
    }
}

/// Bounds on reading a spreadsheet (docs/spreadsheets.md, "Limits"), checked before anything is decompressed or
/// kept.
public struct SpreadsheetLimits: Sendable {
    /// Largest workbook or CSV file, in bytes.
    public var maxFileBytes: Int = 64 << 20
    /// Most entries in a workbook's zip.
    public var maxEntries: Int = 64
    /// Largest part once decompressed, and all parts together.
    public var maxPartBytes: Int = 64 << 20
    public var maxTotalBytes: Int = 256 << 20
    /// Greatest ratio of a part's size to its compressed size (a zip bomb's is in the thousands).
    public var maxCompressionRatio: Int = 200
    /// Most rows (a row number beyond is refused) and columns of a sheet.
    public var maxRows: Int = 200_000
    public var maxColumns: Int = 64
    /// Longest cell text, in bytes.
    public var maxCellBytes: Int = 1 << 20

    public init() {}

    public static let `default` = SpreadsheetLimits()
}

/// The problems that stop a spreadsheet being read, each at its cell.
public struct IntakeFailure: Error, Sendable {
    public var problems: [IntakeProblem]

    public init(_ problems: [IntakeProblem]) {
        self.problems = problems
    }
}
