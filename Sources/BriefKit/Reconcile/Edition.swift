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
    /// sources, counts and records are absent. A record whose name is withheld has its identifying details withheld
    /// too (see `withholdingIdentifyingDetails`).
    public var list: PrisonerList
    /// Whether the list's title and submitter (which carry the root's marking) are visible.
    public var headerVisible: Bool
    /// Whether the list has an agreement that this edition withholds.
    public var agreementWithheld: Bool
    /// Records (prisoners) withheld entirely.
    public var withheldRecords: Int
    public var withheldSources: Int
    public var withheldCounts: Int
    /// Count claims withheld although the source they cite is shown: usually a public source's figure that took the
    /// list's default marking. For the builder to tell the operator (never in the document: the number is derived
    /// from the withheld claims).
    public var withheldCountsCitingShownSources: [CountClaim] = []
    /// Ids of included records whose name is withheld, and with it their identifying details.
    public var withheldNames: Set<String>
    /// Ids of included records with some other part withheld for its marking (an alias, a claim, a note; for a
    /// record whose name is withheld, a claim only: its aliases and notes are all withheld with the name).
    public var partlyWithheld: Set<String>
    /// The highest effective marking of anything included: the edition's banner.
    public var highestMarking: Marking

    /// Whether the edition shows the whole list: nothing withheld, not even part of a record.
    public var withholdsNothing: Bool {
        headerVisible && !agreementWithheld && withheldRecords == 0 && withheldSources == 0 && withheldCounts == 0
            && withheldNames.isEmpty && partlyWithheld.isEmpty
    }

    /// The words an edition puts in place of an identifying detail it withholds with a name, where a format would
    /// show the detail: a condition's or a warning's text, a status claim's note.
    public static let identifyingDetailsWithheld = "identifying details withheld"

    /// A record as an edition that withholds its name shows it: without what identifies the person.
    ///
    /// A record's other details each narrow down who it is, and together they name the person as surely as the
    /// name does (a birth year, an organisation, an arrest date and a prison, a sentence, charges, the words of a
    /// warning). So an edition that withholds a name withholds, from the claims it keeps, their free text (in its
    /// place: `identifyingDetailsWithheld`), and drops the aliases, birth year, affiliations, the whole detention
    /// (arrested, facility, sentence, charges) and the notes. It keeps the id, list, gender and province, and of
    /// the claims the edition may show, the status values, dates and sources, and the kinds, dates, issuers and
    /// sources of conditions and warnings: enough to count the person in every figure and follow the case, not
    /// enough to tell who it is. The name's own marking, which is above the audience, is replaced by the record's.
    static func withholdingIdentifyingDetails(of record: Prisoner, statuses: [StatusClaim], conditions: [ConditionClaim],
                                              warnings: [WarningClaim]) -> Prisoner {
        var visible = record
        visible.name = MarkedText(text: "", marking: record.marking, declaredMarking: nil, anchor: record.name.anchor)
        visible.aliases = []
        visible.born = nil
        visible.bornAnchor = nil
        visible.affiliations = []
        visible.detention = nil
        visible.notes = []
        visible.statuses = statuses.map { claim in
            var claim = claim
            if claim.note != nil { claim.note = identifyingDetailsWithheld }
            return claim
        }
        visible.conditions = conditions.map { condition in
            var condition = condition
            condition.text = identifyingDetailsWithheld
            return condition
        }
        visible.warnings = warnings.map { warning in
            var warning = warning
            warning.text = identifyingDetailsWithheld
            return warning
        }
        return visible
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
        if withheldCounts > 0 {
            let shown = Set(list.sources.map(\.id))
            withheldCountsCitingShownSources = full.counts.filter { !include($0.marking) && shown.contains($0.sourceID) }
        }

        var withheldNames = Set<String>()
        var partly = Set<String>()
        var prisoners: [Prisoner] = []
        prisoners.reserveCapacity(full.prisoners.count)
        for record in full.prisoners {
            guard include(record.marking) else { continue }
            let statuses = cut(record.statuses, \.marking), conditions = cut(record.conditions, \.marking)
            let warnings = cut(record.warnings, \.marking)
            let claimsCut = statuses.count != record.statuses.count || conditions.count != record.conditions.count
                || warnings.count != record.warnings.count
            guard include(record.name.marking) else {
                // Neither the aliases nor the notes are included (so their markings are not either): all are withheld.
                withheldNames.insert(record.id)
                if claimsCut { partly.insert(record.id) }
                prisoners.append(Self.withholdingIdentifyingDetails(of: record, statuses: statuses, conditions: conditions, warnings: warnings))
                continue
            }
            // A record shown whole is the same value (sharing its storage); only a cut one is changed.
            var visible = record
            let aliases = cut(record.aliases, \.marking), notes = cut(record.notes, \.marking)
            if claimsCut || aliases.count != record.aliases.count || notes.count != record.notes.count {
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
