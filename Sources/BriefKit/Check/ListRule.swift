/// A semantic rule of the format (docs/format.md): what a schema cannot say, checked on the typed model of a schema-valid list.
///
/// A rule only reports; it never changes the model. Its findings carry the rule's default severity, which
/// `RuleSettings` may change afterwards.
public protocol ListRule: Sendable {
    /// The rule's id, default severity and summary.
    var descriptor: RuleDescriptor { get }
    /// Every violation in `list`.
    func findings(in list: PrisonerList) -> [Finding]
    /// Every violation in an edition's list, comparing no value the edition withholds: a withheld name is an empty
    /// string there, and two of them are not one name. The default, `findings(in: edition.list)`, serves every
    /// rule that compares only what an edition keeps (withheld claims are absent, withheld details nil).
    func findings(in edition: Edition) -> [Finding]
}

extension ListRule {
    public func findings(in edition: Edition) -> [Finding] {
        findings(in: edition.list)
    }

    /// A finding of this rule.
    func finding(_ message: String, at anchor: SourceAnchor, help: String? = nil, record: String? = nil) -> Finding {
        Finding(rule: descriptor.id, severity: descriptor.defaultSeverity, message: message, anchor: anchor, help: help,
                recordID: record)
    }
}

/// Runs every list rule, in the order of the rule table.
public enum ListChecker {
    public static let rules: [any ListRule] = [
        DateOrderRule(), FutureDateRule(), RearrestWithoutReleaseRule(), CommittedCountRule(), DuplicatePersonRule(),
        MarkingDowngradeRule(), UnusedSourceRule(), ConditionWhileDetainedRule(), SourceConflictRule(),
    ]

    /// All findings of all rules, sorted by position in the file.
    public static func findings(in list: PrisonerList) -> [Finding] {
        rules.flatMap { $0.findings(in: list) }
    }

    /// Rules whose findings stand for an edition cut to an audience: they speak only of what the edition holds.
    /// (`unused-source` and `committed-count` would report on withheld records' absence; `marking-downgrade`
    /// speaks of markings the edition removed.)
    public static let editionRules: [any ListRule] = rules.filter {
        [RuleID.dateOrder, .futureDate, .rearrestWithoutRelease, .duplicatePerson, .conditionWhileDetained, .sourceConflict]
            .contains($0.descriptor.id)
    }

    /// The findings of the edition rules on an edition: none compares a value the edition withholds.
    public static func editionFindings(in edition: Edition) -> [Finding] {
        editionRules.flatMap { $0.findings(in: edition) }
    }
}
