/// The reconciled facts of an edition: one status per person, conflicts, and the aggregate figures with the
/// sources' own count claims beside them.
///
/// The reconciliation rule (docs/briefing.md):
/// 1. each source's latest claim about a person counts (the last written among claims of one date);
/// 2. `unknown` claims are ignored unless they are all there is (a source's latest *known* claim counts);
/// 3. the latest of those claims is the reconciled status;
/// 4. claims of the same date are decided for the more cautious class: deceased, then in custody
///    (rearrested before detained), then unconfirmed, then out (exiled before released); then by the source
///    listed first in `<sources>`.
/// Sources that disagree (docs/format.md `source-conflict`) flag the person as in conflict; briefings show both.
public struct Reconciliation: Sendable {
    public var edition: Edition
    public var people: [Person]
    public var figures: [Figure]
    /// Count claims that disagree with each other or with the list's own tally.
    public var aggregateDiscrepancies: [AggregateDiscrepancy]

    /// One person as the briefing presents them. A class: people are passed around, filtered and sorted a great
    /// deal, and a reference is one pointer to copy where the record's value is a dozen.
    public final class Person: Sendable {
        public let prisoner: Prisoner
        /// nil when the edition holds no status claim about the person.
        public let status: Status?
        public let statusClaim: StatusClaim?
        public let conflicts: [StatusConflict]
        /// The date of the earliest release-type claim, if any.
        public let releaseDate: Day?
        /// Conditions of release in force on the list's `asOf`: only for someone whose reconciled status is out (a
        /// condition of release recorded for someone in custody is not in force while they are).
        public let activeConditions: [ConditionClaim]
        /// Measures that are not conditions of release (loss of citizenship, confiscation of property) in force on
        /// the list's `asOf`, whatever the person's status.
        public let measures: [ConditionClaim]
        public let nameWithheld: Bool
        public let partlyWithheld: Bool
        /// The marking of what is derived from the person's status claims — the reconciled status, the release
        /// date, whether sources disagree: the record's and every status claim's, since each claim can decide them.
        public let statusMarking: Marking

        init(prisoner: Prisoner, status: Status?, statusClaim: StatusClaim?, conflicts: [StatusConflict], releaseDate: Day?,
             activeConditions: [ConditionClaim], measures: [ConditionClaim], nameWithheld: Bool, partlyWithheld: Bool) {
            self.prisoner = prisoner
            self.status = status
            self.statusClaim = statusClaim
            self.conflicts = conflicts
            self.releaseDate = releaseDate
            self.activeConditions = activeConditions
            self.measures = measures
            self.nameWithheld = nameWithheld
            self.partlyWithheld = partlyWithheld
            statusMarking = max(prisoner.marking, prisoner.statuses.lazy.map(\.marking).highest)
        }

        public var inConflict: Bool { !conflicts.isEmpty }
        public var warnedOfRearrest: Bool { prisoner.warnings.contains { $0.kind == .rearrest } }
    }

    /// What a figure counts.
    public enum FigureKind: String, Sendable, Codable, CaseIterable {
        case committed, onList = "on-list", released, unconfirmed, detained, rearrested, exiled, deceased
        case underConditions = "under-conditions", warned

        /// The count claims (`count/@of`) that speak to this figure.
        public var countSubject: CountSubject? {
            switch self {
            case .released: .released
            case .detained: .detained
            case .rearrested: .rearrested
            case .warned: .warned
            default: nil
            }
        }

        public var label: String {
            switch self {
            case .committed: "Releases committed"
            case .onList: "On the agreed list"
            case .released: "Released (out)"
            case .unconfirmed: "Release unconfirmed"
            case .detained: "Still detained"
            case .rearrested: "Re-arrested"
            case .exiled: "Exiled"
            case .deceased: "Deceased"
            case .underConditions: "Released under conditions"
            case .warned: "Warned of re-arrest"
            }
        }
    }

    /// An aggregate: the list's own tally, and what each source claims.
    public struct Figure: Sendable {
        public var kind: FigureKind
        /// The value computed from the edition's records (for `committed`, the agreement's number).
        public var value: Int
        /// Ids of the records counted.
        public var recordIDs: [String]
        /// The highest marking of what the figure is derived from (see `Reconciliation.figures`).
        public var marking: Marking
        /// Sources' claims about the same aggregate, every one of them, latest first by date.
        public var claims: [CountClaim]
        /// Whether the tally counts the same population as the sources' claims: false for a partial list, whose
        /// tally counts the people it follows while a source's count is of everyone the agreement covers.
        public var tallyComparable: Bool = true

        /// Each source's latest claim (a source's later count on the same subject supersedes its earlier ones), in
        /// the order of `claims`.
        public var latestClaims: [CountClaim] {
            var seen = Set<String>()
            return claims.filter { seen.insert($0.sourceID).inserted }
        }

        /// Claims a source has since superseded with a later count, by source: the history of a corrected figure.
        public func superseded(by latest: CountClaim) -> [CountClaim] {
            claims.filter { $0.sourceID == latest.sourceID && $0.date < latest.date && $0.value != latest.value }
        }

        /// Lowest and highest of each source's latest claim and, when it counts the same population, the tally.
        public var spread: ClosedRange<Int> {
            let values = (tallyComparable || claims.isEmpty ? [value] : []) + latestClaims.map(\.value)
            return (values.min() ?? value)...(values.max() ?? value)
        }

        /// The marking of `spread`: the tally's and every claim's, also claims a source has since replaced (each
        /// can be the lowest or the highest).
        public var spreadMarking: Marking {
            max(marking, claims.lazy.map(\.marking).highest)
        }
    }

    /// Sources that give different numbers for one aggregate.
    public struct AggregateDiscrepancy: Sendable {
        public var figure: FigureKind
        public var tally: Int
        public var claims: [CountClaim]
    }

    public init(edition: Edition) {
        self.edition = edition
        let list = edition.list
        let partial = list.agreement?.coverage == .partial
        let sourceOrder = Dictionary(list.sources.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var people: [Person] = []
        people.reserveCapacity(list.prisoners.count)
        for prisoner in list.prisoners {
            let chosen = Self.reconcile(prisoner.statuses, sourceOrder: sourceOrder)
            let releaseDate = prisoner.statuses.filter { $0.value.isReleaseType }.map(\.date).min()
            let inForce = prisoner.conditions.filter { condition in
                guard let until = condition.until else { return true }
                return until >= list.asOf
            }
            let out = chosen?.value.conflictClass == .out
            people.append(Person(prisoner: prisoner, status: chosen?.value, statusClaim: chosen,
                                 conflicts: StatusConflict.conflicts(in: prisoner.statuses), releaseDate: releaseDate,
                                 activeConditions: out ? inForce.filter(\.kind.isConditionOfRelease) : [],
                                 measures: inForce.filter { !$0.kind.isConditionOfRelease }, nameWithheld: edition.withheldNames.contains(prisoner.id),
                                 partlyWithheld: edition.partlyWithheld.contains(prisoner.id)))
        }
        self.people = people
        var figures = Self.figures(people: people, list: list)
        if partial { for index in figures.indices { figures[index].tallyComparable = false } }
        self.figures = figures
        self.aggregateDiscrepancies = figures.compactMap { figure in
            guard !figure.claims.isEmpty else { return nil }
            // Each source's latest count only (an earlier one it corrected is history, not a disagreement); the tally
            // of a partial list counts other people than the sources' counts of everyone.
            let values = Set(figure.latestClaims.map(\.value) + (partial ? [] : [figure.value]))
            return values.count > 1 ? AggregateDiscrepancy(figure: figure.kind, tally: figure.value, claims: figure.claims) : nil
        }
    }

    /// The rank used for claims of the same date: lower wins.
    static func caution(_ status: Status) -> Int {
        switch status {
        case .deceased: 0
        case .rearrested: 1
        case .detained: 2
        case .unconfirmed: 3
        case .exiled: 4
        case .released: 5
        case .unknown: 6
        }
    }

    /// The reconciled claim among `claims` (rule in the type's documentation).
    static func reconcile(_ claims: [StatusClaim], sourceOrder: [String: Int]) -> StatusClaim? {
        // `unknown` says nothing: each source's latest known claim counts, unknown ones only when nothing else exists.
        let known = claims.filter { $0.value != .unknown }
        var latest: [String: StatusClaim] = [:]
        for claim in known.isEmpty ? claims : known {
            if let current = latest[claim.sourceID], current.date > claim.date { continue }
            latest[claim.sourceID] = claim
        }
        let candidates = Array(latest.values)
        return candidates.min { a, b in
            if a.date != b.date { return a.date > b.date }
            if caution(a.value) != caution(b.value) { return caution(a.value) < caution(b.value) }
            return (sourceOrder[a.sourceID] ?? .max, a.sourceID) < (sourceOrder[b.sourceID] ?? .max, b.sourceID)
        }
    }

    /// The figures. A count says something about every record it was counted among, not only about those it
    /// counts ("0 detained" is derived from every agreed record's status), so a figure is as restricted as every
    /// record of the edition (each one's `list` decides whether it is on the agreed list) and the agreed list's
    /// status claims — and, for warnings and conditions, all of the agreed list's warnings or conditions too (a
    /// warning's kind decides whether it counts, a condition's `until` whether it is in force).
    static func figures(people: [Person], list: PrisonerList) -> [Figure] {
        let agreed = people.indices.filter { people[$0].prisoner.list == .agreed }
        func members(_ predicate: (Person) -> Bool) -> [Int] { agreed.filter { predicate(people[$0]) } }
        let population = max(people.lazy.map(\.prisoner.marking).highest, agreed.lazy.map { people[$0].statusMarking }.highest)
        let warnings = agreed.lazy.flatMap { people[$0].prisoner.warnings.lazy.map(\.marking) }.highest
        let conditions = agreed.lazy.flatMap { people[$0].prisoner.conditions.lazy.map(\.marking) }.highest
        func marking(_ kind: FigureKind) -> Marking {
            switch kind {
            case .committed: list.agreement?.marking ?? .public
            case .warned: max(population, warnings)
            case .underConditions: max(population, conditions)
            default: population
            }
        }
        func claims(_ subject: CountSubject) -> [CountClaim] {
            list.counts.filter { $0.subject == subject }.sorted { ($0.date, $0.sourceID) > ($1.date, $1.sourceID) }
        }
        var figures: [Figure] = []
        if let committed = list.agreement?.committed {
            figures.append(Figure(kind: .committed, value: committed, recordIDs: [], marking: marking(.committed), claims: []))
        }
        let rows: [(FigureKind, [Int])] = [
            (.onList, agreed),
            (.released, members { $0.status?.conflictClass == .out }),
            (.unconfirmed, members { $0.status == .unconfirmed }),
            (.detained, members { $0.status == .detained }),
            (.rearrested, members { $0.status == .rearrested }),
            (.exiled, members { $0.status == .exiled }),
            (.deceased, members { $0.status == .deceased }),
            (.underConditions, members { $0.status?.conflictClass == .out && !$0.activeConditions.isEmpty }),
            (.warned, members { $0.warnedOfRearrest }),
        ]
        for (kind, members) in rows {
            figures.append(Figure(kind: kind, value: members.count, recordIDs: members.map { people[$0].prisoner.id }, marking: marking(kind),
                                  claims: kind.countSubject.map(claims) ?? []))
        }
        return figures
    }

    /// Whether the edition's list means to hold everyone the agreement covers (`complete` without an agreement).
    public var coverage: Coverage { edition.list.agreement?.coverage ?? .complete }

    /// The figure of a kind, if the edition has it.
    public func figure(_ kind: FigureKind) -> Figure? {
        figures.first { $0.kind == kind }
    }
}
