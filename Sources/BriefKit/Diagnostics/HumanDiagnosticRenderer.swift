/// The default, compiler-style rendering:
///
/// ```
/// list.xml:12:5: error: prisoner 'CU-017' is missing <name> [schema]
///    12 |     <prisoner id="CU-017" list="agreed">
///       |     ^
///       = help: add the missing element in the order the format (docs/format.md) gives
/// ```
///
/// Data from the files, file names too, is escaped for the terminal and for CI logs (`Escaping.terminal`; no line
/// starts a workflow command); colour only when asked (on a terminal, without NO_COLOR).
public struct HumanDiagnosticRenderer: Sendable {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func label(_ severity: Severity) -> String {
        switch severity {
        case .error: paint("error", "1;31")
        case .warning: paint("warning", "1;33")
        case .note: paint("note", "1;36")
        }
    }

    /// One diagnostic, its first line exactly `FILE:LINE:COL: SEVERITY: MESSAGE [RULE]`.
    public func render(_ diagnostic: Diagnostic) -> String {
        let location = Escaping.terminal("\(diagnostic.file):\(diagnostic.line):\(diagnostic.column)")
        var out = paint(location + ":", "1") + " " + label(diagnostic.severity) + ": "
            + Escaping.terminal(diagnostic.message) + " [\(diagnostic.rule.rawValue)]\n"
        let gutter = String(diagnostic.line)
        let pad = String(repeating: " ", count: gutter.count)
        if let line = diagnostic.sourceLine {
            let shown = Escaping.terminal(line.replacingTabs())
            let caretColumn = diagnostic.caretColumn ?? diagnostic.column
            let before = String(String.UnicodeScalarView(line.unicodeScalars.prefix(max(0, caretColumn - 1))))
            let indent = String(repeating: " ", count: Escaping.terminal(before.replacingTabs()).unicodeScalars.count)
            out += paint(" \(gutter) |", "34") + " " + shown + "\n"
            out += paint(" \(pad) |", "34") + " " + indent + paint("^", "1;32") + "\n"
        }
        if let help = diagnostic.help {
            out += paint(" \(pad) =", "34") + " " + paint("help", "1") + ": " + Escaping.terminal(help) + "\n"
        }
        return Escaping.commandSafeLines(out)
    }

    /// One diagnostic on one line, `FILE:LINE:COL: SEVERITY: MESSAGE [RULE]`, for commands that report findings beside
    /// their work (`brief build`).
    public func compact(_ diagnostic: Diagnostic) -> String {
        let location = Escaping.terminal("\(diagnostic.file):\(diagnostic.line):\(diagnostic.column)")
        return Escaping.commandSafeLines(paint(location + ":", "1") + " " + label(diagnostic.severity) + ": "
                                         + Escaping.terminal(diagnostic.message) + " [\(diagnostic.rule.rawValue)]\n")
    }

    /// The warnings and notes of a run that succeeded, compact, at most `limit` of them, then a line saying how many
    /// were left out; empty when there is none.
    public func compactFindings(_ report: ValidationReport, limit: Int = 20) -> String {
        let findings = report.files.flatMap(\.diagnostics).filter { $0.severity != .error }
        guard !findings.isEmpty else { return "" }
        var out = findings.prefix(limit).map(compact).joined()
        if findings.count > limit { out += "… and \(findings.count - limit) more (brief validate shows each with its source line)\n" }
        return out
    }

    /// Every diagnostic of a run, then the summary line.
    public func render(_ report: ValidationReport) -> String {
        var out = ""
        for file in report.files {
            for diagnostic in file.diagnostics { out += render(diagnostic) }
        }
        out += summary(report) + "\n"
        return out
    }

    /// `3 files checked: 1 error, 2 warnings, 17 notes`.
    public func summary(_ report: ValidationReport) -> String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "\(plural(report.files.count, "file")) checked: \(plural(report.count(.error), "error")), "
            + "\(plural(report.count(.warning), "warning")), \(plural(report.count(.note), "note"))"
    }
}

extension String {
    /// Tabs become single spaces so that the caret stays under its column.
    func replacingTabs() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\t" ? " " : $0 }))
    }
}
