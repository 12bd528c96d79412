import ArgumentParser
import BriefConfig
import BriefKit
import BriefXML
import Foundation

extension Marking: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(attribute: argument)
    }

    public static var allValueStrings: [String] { Marking.allCases.map(\.name) }
}

enum PageSizeOption: String, ExpressibleByArgument, CaseIterable {
    case letter, a4
}

struct Build: BriefCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a briefing from a brief folder, its brief.xml, or a bare list.",
        discussion: """
        Outputs land in --out as <brief-id>.<audience>.<ext>. The inputs are validated first; with errors, \
        nothing is written and the diagnostics are printed as `brief validate` prints them (exit 1). \
        SOURCE_DATE_EPOCH, when set, is the build date; otherwise the memo's date (or the list's asOf) is. \
        A build that takes longer than a second shows its progress on standard error when that is a terminal.

        Examples:
          brief build briefs/cuba-53
          brief build briefs/cuba-53 --audience public --format html,pdf --out public
          brief build list.xml --audience committee --case-sheets
        """)

    @Argument(help: ArgumentHelp("A brief folder, its brief.xml, or a list.", valueName: "PATH"))
    var path: String

    @Option(name: .long, help: "The edition: public, committee or restricted (default: the manifest's).")
    var audience: Marking?

    @Option(name: .long, help: "Comma-separated formats: html, md, txt, json, csv, docx, pdf (default: the configuration's, else all).")
    var format: String?

    @Option(name: .long, help: "Output folder (default: the configuration's `out`, else out).")
    var out: String?

    @Option(name: .long, help: "PDF page size: letter or a4 (default: the brief's house style, else letter).")
    var pageSize: PageSizeOption?

    @Flag(name: .long, help: "Also write case sheets, one page per person, as <brief-id>.<audience>.case-sheets.<ext> (html, md, txt, docx, pdf).")
    var caseSheets = false

    @OptionGroup var reading: ReadingOptions

    @OptionGroup var configOptions: ConfigOptions

    /// The formats of `--format`, else of the configuration, else all.
    func formats(_ config: ProjectConfig? = nil) throws -> [OutputFormat] {
        let format = self.format ?? config?.formats?.value.joined(separator: ",") ?? OutputFormat.allCases.map(\.rawValue).joined(separator: ",")
        var formats: [OutputFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let value = OutputFormat(rawValue: name == "markdown" ? "md" : (name == "text" ? "txt" : name)) else {
                throw ValidationError("unknown format '\(name)' (use \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if !formats.contains(value) { formats.append(value) }
        }
        guard !formats.isEmpty else { throw ValidationError("--format needs at least one format") }
        return formats
    }

    func validate() throws {
        _ = try formats()
    }

    func execute() throws -> Outcome {
        let config = try configOptions.load(near: path)
        let out = self.out ?? config?.out.map { config?.resolve($0.value) ?? $0.value } ?? "out"
        let progress = ProgressLine()
        let request = BuildRequest(path: path, audience: audience ?? config?.audience?.value, formats: try formats(config), outputDirectory: out,
                                   sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"],
                                   pageSize: pageSize.map { $0 == .a4 ? .a4 : .letter }, caseSheets: caseSheets,
                                   progress: progress.isShown ? progress.report : nil)
        let outcome: BuildOutcome
        let validator = try reading.validator()
        do throws(BuildError) { outcome = try BriefBuilder(validator: validator).build(request) } catch {
            progress.clear()
            return .failed("brief: error: \(error.description)")
        }
        progress.clear()
        guard outcome.succeeded else {
            emit(HumanDiagnosticRenderer(color: useColor()).render(outcome.report))
            return .foundProblems
        }
        // The inputs' warnings and notes come first, as a compiler's do, compact: the build did not stop for them.
        let findings = HumanDiagnosticRenderer(color: useColor(for: .standardError)).compactFindings(outcome.report)
        if !findings.isEmpty { emitError(findings) }
        if let briefing = outcome.briefing, case let withheld = briefing.withheldCountsCitingShownSources, !withheld.isEmpty {
            let sources = Set(withheld.map(\.sourceID)).sorted().map { "'\($0)'" }.joined(separator: ", ")
            let marking = Set(withheld.map(\.marking)).sorted().last?.name ?? "committee"
            emitError("brief: note: the \(briefing.reconciliation.edition.audience.name) edition withholds \(withheld.count) count claim"
                      + "\(withheld.count == 1 ? "" : "s") citing \(sources), a source it shows: the claims are \(marking) (the list's default "
                      + "marking applies when a count has none); if the count is public, mark it marking=\"public\"\n")
        }
        for path in outcome.written { emit("wrote \(path)\n") }
        return .done(keeping: outcome)
    }
}

/// A build's progress on one line of standard error, rewritten as steps are done: only on a terminal, and only
/// once the build has taken a second (a quick build prints nothing but what it wrote).
final class ProgressLine: @unchecked Sendable {
    let isShown = isatty(FileHandle.standardError.fileDescriptor) == 1
    private let start = Date()
    private let lock = NSLock()
    private var written = false

    func report(_ step: BuildProgress) {
        lock.withLock {
            let elapsed = Date().timeIntervalSince(start)
            guard elapsed >= 1 else { return }
            let text = switch step {
            case .composed(let files, let outputs): "read \(files) file\(files == 1 ? "" : "s"); rendering \(outputs) output\(outputs == 1 ? "" : "s")"
            case .rendered(let path, let done, let total): "\(done) of \(total) rendered (\(URL(fileURLWithPath: path).lastPathComponent))"
            }
            let seconds = (elapsed * 10).rounded() / 10
            FileHandle.standardError.write(Data("\r\u{1B}[Kbrief: \(Escaping.terminal(text)), \(seconds) s".utf8))
            written = true
        }
    }

    /// Clears the line, so what follows starts on a clean one.
    func clear() {
        lock.withLock {
            if written { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            written = false
        }
    }
}
