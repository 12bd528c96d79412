import ArgumentParser
import BriefKit
import BriefXML
import Foundation

struct Import: BriefCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a list from a spreadsheet (an .xlsx workbook or a folder of CSV files) and write it as XML.",
        discussion: """
        The sheets and their columns are those `brief export` writes (docs/spreadsheets.md). Each problem points at \
        its cell (the message starts with `Statuses!C14`; line and column are the cell's row and column), in any of \
        `validate`'s formats. The list written is then validated like any other: with an error nothing is written \
        (exit 1). Formulas, error cells and merged cells are refused; nothing from a cell is evaluated.

        Example:
          brief import cuba-53.xlsx --out briefs/cuba-53/list.xml
          brief import cuba-53-sheets/ --out list.xml --format json
        """)

    @Argument(help: ArgumentHelp("A workbook (*.xlsx) or a folder of CSV files.", valueName: "SPREADSHEET"))
    var spreadsheet: String

    @Option(name: .long, help: ArgumentHelp("The list to write (XML).", valueName: "FILE"))
    var out: String

    @Option(name: .long, help: "Output format of the diagnostics: human, json, github, sarif or junit.")
    var format: DiagnosticFormat = .human

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    @OptionGroup var reading: ReadingOptions

    func execute() throws -> Outcome {
        let sources = ListImport.isFolder(spreadsheet)
            ? ((try? FileManager.default.contentsOfDirectory(atPath: spreadsheet)) ?? []).map { (spreadsheet as NSString).appendingPathComponent($0) }
            : [spreadsheet]
        guard !sources.map(sameFileKey).contains(sameFileKey(out)) else {
            return .failed("brief: error: \(out) is an input; import writes a new file")
        }
        let result = ListImport.run(path: spreadsheet, validator: try reading.validator(jobs: 1))
        let failed = result.report.hasErrors || (strict && result.report.count(.warning) > 0)
        if format != .human || !result.report.files.allSatisfy({ $0.diagnostics.isEmpty }) || failed {
            let rendered = try renderReport(result.report, format: format, strict: strict)
            if format == .human && !failed { emitError(rendered) } else { emit(rendered) }
        }
        guard !failed, let xml = result.xml else { return .foundProblems }
        do throws(OutputError) { try AtomicFileWriter.write(xml, to: out) } catch { return .failed("brief: error: \(error.description)") }
        if format == .human { emit("wrote \(out)\n") }
        return .done(keeping: result.report)
    }
}
