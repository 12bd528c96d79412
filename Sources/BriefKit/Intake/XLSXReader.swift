import BriefXML
import Foundation
import ZIPFoundation

/// Reads the sheets of an Office Open XML workbook (`.xlsx`) as untrusted input: limits on the zip (entries, each
/// part's size and compression ratio, their total) are checked before and while anything is decompressed; the
/// parts are read with the project's secure XML parser (no DOCTYPE, no entities, bounded depth and text); rows and
/// columns are bounded. Shared and inline strings, numbers, booleans and dates stored as serial numbers are read;
/// formula cells, error cells and merged cells are refused at their cell. Nothing is evaluated.
public struct XLSXReader: Sendable {
    public var limits: SpreadsheetLimits

    public init(limits: SpreadsheetLimits = .default) {
        self.limits = limits
    }

    /// The sheets of the workbook at `path` (named `path` in problems), or the problems that stop it being read.
    public func read(path: String) -> Result<[ReadSheet], IntakeFailure> {
        let whole = CellLocation(file: path, sheet: nil, row: 1, column: 1)
        do {
            let bytes = try DocumentReader.readBytes(at: path, limit: limits.maxFileBytes)
            guard bytes.count <= limits.maxFileBytes else {
                return .failure(IntakeFailure([IntakeProblem(whole, "the file is larger than the limit of \(limits.maxFileBytes) bytes")]))
            }
            return read(bytes: bytes, path: path)
        } catch {
            return .failure(IntakeFailure([IntakeProblem(whole, error.reason)]))
        }
    }

    public func read(bytes: [UInt8], path: String) -> Result<[ReadSheet], IntakeFailure> {
        let whole = CellLocation(file: path, sheet: nil, row: 1, column: 1)
        func refuse(_ message: String, help: String? = nil) -> Result<[ReadSheet], IntakeFailure> {
            .failure(IntakeFailure([IntakeProblem(whole, message, help: help)]))
        }
        guard bytes.count <= limits.maxFileBytes else { return refuse("the file is larger than the limit of \(limits.maxFileBytes) bytes") }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            return refuse("the file is not an .xlsx workbook (not a zip)", help: "save the spreadsheet as an Excel workbook (.xlsx), or export CSV files into a folder")
        }
        if let problem = ZipStructure.problem(in: bytes, maxEntries: limits.maxEntries) { return refuse(problem) }
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            return refuse("the file is not a readable zip: \(error)")
        }
        // The parts, read within the limits; nothing else of the zip is decompressed.
        var entries: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxEntries else { return refuse("the workbook has more than \(limits.maxEntries) parts") }
            entries[entry.path] = entry
        }
        var total = 0
        func part(_ name: String) -> Result<[UInt8]?, IntakeProblem> {
            guard let entry = entries[name] else { return .success(nil) }
            let declared = entry.uncompressedSize
            guard entry.type == .file else { return .failure(IntakeProblem(whole, "the part \(name) is not a file")) }
            guard declared <= UInt64(limits.maxPartBytes) else {
                return .failure(IntakeProblem(whole, "the part \(name) would be \(declared) bytes decompressed, more than the limit of \(limits.maxPartBytes)"))
            }
            let compressed = max(entry.compressedSize, 1)
            guard declared / compressed <= UInt64(limits.maxCompressionRatio) || declared < 1 << 20 else {
                return .failure(IntakeProblem(whole, "the part \(name) is compressed \(declared / compressed) to 1, more than \(limits.maxCompressionRatio) to 1 (a zip bomb?)"))
            }
            var data: [UInt8] = []
            data.reserveCapacity(Int(declared))
            let budget = min(Int(declared), limits.maxPartBytes)
            struct Overflow: Error {}
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard data.count + chunk.count <= budget, total + chunk.count <= limits.maxTotalBytes else { throw Overflow() }
                    data.append(contentsOf: chunk)
                    total += chunk.count
                }
            } catch is Overflow {
                return .failure(IntakeProblem(whole, "the part \(name) decompresses to more than its declared size or the limits (a zip bomb?)"))
            } catch {
                return .failure(IntakeProblem(whole, "the part \(name) cannot be decompressed: \(error)"))
            }
            return .success(data)
        }
        func required(_ name: String) -> Result<[UInt8], IntakeProblem> {
            switch part(name) {
            case .success(let bytes?): .success(bytes)
            case .success(nil): .failure(IntakeProblem(whole, "the workbook has no \(name)", help: "save the spreadsheet as an Excel workbook (.xlsx)"))
            case .failure(let problem): .failure(problem)
            }
        }
        do throws(IntakeProblem) {
            let workbookPart = try required("xl/workbook.xml").get()
            let workbook = try parse(workbookPart, part: "xl/workbook.xml", whole: whole, handler: WorkbookHandler())
            let rels = try parse(try required("xl/_rels/workbook.xml.rels").get(), part: "xl/_rels/workbook.xml.rels", whole: whole, handler: RelationshipsHandler())
            var strings: [String] = []
            if let shared = try part("xl/sharedStrings.xml").get() {
                strings = try parse(shared, part: "xl/sharedStrings.xml", whole: whole, handler: SharedStringsHandler(limit: limits.maxCellBytes)).strings
            }
            var dateStyles: [Bool] = []
            if let styles = try part("xl/styles.xml").get() {
                dateStyles = try parse(styles, part: "xl/styles.xml", whole: whole, handler: StylesHandler()).dateStyles
            }
            var sheets: [ReadSheet] = []
            var problems: [IntakeProblem] = []
            for sheet in workbook.sheets {
                guard let target = rels.targets[sheet.relationship] else {
                    throw IntakeProblem(whole, "the sheet '\(sheet.name)' has no part")
                }
                let name = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                let handler = SheetHandler(sheet: sheet.name, file: path, strings: strings, dateStyles: dateStyles,
                                           date1904: workbook.date1904, limits: limits)
                let read = try parse(try required(name).get(), part: name, whole: whole, handler: handler)
                problems += read.problems
                sheets.append(ReadSheet(name: sheet.name, file: path, inWorkbook: true, rows: read.rows))
            }
            return problems.isEmpty ? .success(sheets) : .failure(IntakeFailure(problems))
        } catch {
            return .failure(IntakeFailure([error]))
        }
    }

    /// Parses one part with the secure parser; a refused part (DOCTYPE, not well-formed, a limit) is a problem.
    private func parse<Handler: PartHandler>(_ bytes: [UInt8], part: String, whole: CellLocation, handler: Handler) throws(IntakeProblem) -> Handler {
        let text: XMLInputText
        switch XMLInputText.decode(bytes) {
        case .success(let decoded): text = decoded
        case .failure(let problem): throw IntakeProblem(whole, "the part \(part) is refused: \(problem.message)")
        }
        let parser = SecureXMLParser(limits: XMLLimits(maxBytes: limits.maxPartBytes, maxDepth: 32, maxTextBytes: limits.maxCellBytes))
        let wellFormed = parser.parse(text, handler: handler)
        if let problem = handler.xmlProblem ?? (wellFormed ? nil : XMLProblem(kind: .wellFormedness, message: "not well-formed")) {
            throw IntakeProblem(whole, "the part \(part) is refused: \(problem.message)",
                                help: problem.kind == .doctype ? "a workbook's parts never need a DOCTYPE; this file was not made by a spreadsheet program" : nil)
        }
        if let stop = handler.stop { throw stop }
        return handler
    }
}

/// A part's handler: the first XML problem, and a problem that stops the workbook (a limit).
class PartHandler: XMLContentHandler {
    var xmlProblem: XMLProblem?
    var stop: IntakeProblem?
    var text = ""
    var collecting = false

    func schema(forRootNamespace namespace: String?, localName: String) -> CompiledSchema? { nil }
    func startElement(name: XMLName, attributes: borrowing XMLAttributes, index: Int, offset: Int) {}
    func characters(_ bytes: Span<UInt8>) {
        guard collecting, stop == nil else { return }
        bytes.withUnsafeBufferPointer { text += String(decoding: $0, as: UTF8.self) }
    }
    func endElement() {}
    func problem(_ problem: XMLProblem) {
        if xmlProblem == nil, problem.kind != .schema { xmlProblem = problem }
    }

    static func attribute(_ attributes: borrowing XMLAttributes, _ localName: String) -> String? {
        for index in attributes.indices where attributes.name(at: index).localName == localName {
            return attributes.stringValue(at: index)
        }
        return nil
    }
}

final class WorkbookHandler: PartHandler {
    var sheets: [(name: String, relationship: String)] = []
    var date1904 = false

    override func startElement(name: XMLName, attributes: borrowing XMLAttributes, index: Int, offset: Int) {
        switch name.localName {
        case "sheet":
            if let sheetName = Self.attribute(attributes, "name"), let id = Self.attribute(attributes, "id") { sheets.append((sheetName, id)) }
        case "workbookPr":
            let value = Self.attribute(attributes, "date1904")
            date1904 = value == "1" || value == "true"
        default: break
        }
    }
}

final class RelationshipsHandler: PartHandler {
    var targets: [String: String] = [:]

    override func startElement(name: XMLName, attributes: borrowing XMLAttributes, index: Int, offset: Int) {
        if name.localName == "Relationship", let id = Self.attribute(attributes, "Id"), let target = Self.attribute(attributes, "Target") {
            targets[id] = target
        }
    }
}

final class SharedStringsHandler: PartHandler {
    var strings: [String] = []
    private var current = ""
    private var element: [String] = []
    let limit: Int

    init(limit: Int) { self.limit = limit }

    override func startElement(name: XMLName, attributes: borrowing XMLAttributes, index: Int, offset: Int) {
        element.append(name.localName)
        switch name.localName {
        case "si": current = ""
        // Phonetic runs (`rPh`) are a reading aid, not the text.
        case "t" where !element.contains("rPh"): collecting = true; text = ""
        default: break
        }
    }

    override func endElement() {
        let ending = element.popLast() ?? ""
        guard stop == nil else { return }
        switch ending {
        case "t" where collecting:
            current += text
            collecting = false
            if current.utf8.count > limit {
                stop = IntakeProblem(CellLocation(file: "xl/sharedStrings.xml", sheet: nil, row: 1, column: 1), "a shared string is longer than \(limit) bytes")
            }
        case "si": strings.append(current)
        default: break
        }
    }
}

final class StylesHandler: PartHandler {
    /// For each cell format (`s` of a cell), whether its number format shows a date.
    var dateStyles: [Bool] = []
    private var customDates: [Int: Bool] = [:]
    private var element: [String] = []

    override func endElement() { _ = element.popLast() }

    override func startElement(name: XMLName, attributes: borrowing XMLAttributes, index: Int, offset: Int) {
        defer { element.append(name.localName) }
        switch name.localName {
        case "numFmt":
            if let id = Self.attribute(attributes, "numFmtId").flatMap({ Int($0) }), let code = Self.attribute(attributes, "formatCode") {
                customDates[id] = Self.isDateFormat(code)
            }
        // The cell formats (`cellXfs`), not the cell styles' (`cellStyleXfs`): a cell's `s` counts the former.
        case "xf" where element.last == "cellXfs":
            let id = Self.attribute(attributes, "numFmtId").flatMap { Int($0) } ?? 0
            dateStyles.append(customDates[id] ?? ((14...22).contains(id) || (45...47).contains(id)))
        default: break
        }
    }

    /// Whether a format code shows a date: a `y`, `m` or `d` outside quotes, brackets and escapes.
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false, bracket = false, escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case "y", "m", "d": if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }
}

/// Reads a worksheet's cells, refusing formulas, error cells, merged cells, and rows or columns past the limits.
final class SheetHandler: PartHandler {
    let sheet: String
    let file: String
    let strings: [String]
    let dateStyles: [Bool]
    let date1904: Bool
    let limits: SpreadsheetLimits
    var rows: [ReadSheet.Row] = []
    var problems: [IntakeProblem] = []

    private var rowNumber = 0
    private var cells: [CellValue?] = []
    private var column = 0
    private var cellType = ""
    private var cellStyle = 0
    private var value: String?
    private var inline: String?
    private var hasFormula = false
    private var inCell = false
    private var inRow = false
    private var element: [String] = []

    init(sheet: String, file: String, strings: [String], dateStyles: [Bool], date1904: Bool, limits: SpreadsheetLimits) {
        self.sheet = sheet
        self.file = file
        self.strings = strings
        self.dateStyles = dateStyles
        self.date1904 = date1904
        self.limits = limits
    }

    func location(_ row: Int, _ column: Int) -> CellLocation {
        CellLocation(file: file, sheet: sheet, row: row, column: column)
    }

    override func startElement(name: XMLName, attributes: borrowing XMLAttributes, index: Int, offset: Int) {
        element.append(name.localName)
        guard stop == nil else { return }
        switch name.localName {
        case "row":
            let number = Self.attribute(attributes, "r").flatMap { Int($0) } ?? rowNumber + 1
            guard number > rowNumber else {
                stop = IntakeProblem(location(number, 1), "the rows are out of order")
                return
            }
            guard number <= limits.maxRows else {
                stop = IntakeProblem(location(number, 1), "the sheet has a row \(number), past the limit of \(limits.maxRows) rows",
                                     help: "delete the rows below the data (a spreadsheet program can extend a sheet to 1,048,576 rows), or split the list")
                return
            }
            rowNumber = number
            cells = []
            column = 0
            inRow = true
        case "c":
            inCell = true
            value = nil
            inline = nil
            hasFormula = false
            cellType = Self.attribute(attributes, "t") ?? "n"
            cellStyle = Self.attribute(attributes, "s").flatMap { Int($0) } ?? 0
            if let reference = Self.attribute(attributes, "r") {
                let letters = reference.utf8.prefix { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
                let digits = reference.utf8.dropFirst(letters.count)
                guard let number = CellLocation.columnNumber(letters), Int(String(decoding: digits, as: UTF8.self)) == rowNumber else {
                    stop = IntakeProblem(location(rowNumber, column + 1), "the cell reference '\(Escaping.bounded(reference, limit: 20))' is not in its row")
                    return
                }
                column = number
            } else {
                column += 1
            }
            guard column <= limits.maxColumns else {
                stop = IntakeProblem(location(rowNumber, column), "the sheet has a column \(CellLocation.columnName(column)), past the limit of \(limits.maxColumns) columns",
                                     help: "delete the columns right of the data")
                return
            }
        case "f" where inCell: hasFormula = true
        case "v" where inCell: collecting = true; text = ""
        case "t" where inCell && element.dropLast().contains("is") && !element.contains("rPh"):
            collecting = true
            text = ""
        case "mergeCell":
            let reference = Self.attribute(attributes, "ref") ?? ""
            let first = reference.split(separator: ":").first.map(String.init) ?? ""
            let letters = first.utf8.prefix { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
            let row = Int(String(decoding: first.utf8.dropFirst(letters.count), as: UTF8.self)) ?? 1
            problems.append(IntakeProblem(location(row, CellLocation.columnNumber(letters) ?? 1),
                                          "the cells \(Escaping.bounded(reference, limit: 30)) are merged; merged cells are not read",
                                          help: "unmerge them and write the value in each row it belongs to"))
        default: break
        }
    }

    override func endElement() {
        let ending = element.popLast() ?? ""
        guard stop == nil else { return }
        switch ending {
        case "v" where inCell:
            value = text
            collecting = false
        case "t" where inCell && collecting:
            inline = (inline ?? "") + text
            collecting = false
        case "c":
            inCell = false
            finishCell()
        case "row":
            inRow = false
            if cells.contains(where: { $0 != nil }) { rows.append(ReadSheet.Row(number: rowNumber, cells: cells)) }
        default: break
        }
    }

    private func finishCell() {
        let here = location(rowNumber, column)
        if hasFormula {
            problems.append(IntakeProblem(here, "the cell holds a formula; formulas are never evaluated",
                                          help: "type the value itself in the cell (copy, then paste values only)"))
            return
        }
        let cell: CellValue?
        switch cellType {
        case "s":
            guard let index = value.flatMap({ Int($0.trimmingXMLWhitespace()) }), strings.indices.contains(index) else {
                problems.append(IntakeProblem(here, "the cell names a shared string the workbook does not have"))
                return
            }
            cell = .text(Self.unescaped(strings[index]))
        case "inlineStr":
            cell = inline.map { .text(Self.unescaped($0)) }
        case "str":
            cell = value.map { .text(Self.unescaped($0)) }
        case "b":
            cell = value.map { .boolean($0.trimmingXMLWhitespace() == "1") }
        case "e":
            problems.append(IntakeProblem(here, "the cell holds an error value (\(Escaping.bounded(value ?? "", limit: 20)))"))
            return
        case "d":
            guard let raw = value else { cell = nil; break }
            guard let day = Day(iso: String(raw.prefix(10))) else {
                problems.append(IntakeProblem(here, "the cell's date '\(Escaping.bounded(raw, limit: 30))' is not a calendar date"))
                return
            }
            cell = .date(day)
        default:
            guard let raw = value?.trimmingXMLWhitespace(), !raw.isEmpty else { cell = nil; break }
            guard Double(raw) != nil else {
                problems.append(IntakeProblem(here, "the number '\(Escaping.bounded(raw, limit: 30))' cannot be read"))
                return
            }
            if dateStyles.indices.contains(cellStyle), dateStyles[cellStyle] {
                guard let day = serialDate(raw) else {
                    problems.append(IntakeProblem(here, "the date cell holds \(Escaping.bounded(raw, limit: 30)), which is not a whole day",
                                                  help: "write dates without a time of day"))
                    return
                }
                cell = .date(day)
            } else {
                cell = .number(raw)
            }
        }
        guard let cell else { return }
        if cells.count < column { cells.append(contentsOf: Array(repeating: nil, count: column - cells.count)) }
        cells[column - 1] = cell
    }

    /// A serial day number as a date: day 1 is 1900-01-01 (with the 1900 leap-year bug: day 60 does not exist),
    /// or 1904-01-02 in a 1904 workbook.
    func serialDate(_ raw: String) -> Day? {
        guard let serial = Double(raw), serial == serial.rounded(), serial >= 1, serial < 2_958_466 else { return nil }
        let days = Int(serial)
        if date1904 { return Day(ordinal: days - 24_107) }
        guard days != 60 else { return nil }
        return Day(ordinal: days - (days > 60 ? 25_569 : 25_568))
    }

    /// SpreadsheetML's escape `_xHHHH_` undone (`_x005F_` is a literal underscore).
    static func unescaped(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
               let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)...(index + 5)])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
                index += 7
                continue
            }
            out.unicodeScalars.append(scalars[index])
            index += 1
        }
        return out
    }
}
