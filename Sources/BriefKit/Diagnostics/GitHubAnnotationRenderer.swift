/// `--format github`: workflow commands that GitHub Actions turns into annotations on the pull request.
///
/// Each command is one line, and data cannot add another: the runner reads `::COMMAND PROPERTIES::DATA` up to the
/// first `::` after the command, so properties escape `:` and `,` as well as `%`, CR and LF, and the data escapes `%`,
/// CR and LF (the runner's own rules, `ActionCommand` in actions/runner). Messages are escaped for the terminal first
/// (`Escaping.terminal`), and file names for display (`Escaping.visible`: a `::` in a property is already `%3A%3A`, and
/// the name must stay the file's for the annotation to find it). The lines that are not commands hold no data.
///
/// GitHub shows at most 10 error and 10 warning annotations per step, so errors come first, each kind is
/// capped at 10, and one line says how many were left out.
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
        let all = report.files.flatMap(\.diagnostics)
        var out = ""
        var omitted: [Severity: Int] = [:]
        for severity in [Severity.error, .warning, .note] {
            let items = all.filter { $0.severity == severity }
            for diagnostic in items.prefix(Self.limitPerKind) {
                let command = switch severity {
                case .error: "error"
                case .warning: "warning"
                case .note: "notice"
                }
                let properties = "file=\(Self.escapeProperty(Escaping.visible(diagnostic.file))),line=\(diagnostic.line),col=\(diagnostic.column),title=\(Self.escapeProperty("brief [\(diagnostic.rule.rawValue)]"))"
                let message = Escaping.terminal(diagnostic.message) + (diagnostic.help.map { " (help: \(Escaping.terminal($0)))" } ?? "")
                out += "::\(command) \(properties)::\(Self.escapeData(message))\n"
            }
            omitted[severity] = max(0, items.count - Self.limitPerKind)
        }
        let left = omitted.values.reduce(0, +)
        if left > 0 {
            func more(_ severity: Severity, _ word: String) -> String {
                let count = omitted[severity] ?? 0
                return "\(count) more \(word)\(count == 1 ? "" : "s")"
            }
            out += "brief: \(more(.error, "error")), \(more(.warning, "warning")) and \(more(.note, "note")) not annotated (GitHub shows 10 of each per step); run brief validate locally for all\n"
        }
        out += "brief: " + HumanDiagnosticRenderer(color: false).summary(report) + "\n"
        return out
    }
}
