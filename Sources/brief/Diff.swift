import ArgumentParser
import BriefKit
import BriefXML
import Foundation

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case human, markdown, html, json
}

struct Diff: ParsableCommand {
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

    func run() throws {
        let limits = XMLLimits(maxBytes: reading.maxBytes, maxDepth: reading.maxDepth, maxTextBytes: reading.maxText)
        let validator = Validator(schemas: try reading.schemas(), options: ValidationOptions(limits: limits))
        let (before, after) = try DiffSide.loadBoth(old, new, validator: validator)
        let report = ValidationReport(files: [before, after].map { FileReport(path: $0.checked.read.path, diagnostics: $0.checked.diagnostics) })
        guard let oldList = before.checked.list, let newList = after.checked.list else {
            FileHandle.standardError.write(Data(HumanDiagnosticRenderer(color: useColor(for: .standardError)).render(report).utf8))
            if report.hasErrors {
                throw ExitCode(2)
            }
            FileHandle.standardError.write(Data("brief: error: both sides must be prisoner lists\n".utf8))
            throw ExitCode(2)
        }
        let edition = audience ?? after.manifestAudience ?? before.manifestAudience ?? .public
        let diff = ListDiff(oldList: oldList, newList: newList, audience: edition)
        let date = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Day.init(sourceDateEpoch:)) ?? newList.asOf
        let document = DiffComposer(diff: diff).document(title: "Changes to \(newList.id): revision \(oldList.revision) to \(newList.revision)", date: date)
        switch format {
        case .human: emit(DiffTerminalRenderer(color: useColor()).render(document))
        case .markdown: emit(MarkdownWriter().render(document))
        case .html: emit(HTMLWriter().render(document))
        case .json: emit(try JSONOutput.encode(DiffExport(diff: diff)))
        }
        if exitCode, !diff.isEmpty { throw ExitCode(1) }
        exitWithoutTeardown(keeping: diff)
    }
}

struct Textconv: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "textconv",
        abstract: "Print a canonical, sorted text rendering of a list (for git diff; see docs/diff.md).",
        discussion: "A file that does not validate is printed as it is, so that git diff still works.")

    @Argument(help: "A prisoner list.") var file: String

    @OptionGroup var reading: ReadingOptions

    func run() throws {
        let limits = XMLLimits(maxBytes: reading.maxBytes, maxDepth: reading.maxDepth, maxTextBytes: reading.maxText)
        let validator = Validator(schemas: try reading.schemas(), options: ValidationOptions(limits: limits, jobs: 1))
        let checked = try validator.check(path: file)
        if let list = checked.list {
            emit(ListTextConverter.render(list))
        } else {
            FileHandle.standardError.write(Data("brief textconv: \(file) does not validate; showing it unchanged\n".utf8))
            FileHandle.standardOutput.write(Data(try DocumentReader.readBytes(at: file, limit: limits.maxBytes)))
        }
    }
}
