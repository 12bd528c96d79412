/// The Markdown job summary `brief validate --format github` appends to `$GITHUB_STEP_SUMMARY`: the run's counts,
/// the findings per file and per rule, and the first findings (changed files first, errors first) — what the
/// pull request's reviewer reads when the ten annotations are not enough.
public struct StepSummary: Sendable {
    /// The most findings listed.
    public static let topLimit = 20

    public init() {}

    /// Text from a file made safe inside a Markdown table cell or list item: no line break, no markup, no HTML.
    static func markdown(_ text: String) -> String {
        var out = ""
        for scalar in Escaping.terminal(text).unicodeScalars {
            switch scalar {
            case "\n", "\r": out += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "~", "&": out += "\\" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public func render(_ report: ValidationReport) -> String {
        var out = "## brief validate\n\n"
        out += "**" + HumanDiagnosticRenderer(color: false).summary(report) + "**"
        if let baseline = report.baseline { out += "; " + baseline.summary }
        out += "\n\n"
        let findings = report.files.filter { !$0.diagnostics.isEmpty }
        guard !findings.isEmpty else {
            out += "No findings.\n"
            return out
        }
        let changed = report.changedFiles
        out += "| file | errors | warnings | notes |\n|---|---:|---:|---:|\n"
        for file in findings {
            let mark = changed?.contains(file.path) == true ? " (changed)" : ""
            out += "| \(Self.markdown(file.path))\(mark) | \(file.count(.error)) | \(file.count(.warning)) | \(file.count(.note)) |\n"
        }
        let all = report.files.flatMap(\.diagnostics)
        out += "\n| rule | errors | warnings | notes |\n|---|---:|---:|---:|\n"
        for rule in RuleID.allCases {
            let items = all.filter { $0.rule == rule }
            guard !items.isEmpty else { continue }
            func count(_ severity: Severity) -> Int { items.count { $0.severity == severity } }
            out += "| [\(rule.rawValue)](\(RuleCatalog.descriptor(rule).documentationURI)) | \(count(.error)) | \(count(.warning)) | \(count(.note)) |\n"
        }
        let ordered = AnnotationSelection.prioritized(report)
        let top = [Severity.error, .warning, .note].flatMap { severity in ordered.filter { $0.severity == severity } }.prefix(Self.topLimit)
        out += "\n### " + (all.count > top.count ? "First \(top.count) of \(all.count) findings" : "Findings") + "\n\n"
        for diagnostic in top {
            out += "- **\(diagnostic.severity.rawValue)** \(Self.markdown("\(diagnostic.file):\(diagnostic.line):\(diagnostic.column)")): "
                + "\(Self.markdown(diagnostic.message)) (\(diagnostic.rule.rawValue))\n"
        }
        return out
    }
}
