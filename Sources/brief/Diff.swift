import ArgumentParser
import BriefKit
import BriefXML
import Foundation

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case human, markdown, html, json
}

struct Diff: BriefCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two revisions of a list.",
        discussion: """
        OLD and NEW are list files, brief folders, or REV:PATH read from git (HEAD~1:briefs/cuba-53/list.xml). \
        Both are validated first; errors stop the diff (exit 2). The audience defaults to the brief's, or public. \
        With --exit-code: 0 when nothing changed, 1 when something did.
        """)

    @Argument(help: "The earlier revision.") var old: String
    @Argument(help: "The later revision.") var new: String

    @Option(name: .long, help: "The edition both sides are cut to: public, committee or restricted.")
    var audience: Marking?

    @Option(name: .long, help: "Output format: human, markdown, html or json.")
    var format: DiffFormat = .human

    @Flag(name: .long, help: "Exit 1 when there are changes, 0 when there are none.")
    var exitCode = false

    @OptionGroup var reading: ReadingOptions

    func execute() throws -> Outcome {
        let validator = try reading.validator()
        let sides = try BriefInputs.resolve(old, new, validator: validator)
        let date = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Day.init(sourceDateEpoch:))
        let briefing: DiffBriefing
        do throws(DiffBriefing.Refusal) { briefing = try DiffBriefing.make(old: sides.0, new: sides.1, audience: audience, date: date) } catch {
            let report = ValidationReport(files: sides.0.report.files + sides.1.report.files)
            emitError(HumanDiagnosticRenderer(color: useColor(for: .standardError)).render(report))
            if case .notAList = error { emitError("brief: error: \(error.description)\n") }
            return .cannotCompare
        }
        switch format {
        case .human: emit(DiffTerminalRenderer(color: useColor()).render(briefing.document))
        case .markdown: emit(MarkdownWriter().render(briefing.document))
        case .html: emit(HTMLWriter().render(briefing.document))
        case .json: emit(try JSONOutput.encode(briefing.export))
        }
        return exitCode && !briefing.diff.isEmpty ? .foundChanges(keeping: briefing) : .done(keeping: briefing)
    }
}

struct Textconv: BriefCommand {
    static let configuration = CommandConfiguration(
        commandName: "textconv",
        abstract: "Print a canonical, sorted text rendering of a list (for git diff; see docs/diff.md).",
        discussion: "A file that does not validate is printed as it is, so that git diff still works.")

    @Argument(help: "A prisoner list.") var file: String

    @OptionGroup var reading: ReadingOptions

    func execute() throws -> Outcome {
        let inputs = try BriefInputs.resolve(file, validator: try reading.validator(jobs: 1))
        // A brief is resolved as every command resolves it: a refused list fails here as it fails `validate`.
        if inputs.manifest != nil, inputs.hasErrors {
            emitError(HumanDiagnosticRenderer(color: useColor(for: .standardError)).render(inputs.report))
            return .foundProblems
        }
        guard let list = inputs.prisonerList else {
            emitError("brief textconv: \(file) does not validate; showing it unchanged\n")
            // As it is, except that no line of it is a CI workflow command.
            FileHandle.standardOutput.write(Data(Escaping.commandSafeLines(try DocumentReader.readBytes(at: file, limit: reading.maxBytes))))
            return .done()
        }
        emit(ListTextConverter.render(list))
        return .done(keeping: inputs)
    }
}
