// Reconcile: a list cut to an audience (an edition) and its reconciled facts. Everything a briefing or a diff
// says is derived from an edition, never from the full list.

/// A list cut to an audience: only the portions whose effective marking the audience may see.
///
/// This is the only way briefings and diffs look at a list. Everything derived — figures, reconciled
/// statuses, conflicts, charts, changes — is computed from `list` here, never from the full list, so that a
/// withheld portion cannot leak through a number either.
public struct Edition: Sendable {
    /// Who may read this edition.
    public var audience: Marking
    /// The visible list. Withheld names are empty strings (see `withheldNames`); withheld claims, aliases, notes,
    /// sources, counts and records are absent.
    public var list: PrisonerList
    /// Whether the list's title and submitter (which carry the root's marking) are visible.
    public var headerVisible: Bool
    /// Whether the list has an agreement that this edition withholds.
    public var agreementWithheld: Bool
    /// Records (prisoners) withheld entirely.
    public var withheldRecords: Int
    public var withheldSources: Int
    public var withheldCounts: Int
    /// Ids of included records whose name is withheld.
    public var withheldNames: Set<String>
    /// Ids of included records with some other part withheld (an alias, a claim, a note).
    public var partlyWithheld: Set<String>
    /// The highest effective marking of anything included: the edition's banner.
    public var highestMarking: Marking

    /// Whether the edition shows the whole list: nothing withheld, not even part of a record.
    public var withholdsNothing: Bool {
        headerVisible && !agreementWithheld && withheldRecords == 0 && withheldSources == 0 && withheldCounts == 0
            && withheldNames.isEmpty && partlyWithheld.isEmpty
    }

    /// Cuts `list` to `audience`.
    public init(list full: PrisonerList, audience: Marking) {
        self.audience = audience
        var highest = Marking.public
        func include(_ marking: Marking) -> Bool {
            guard marking <= audience else { return false }
            highest = max(highest, marking)
            return true
        }
        /// The visible items; the same array (not a copy) when all are visible, as they mostly are.
        func cut<Item>(_ items: [Item], _ marking: (Item) -> Marking) -> [Item] {
            var allVisible = true
            for item in items where !include(marking(item)) { allVisible = false }
            return allVisible ? items : items.filter { marking($0) <= audience }
        }
        headerVisible = include(full.defaultMarking)
        var list = full
        if !headerVisible {
            list.title = ""
            list.submitter = ""
            list.submitterContact = nil
        }
        agreementWithheld = false
        if let agreement = full.agreement, !include(agreement.marking) {
            list.agreement = nil
            agreementWithheld = true
        }
        list.sources = full.sources.filter { include($0.marking) }
        withheldSources = full.sources.count - list.sources.count
        list.counts = full.counts.filter { include($0.marking) }
        withheldCounts = full.counts.count - list.counts.count

        var withheldNames = Set<String>()
        var partly = Set<String>()
        var prisoners: [Prisoner] = []
        prisoners.reserveCapacity(full.prisoners.count)
        for record in full.prisoners {
            guard include(record.marking) else { continue }
            // A record shown whole is the same value (sharing its storage); only a cut one is changed.
            var visible = record
            if !include(record.name.marking) {
                visible.name.text = ""
                withheldNames.insert(record.id)
            }
            let aliases = cut(record.aliases, \.marking), statuses = cut(record.statuses, \.marking)
            let conditions = cut(record.conditions, \.marking), warnings = cut(record.warnings, \.marking)
            let notes = cut(record.notes, \.marking)
            if aliases.count != record.aliases.count || statuses.count != record.statuses.count
                || conditions.count != record.conditions.count || warnings.count != record.warnings.count
                || notes.count != record.notes.count {
                partly.insert(record.id)
                visible.aliases = aliases
                visible.statuses = statuses
                visible.conditions = conditions
                visible.warnings = warnings
                visible.notes = notes
            }
            prisoners.append(visible)
        }
        withheldRecords = full.prisoners.count - prisoners.count
        list.prisoners = prisoners
        self.list = list
        self.withheldNames = withheldNames
        self.partlyWithheld = partly
        self.highestMarking = highest
    }
}
