import ArgumentParser
import BriefKit
import BriefXML
import Foundation

/// The output formats of diagnostics.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case human, json, github, sarif, junit
}

struct Validate: BriefCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check prisoner lists and brief manifests against the schemas and the format's rules (docs/format.md).",
        discussion: """
        Exit status: 0 when there is no error, 1 when there is one (or a warning, with --strict), \
        2 for usage or I/O problems.
        """)

    @Argument(help: ArgumentHelp("Files, or folders to search for *.xml.", valueName: "PATH"))
    var paths: [String]

    @Option(name: .long, help: "Output format: human, json, github, sarif or junit.")
    var format: DiagnosticFormat = .human

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("Change a rule's severity: ID=off|note|warning|error (repeatable).", valueName: "ID=LEVEL"))
    var rule: [String] = []

    @Option(name: .long, help: "Files checked at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "In folders, follow symbolic links to files inside the folder (never outside it).")
    var followSymlinks = false

    @OptionGroup var reading: ReadingOptions

    func validate() throws {
        guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
        _ = try ruleSettings()
    }

    func ruleSettings() throws -> RuleSettings {
        var settings = RuleSettings()
        for setting in rule {
            do { try settings.apply(setting) } catch { throw ValidationError("--rule \(setting): \(error.description)") }
        }
        return settings
    }

    func execute() throws -> Outcome {
        let report = try reading.validator(rules: try ruleSettings(), jobs: jobs, followsSymbolicLinks: followSymlinks).validate(paths: paths)
        switch format {
        case .human: emit(HumanDiagnosticRenderer(color: useColor()).render(report))
        case .json: emit(try JSONDiagnosticRenderer().render(report))
        case .github: emit(GitHubAnnotationRenderer().render(report))
        case .sarif: emit(try SARIFRenderer().render(report))
        case .junit: emit(JUnitRenderer(strict: strict).render(report))
        }
        return report.hasErrors || (strict && report.count(.warning) > 0) ? .foundProblems : .done()
    }
}
