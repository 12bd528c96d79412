/// `--format github`: workflow commands that GitHub Actions turns into annotations on the pull request.
///
/// Each command is one line, and data cannot add another: the runner reads `::COMMAND PROPERTIES::DATA` up to the
/// first `::` after the command, so properties escape `:` and `,` as well as `%`, CR and LF, and the data escapes `%`,
/// CR and LF (the runner's own rules, `ActionCommand` in actions/runner). Messages are escaped for the terminal first
/// (`Escaping.terminal`), and file names for display (`Escaping.visible`: a `::` in a property is already `%3A%3A`, and
/// the name must stay the file's for the annotation to find it). The lines that are not commands hold no data.
///
/// GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, so each kind is capped at 10 and
/// chosen (`Annotations.select`): findings in changed files first, then at least one per file, then the rest in
/// report order (a baseline has already taken the accepted findings out). Errors come before warnings before notes,
/// and one line says how many were left out and names the files that got no annotation.
public struct GitHubAnnotationRenderer: Sendable {
    public static let limitPerKind = 10

    public init() {}

    /// Escapes a command's message (`%`, CR, LF).
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value (also `:` and `,`).
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    public func render(_ report: ValidationReport) -> String {
        let selection = AnnotationSelection(report, limitPerKind: Self.limitPerKind)
        var out = ""
        for diagnostic in selection.chosen {
            let command = switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
            let properties = "file=\(Self.escapeProperty(Escaping.visible(diagnostic.file))),line=\(diagnostic.line),col=\(diagnostic.column),title=\(Self.escapeProperty("brief [\(diagnostic.rule.rawValue)]"))"
            let message = Escaping.terminal(diagnostic.message) + (diagnostic.help.map { " (help: \(Escaping.terminal($0)))" } ?? "")
            out += "::\(command) \(properties)::\(Self.escapeData(message))\n"
        }
        if selection.omittedCount > 0 {
            func more(_ severity: Severity, _ word: String) -> String {
                let count = selection.omitted[severity] ?? 0
                return "\(count) more \(word)\(count == 1 ? "" : "s")"
            }
            out += Escaping.commandSafeLines("brief: \(more(.error, "error")), \(more(.warning, "warning")) and \(more(.note, "note")) not annotated (GitHub shows 10 of each per step); run brief validate locally for all\n")
            if !selection.unannotatedFiles.isEmpty {
                let shown = selection.unannotatedFiles.prefix(20).map { Escaping.terminal($0) }.joined(separator: ", ")
                let rest = selection.unannotatedFiles.count - min(20, selection.unannotatedFiles.count)
                out += Escaping.commandSafeLines("brief: files with findings but no annotation: \(shown)\(rest > 0 ? " and \(rest) more" : "")\n")
            }
        }
        if let baseline = report.baseline { out += "brief: " + baseline.summary + "\n" }
        out += "brief: " + HumanDiagnosticRenderer(color: false).summary(report) + "\n"
        return out
    }
}

/// Which diagnostics get one of GitHub's few annotations, in the order they are printed.
public struct AnnotationSelection: Sendable {
    /// Errors, then warnings, then notes; in each, as chosen.
    public var chosen: [Diagnostic] = []
    /// How many of each severity were left out.
    public var omitted: [Severity: Int] = [:]
    /// Files with findings none of which is annotated, in report order.
    public var unannotatedFiles: [String] = []

    public var omittedCount: Int { omitted.values.reduce(0, +) }

    /// The diagnostics of `report` by priority: changed files first, then report order (files in input order,
    /// diagnostics by line).
    static func prioritized(_ report: ValidationReport) -> [Diagnostic] {
        let all = report.files.flatMap(\.diagnostics)
        guard let changed = report.changedFiles else { return all }
        return all.filter { changed.contains($0.file) } + all.filter { !changed.contains($0.file) }
    }

    public init(_ report: ValidationReport, limitPerKind: Int) {
        let ordered = Self.prioritized(report)
        var annotatedFiles = Set<String>()
        for severity in [Severity.error, .warning, .note] {
            let items = ordered.filter { $0.severity == severity }
            var taken = Set<Int>()
            // One per file first, so that no file with a finding of this kind goes without while another has two.
            var filesSeen = Set<String>()
            for (index, diagnostic) in items.enumerated() where taken.count < limitPerKind && !filesSeen.contains(diagnostic.file) {
                filesSeen.insert(diagnostic.file)
                taken.insert(index)
            }
            for index in items.indices where taken.count < limitPerKind { taken.insert(index) }
            for index in items.indices where taken.contains(index) {
                chosen.append(items[index])
                annotatedFiles.insert(items[index].file)
            }
            omitted[severity] = items.count - taken.count
        }
        unannotatedFiles = report.files.filter { !$0.diagnostics.isEmpty && !annotatedFiles.contains($0.path) }.map(\.path)
    }
}
