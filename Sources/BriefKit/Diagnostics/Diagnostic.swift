/// How serious a diagnostic is.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem in one file, resolved to a line and column: the single value every output format renders.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var severity: Severity
    /// `xml`, `doctype`, `schema`, or a rule of the format (docs/format.md); see `RuleCatalog`.
    public var rule: RuleID
    /// Lowercase, no final period, stands on its own.
    public var message: String
    /// The file as the user named it.
    public var file: String
    /// 1-based line and column (column counts Unicode scalars).
    public var line: Int
    public var column: Int
    /// The source line the diagnostic points into (bounded in length), for snippets.
    public var sourceLine: String?
    /// The column of the caret within `sourceLine` (differs from `column` when a long line was cut).
    public var caretColumn: Int?
    /// How to fix it.
    public var help: String?
    /// The prisoner (or source) id the diagnostic concerns, if any.
    public var recordID: String?
    /// Its identity across revisions (`Fingerprint`), set once paths are final (`ValidationReport.relativized`).
    public var fingerprint: String?

    public init(severity: Severity, rule: RuleID, message: String, file: String, line: Int, column: Int,
                sourceLine: String? = nil, help: String? = nil, recordID: String? = nil) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.sourceLine = sourceLine
        self.help = help
        self.recordID = recordID
    }
}

/// A diagnostic before it has a line and column: what the reader and the rules produce.
public struct Finding: Error, Sendable {
    public var rule: RuleID
    public var severity: Severity
    public var message: String
    public var anchor: SourceAnchor?
    /// A line and column already known (libxml2's, for well-formedness errors).
    public var line: Int?
    public var column: Int?
    public var help: String?
    public var recordID: String?

    public init(rule: RuleID, severity: Severity, message: String, anchor: SourceAnchor? = nil, line: Int? = nil,
                column: Int? = nil, help: String? = nil, recordID: String? = nil) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.anchor = anchor
        self.line = line
        self.column = column
        self.help = help
        self.recordID = recordID
    }
}
