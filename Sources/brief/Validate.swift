import ArgumentParser
import BriefConfig
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
        Paths in every format are from the repository root (found with git, or --root), however they were given.

        Examples:
          brief validate briefs/
          brief validate --format github --changed-since origin/main --baseline b.json
          brief validate --write-baseline .brief-baseline.json briefs/
          git diff --name-only -z origin/main... | brief validate --files-from -
          brief validate --format sarif --exclude 'drafts/**' briefs/ > brief.sarif

        CI use (baselines, changed files, annotations, job summary): docs/ci.md.

        Exit status: 0 when there is no error, 1 when there is one (or a warning, with --strict; an unreadable \
        file is an error on that file), 2 for usage problems (a bad option, a revision git cannot find, a baseline \
        that cannot be read).
        """)

    @Argument(help: ArgumentHelp("Files, or folders to search for *.xml (with --changed-since or --files-from: only changed files below these).", valueName: "PATH"))
    var paths: [String] = []

    @Option(name: .long, help: "Output format: human, json, github, sarif or junit.")
    var format: DiagnosticFormat = .human

    @Flag(name: .long, inversion: .prefixedNo, help: "Fail on warnings too (default: the configuration's `strict`, else no).")
    var strict: Bool?

    @Option(name: .long, help: ArgumentHelp("Change a rule's severity: ID=off|note|warning|error (repeatable).", valueName: "ID=LEVEL"))
    var rule: [String] = []

    @Option(name: .long, help: "Files checked at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "In folders, follow symbolic links to files inside the folder (never outside it).")
    var followSymlinks = false

    @Option(name: .long, help: ArgumentHelp("Report only findings this baseline file does not hold (docs/ci.md).", valueName: "FILE"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("Record the run's findings in this baseline file, and succeed.", valueName: "FILE"))
    var writeBaseline: String?

    @Option(name: .long, help: ArgumentHelp("Leave out files whose path from the root matches (repeatable; `**` spans folders).", valueName: "GLOB"))
    var exclude: [String] = []

    @Option(name: .long, help: ArgumentHelp("Check the *.xml files changed since the merge base of REV and HEAD, and the manifests that name them.", valueName: "REV"))
    var changedSince: String?

    @Option(name: .long, help: ArgumentHelp("Check the files named in FILE (- for standard input), NUL- or newline-separated.", valueName: "FILE"))
    var filesFrom: String?

    @Flag(name: .long, help: "Fail (exit 1) when no list or manifest was found to check.")
    var failOnEmpty = false

    @Option(name: .long, help: ArgumentHelp("The folder paths are written from (default: the git repository's top, else the current folder).", valueName: "DIR"))
    var root: String?

    @OptionGroup var reading: ReadingOptions

    @OptionGroup var configOptions: ConfigOptions

    func validate() throws {
        guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
        _ = try ruleSettings()
        guard !paths.isEmpty || changedSince != nil || filesFrom != nil else {
            throw ValidationError("name a PATH to check, or pass --changed-since REV or --files-from FILE")
        }
        guard changedSince == nil || filesFrom == nil else { throw ValidationError("--changed-since and --files-from cannot be combined") }
        guard baseline == nil || writeBaseline == nil else { throw ValidationError("--baseline and --write-baseline cannot be combined") }
    }

    /// The rule severities: the configuration's, then `--rule`'s, the later winning.
    func ruleSettings(_ config: ProjectConfig? = nil) throws -> RuleSettings {
        var settings = RuleSettings()
        for setting in config?.rules ?? [] {
            do { try settings.apply(setting.value) } catch {
                throw ConfigFailure(error: ConfigError(path: config?.path ?? "", line: setting.line, column: setting.column, message: error.description))
            }
        }
        for setting in rule {
            do { try settings.apply(setting) } catch { throw ValidationError("--rule \(setting): \(error.description)") }
        }
        return settings
    }

    /// The changed files (absolute paths) of `--changed-since` or `--files-from`, below `paths` when some are named;
    /// nil without either option.
    func changedFiles(_ repository: RepositoryPaths) throws -> [String]? {
        var changed: [String]
        if let changedSince {
            do { changed = try ChangedFiles.since(changedSince) } catch { throw InputError(path: "--changed-since", reason: error.description) }
        } else if let filesFrom {
            let bytes: [UInt8]
            if filesFrom == "-" {
                bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            } else {
                do { bytes = try DocumentReader.readBytes(at: filesFrom, limit: 64 << 20) } catch { throw InputError(path: "--files-from \(error.path)", reason: error.reason) }
            }
            changed = ChangedFiles.names(in: bytes).map { RepositoryPaths.absolute($0, from: repository.currentFolder) }
        } else {
            return nil
        }
        changed = changed.filter(ChangedFiles.isChecked)
        if !paths.isEmpty {
            let scopes = paths.map { RepositoryPaths.absolute($0, from: repository.currentFolder) }
            changed = changed.filter { file in scopes.contains { file == $0 || file.hasPrefix($0 == "/" ? "/" : $0 + "/") } }
        }
        return changed
    }

    func execute() throws -> Outcome {
        let config = try configOptions.load(near: paths.first)
        let strict = self.strict ?? config?.strict?.value ?? false
        // A baseline the configuration names is used, unless this run writes one.
        let baseline = self.baseline ?? (writeBaseline == nil ? config?.baseline.map { config?.resolve($0.value) ?? $0.value } : nil)
        let repository = root.map { RepositoryPaths(root: $0) } ?? RepositoryPaths.discover()
        let exclusion = PathExclusion(globs: (config?.exclude?.value ?? []) + exclude)
        let validator = try reading.validator(rules: try ruleSettings(config), jobs: jobs, followsSymbolicLinks: followSymlinks)
        var accepted: Baseline?
        if let baseline {
            do { accepted = try Baseline.load(path: baseline) } catch { throw InputError(path: "--baseline \(error.path)", reason: error.reason) }
        }
        var report: ValidationReport
        if let changed = try changedFiles(repository) {
            let lists = changed.filter { !exclusion.excludes(repository.display($0)) }
            guard !lists.isEmpty else {
                let since = changedSince.map { "since \($0)" } ?? "in \(filesFrom ?? "-")"
                emitError("brief: no list or manifest changed \(since); nothing to check\n")
                if format == .github { writeStepSummary("## brief validate\n\nNo list or manifest changed \(since); nothing to check.\n") }
                // The machine formats still write a whole, empty report: an upload of a SARIF file expects one.
                switch format {
                case .json: emit(try JSONDiagnosticRenderer().render(ValidationReport(files: [])))
                case .sarif: emit(try SARIFRenderer(currentFolder: repository.root).render(ValidationReport(files: [])))
                case .junit: emit(JUnitRenderer(strict: strict).render(ValidationReport(files: [])))
                case .human, .github: break
                }
                return failOnEmpty ? .foundProblems : .done()
            }
            let manifests = validator.manifests(naming: lists, among: ChangedFiles.trackedXML())
            report = try validator.validate(paths: lists + manifests, excluding: exclusion, repository: repository)
            report.changedFiles = Set(lists)
        } else {
            report = try validator.validate(paths: paths, excluding: exclusion, repository: repository)
        }
        report = report.relativized(repository)
        if report.files.isEmpty, failOnEmpty {
            emitError("brief: error: no list or manifest found in \(paths.joined(separator: ", ")) [--fail-on-empty]\n")
            return .foundProblems
        }
        if let writeBaseline {
            let recorded = Baseline(report)
            do { try AtomicFileWriter.write(Array(try recorded.text().utf8), to: writeBaseline) } catch { return .failed("brief: error: \(error)") }
            emitError("brief: recorded \(recorded.findings.count) finding\(recorded.findings.count == 1 ? "" : "s") in \(writeBaseline)\n")
            return .done()
        }
        if let accepted { report = accepted.apply(to: report) }
        switch format {
        case .human:
            emit(HumanDiagnosticRenderer(color: useColor()).render(report))
            if let comparison = report.baseline { emit("baseline: " + comparison.summary + "\n") }
        case .json: emit(try JSONDiagnosticRenderer().render(report))
        case .github:
            emit(GitHubAnnotationRenderer().render(report))
            writeStepSummary(StepSummary().render(report))
        case .sarif: emit(try SARIFRenderer(currentFolder: repository.root).render(report))
        case .junit: emit(JUnitRenderer(strict: strict).render(report))
        }
        return report.hasErrors || (strict && report.count(.warning) > 0) ? .foundProblems : .done()
    }

    /// Appends to `$GITHUB_STEP_SUMMARY` when the runner set it; a summary that cannot be written is said on stderr.
    func writeStepSummary(_ markdown: String) {
        guard let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            emitError("brief: warning: cannot write the job summary to \(path)\n")
            return
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((markdown + "\n").utf8))
        } catch {
            emitError("brief: warning: cannot write the job summary to \(path)\n")
        }
    }
}
