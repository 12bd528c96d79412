/// A keyed, semantic diff of two revisions of a list, as one audience may see them.
///
/// Records are matched by id (and sources by id) through hash maps, so the diff is linear in the number of
/// records. Element order, whitespace and formatting are not in the model and so never count. Both sides are
/// cut to the audience first: a public diff compares public editions, and reveals nothing above public on
/// either side beyond the fact that a record or a part became withheld.
public struct ListDiff: Sendable {
    public let old: Edition
    public let new: Edition
    public private(set) var changes: [Change] = []
    /// The highest marking of everything the diff compared, on both sides: what a statement about all the changes
    /// (how many there are, or that there is none) is derived from, since what did not change was looked at too.
    public let comparedMarking: Marking
    /// The people the changes and disputes concern, by the id a change names, as the editions show them (the new
    /// one; the old one for someone no longer on the list): what the summary names them by.
    public private(set) var people: [String: Subject] = [:]
    /// People about whom the sources began or ceased to disagree. Not changes of the table: each follows from status
    /// claims added or withdrawn, which are.
    public private(set) var disputes: [Dispute] = []

    /// A person as an edition shows them.
    public struct Subject: Sendable, Hashable {
        /// nil when the edition withholds the name.
        public var name: String?
        /// The name's marking when it is shown; public when withheld ("name withheld" shows nothing of it).
        public var nameMarking: Marking
        /// The reconciled status.
        public var status: Status?
        /// What the status is derived from (`Reconciliation.Person.statusMarking`).
        public var statusMarking: Marking

        init(_ person: Reconciliation.Person) {
            name = person.nameWithheld ? nil : person.prisoner.name.text
            nameMarking = person.nameWithheld ? .public : person.prisoner.name.marking
            status = person.status
            statusMarking = person.statusMarking
        }
    }

    /// Sources that began (`opened`) or ceased to disagree about a person.
    public struct Dispute: Sendable, Hashable {
        public var id: String
        public var opened: Bool
        /// The latest claim of each side of the disagreement: now when it opened, before when it was resolved.
        public var claims: [Claim]
        /// The reconciled status now.
        public var status: Status?
        /// The record's and every status claim's marking, on both sides: each claim can make or end a dispute.
        public var marking: Marking

        public struct Claim: Sendable, Hashable {
            public var value: Status
            public var date: Day
        }
    }

    /// Whether a change is an event after the old revision's `asOf` or something only learned since.
    public enum Timing: String, Sendable, Codable {
        /// The event is dated after the old revision's `asOf`.
        case happened
        /// The event is dated on or before the old revision's `asOf` but was absent from it.
        case learned
    }

    /// One change.
    public struct Change: Sendable, Codable, Hashable {
        /// A kind of change; the raw value is its name in JSON and in docs/diff.md (`record-added`).
        public enum Kind: String, Sendable, Codable, Hashable, CaseIterable, CustomStringConvertible {
            case recordAdded = "record-added"
            case recordRemoved = "record-removed"
            case idChanged = "id-changed"
            case fieldChanged = "field-changed"
            case statusChanged = "status-changed"
            case claimAdded = "claim-added"
            case claimWithdrawn = "claim-withdrawn"
            case conditionAdded = "condition-added"
            case conditionRemoved = "condition-removed"
            case conditionChanged = "condition-changed"
            case warningAdded = "warning-added"
            case warningRemoved = "warning-removed"
            case warningChanged = "warning-changed"
            case noteAdded = "note-added"
            case noteRemoved = "note-removed"
            case markingChanged = "marking-changed"
            case sourceAdded = "source-added"
            case sourceRemoved = "source-removed"
            case sourceChanged = "source-changed"
            case countAdded = "count-added"
            case countWithdrawn = "count-withdrawn"
            case countChanged = "count-changed"
            case figureChanged = "figure-changed"
            case listChanged = "list-changed"

            /// What a change of this kind does to the record: adds, takes away (removes or withdraws) or modifies.
            public var effect: Effect {
                switch self {
                case .recordAdded, .claimAdded, .conditionAdded, .warningAdded, .noteAdded, .sourceAdded, .countAdded: .addition
                case .recordRemoved, .claimWithdrawn, .conditionRemoved, .warningRemoved, .noteRemoved, .sourceRemoved, .countWithdrawn:
                    .removal
                case .idChanged, .fieldChanged, .statusChanged, .conditionChanged, .warningChanged, .markingChanged, .sourceChanged,
                     .countChanged, .figureChanged, .listChanged:
                    .modification
                }
            }

            /// Whether a change of this kind is news, something that happened or was learned (and so has a timing):
            /// an addition, a status change or a changed count. A withdrawal is a correction of the record.
            public var isNews: Bool {
                effect == .addition || self == .statusChanged || self == .countChanged
            }

            /// Whether a change of this kind is about a record (its id a prisoner's), not a source, a count or the list.
            var isAboutRecord: Bool {
                switch self {
                case .sourceAdded, .sourceRemoved, .sourceChanged, .countAdded, .countWithdrawn, .countChanged, .figureChanged, .listChanged: false
                default: true
                }
            }

            /// The kind in prose: `record added`.
            public var label: String { rawValue.replacingOccurrences(of: "-", with: " ") }

            public var description: String { rawValue }
        }

        /// What a change does to the record.
        public enum Effect: Sendable, Hashable {
            case addition, removal, modification
        }

        /// What changed.
        public var kind: Kind
        /// The record (prisoner or source id) the change concerns; the list id for list-wide changes.
        public var id: String
        /// The field, for field and marking changes.
        public var field: String?
        public var before: String?
        public var after: String?
        /// The date of the event, when the change is one.
        public var date: Day?
        public var timing: Timing?
        /// The highest marking of what the change shows.
        public var marking: Marking
    }

    /// Diffs two full lists for `audience`.
    public init(oldList: PrisonerList, newList: PrisonerList, audience: Marking) {
        let old = Pending { Edition(list: oldList, audience: audience) }
        let new = Edition(list: newList, audience: audience)
        self.init(old: old.value, new: new)
    }

    /// Diffs two editions. Like everything an edition derives, the changes come from the editions alone: a record
    /// that is no longer in NEW's edition is `record-removed` whether it left the list or rose above the audience
    /// (telling which would reveal the withheld record), and the count of withheld records is compared.
    public init(old: Edition, new: Edition) {
        self.old = old
        self.new = new
        comparedMarking = max(Self.comparedMarking(old), Self.comparedMarking(new))
        var changes: [Change] = []
        let cutoff = old.list.asOf
        func timing(_ date: Day?) -> Timing? {
            date.map { $0 > cutoff ? .happened : .learned }
        }
        func add(_ kind: Change.Kind, _ id: String, field: String? = nil, before: String? = nil, after: String? = nil, date: Day? = nil,
                 marking: Marking) {
            // Only something new can have happened or been learned; a withdrawal is a correction of the record.
            changes.append(Change(kind: kind, id: id, field: field, before: before, after: after, date: date,
                                  timing: kind.isNews ? timing(date) : nil, marking: marking))
        }

        // The list itself.
        let listID = new.list.id
        if old.list.revision != new.list.revision {
            add(.listChanged, listID, field: "revision", before: "\(old.list.revision)", after: "\(new.list.revision)", marking: .public)
        }
        if old.list.asOf != new.list.asOf {
            add(.listChanged, listID, field: "asOf", before: old.list.asOf.iso, after: new.list.asOf.iso, marking: .public)
        }
        if old.withheldRecords != new.withheldRecords {
            // Counted over every record of each side: those shown were found not to be withheld.
            add(.listChanged, listID, field: "withheld records", before: "\(old.withheldRecords)", after: "\(new.withheldRecords)",
                marking: max(old.list.prisoners.lazy.map(\.marking).highest, new.list.prisoners.lazy.map(\.marking).highest))
        }

        // Sources.
        let oldSources = Dictionary(old.list.sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newSources = Dictionary(new.list.sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for source in new.list.sources {
            guard let before = oldSources[source.id] else {
                add(.sourceAdded, source.id, after: source.description, date: source.published, marking: source.marking)
                continue
            }
            let fields: [(String, String, String)] = [
                ("description", before.description, source.description),
                ("kind", before.kind.rawValue, source.kind.rawValue),
                ("published", before.published?.iso ?? "", source.published?.iso ?? ""),
                ("href", before.href ?? "", source.href ?? ""),
            ]
            for (field, a, b) in fields where a != b {
                add(.sourceChanged, source.id, field: field, before: a, after: b, marking: max(before.marking, source.marking))
            }
        }
        for source in old.list.sources where newSources[source.id] == nil {
            add(.sourceRemoved, source.id, before: source.description, marking: source.marking)
        }

        // Count claims: a source's later count on the same subject supersedes its earlier one, so each source's latest
        // count per subject is compared. A correction (224 on one date, 222 on a later one) is one `count-changed`
        // with both values and dates; an earlier count kept as history is no change.
        func countKey(_ c: CountClaim) -> String { "\(c.sourceID)|\(c.subject.rawValue)" }
        func latest(_ counts: [CountClaim]) -> [String: (claim: CountClaim, marking: Marking)] {
            var result: [String: (claim: CountClaim, marking: Marking)] = [:]
            for count in counts {
                let key = countKey(count)
                // Which claim is latest is derived from every claim of the group.
                let marking = max(result[key]?.marking ?? .public, count.marking)
                if let current = result[key]?.claim, current.date > count.date {
                    result[key] = (current, marking)
                } else {
                    result[key] = (count, marking)
                }
            }
            return result
        }
        let oldCounts = latest(old.list.counts), newCounts = latest(new.list.counts)
        func described(_ c: CountClaim) -> String { "\(c.value) (\(c.date))" }
        for key in newCounts.keys.sorted() {
            guard let (count, marking) = newCounts[key] else { continue }
            guard let (before, oldMarking) = oldCounts[key] else {
                add(.countAdded, count.sourceID, field: count.subject.rawValue, after: "\(count.value)", date: count.date, marking: marking)
                continue
            }
            let both = max(marking, oldMarking)
            if before.date == count.date {
                if before.value != count.value {
                    add(.countChanged, count.sourceID, field: count.subject.rawValue, before: "\(before.value)", after: "\(count.value)",
                        date: count.date, marking: both)
                }
            } else if before.date < count.date {
                if before.value != count.value {
                    add(.countChanged, count.sourceID, field: count.subject.rawValue, before: described(before), after: described(count),
                        date: count.date, marking: both)
                }
            } else {
                add(.countWithdrawn, before.sourceID, field: before.subject.rawValue, before: "\(before.value)", date: before.date, marking: both)
            }
        }
        for key in oldCounts.keys.sorted() where newCounts[key] == nil {
            guard let (count, marking) = oldCounts[key] else { continue }
            add(.countWithdrawn, count.sourceID, field: count.subject.rawValue, before: "\(count.value)", date: count.date, marking: marking)
        }

        // Records.
        let oldReconciling = Pending { Reconciliation(edition: old) }
        let newReconciled = Reconciliation(edition: new)
        let oldReconciled = oldReconciling.value
        let oldPeople = Dictionary(oldReconciled.people.map { ($0.prisoner.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newPeople = Dictionary(newReconciled.people.map { ($0.prisoner.id, $0) }, uniquingKeysWith: { a, _ in a })
        var removed = oldReconciled.people.filter { newPeople[$0.prisoner.id] == nil }
        var added = newReconciled.people.filter { oldPeople[$0.prisoner.id] == nil }

        // A record that vanished while another appeared with the same name and birth year changed its id.
        var renamed: [String: Reconciliation.Person] = [:]
        var removedByIdentity: [String: Int] = [:]
        for (index, person) in removed.enumerated() where !person.nameWithheld {
            removedByIdentity[Self.identity(person.prisoner)] = index
        }
        var consumed = Set<Int>()
        for person in added where !person.nameWithheld {
            if let index = removedByIdentity[Self.identity(person.prisoner)], !consumed.contains(index) {
                consumed.insert(index)
                renamed[person.prisoner.id] = removed[index]
                // The match is made by name and birth year: it is as restricted as both names.
                add(.idChanged, person.prisoner.id, field: "id", before: removed[index].prisoner.id, after: person.prisoner.id,
                    marking: max(person.prisoner.marking, removed[index].prisoner.marking, person.prisoner.name.marking,
                                 removed[index].prisoner.name.marking))
            }
        }
        removed = removed.enumerated().filter { !consumed.contains($0.offset) }.map(\.element)
        added = added.filter { renamed[$0.prisoner.id] == nil }
        let addedIDs = Set(added.map(\.prisoner.id))

        var disputes: [Dispute] = []
        for person in newReconciled.people {
            if let before = oldPeople[person.prisoner.id] ?? renamed[person.prisoner.id] {
                // Status claims that did not change make the same dispute: only a changed record is looked at.
                if !Self.unchanged(before, person) {
                    Self.compare(before, person, add: add)
                    if before.inConflict != person.inConflict { disputes.append(Self.dispute(before, person)) }
                }
            } else if addedIDs.contains(person.prisoner.id) {
                let latest = person.prisoner.statuses.map(\.date).max()
                add(.recordAdded, person.prisoner.id, after: (person.nameWithheld ? "name withheld" : person.prisoner.name.text)
                        + (person.status.map { ", \($0.rawValue)" } ?? ""),
                    date: latest, marking: max(person.prisoner.marking, person.nameWithheld ? .public : person.prisoner.name.marking))
            }
        }
        for person in removed {
            add(.recordRemoved, person.prisoner.id,
                before: person.nameWithheld ? "name withheld" : person.prisoner.name.text,
                marking: max(person.prisoner.marking, person.nameWithheld ? .public : person.prisoner.name.marking))
        }

        // Figures.
        for figure in newReconciled.figures {
            let previous = oldReconciled.figure(figure.kind)
            if previous?.value != figure.value {
                let marking = max(figure.marking, previous?.marking ?? .public)
                add(.figureChanged, listID, field: figure.kind.rawValue, before: previous.map { String($0.value) }, after: "\(figure.value)",
                    marking: marking)
            }
        }
        self.changes = changes
        self.disputes = disputes

        // The people named: only those some change or dispute is about (a lookup each, not a pass over the list).
        var people: [String: Subject] = [:]
        for id in changes.lazy.filter(\.kind.isAboutRecord).map(\.id) + disputes.map(\.id) where people[id] == nil {
            if let person = newPeople[id] ?? oldPeople[id] { people[id] = Subject(person) }
        }
        self.people = people
    }

    /// The dispute that opened or closed between `a` and `b`, two sides of one record.
    static func dispute(_ a: Reconciliation.Person, _ b: Reconciliation.Person) -> Dispute {
        let conflict = (b.conflicts.first ?? a.conflicts.first)
        let claims = (conflict?.sides ?? []).compactMap { side in
            side.claims.max { $0.date < $1.date }.map { Dispute.Claim(value: $0.value, date: $0.date) }
        }
        return Dispute(id: b.prisoner.id, opened: b.inConflict, claims: claims, status: b.status,
                       marking: max(a.statusMarking, b.statusMarking))
    }

    /// The highest marking of what the diff compares in an edition: its sources, counts and records (every portion
    /// of them the edition holds; a withheld name has its record's marking there), and the agreement when it
    /// commits to a number (the `committed` figure).
    static func comparedMarking(_ edition: Edition) -> Marking {
        let list = edition.list
        var marking = max(list.sources.lazy.map(\.marking).highest, list.counts.lazy.map(\.marking).highest)
        if let agreement = list.agreement, agreement.committed != nil { marking = max(marking, agreement.marking) }
        for p in list.prisoners {
            marking = max(marking, p.marking, p.name.marking, p.aliases.lazy.map(\.marking).highest, p.statuses.lazy.map(\.marking).highest,
                          p.conditions.lazy.map(\.marking).highest, p.warnings.lazy.map(\.marking).highest, p.notes.lazy.map(\.marking).highest)
        }
        return marking
    }

    /// Name and birth year, folded as `duplicate-person` folds them.
    static func identity(_ prisoner: Prisoner) -> String {
        DuplicatePersonRule.normalized(prisoner.name.text) + "|" + (prisoner.born.map(String.init) ?? "")
    }

    /// Whether two versions of a record say exactly the same, in the same order (positions in the file aside): then
    /// `compare`, which matches claims by keys regardless of order, would find nothing either.
    static func unchanged(_ a: Reconciliation.Person, _ b: Reconciliation.Person) -> Bool {
        let p = a.prisoner, q = b.prisoner
        guard a.nameWithheld == b.nameWithheld, a.status == b.status, p.id == q.id, p.marking == q.marking, p.list == q.list,
              p.name.text == q.name.text, p.name.marking == q.name.marking, p.gender == q.gender, p.born == q.born,
              p.province == q.province, p.affiliations == q.affiliations,
              p.detention?.arrested == q.detention?.arrested, p.detention?.facility == q.detention?.facility,
              p.detention?.sentence == q.detention?.sentence, p.detention?.charges ?? [] == q.detention?.charges ?? []
        else { return false }
        return p.aliases.elementsEqual(q.aliases) { $0.text == $1.text && $0.marking == $1.marking }
            && p.statuses.elementsEqual(q.statuses) {
                $0.value == $1.value && $0.date == $1.date && $0.sourceID == $1.sourceID && $0.marking == $1.marking
            }
            && p.conditions.elementsEqual(q.conditions) {
                $0.kind == $1.kind && $0.sourceID == $1.sourceID && $0.since == $1.since && $0.until == $1.until && $0.text == $1.text
                    && $0.marking == $1.marking
            }
            && p.warnings.elementsEqual(q.warnings) {
                $0.kind == $1.kind && $0.sourceID == $1.sourceID && $0.date == $1.date && $0.issuer == $1.issuer && $0.text == $1.text
                    && $0.marking == $1.marking
            }
            && p.notes.elementsEqual(q.notes) { $0.text == $1.text && $0.marking == $1.marking }
    }

    static func compare(_ a: Reconciliation.Person, _ b: Reconciliation.Person,
                        add: (Change.Kind, String, String?, String?, String?, Day?, Marking) -> Void) {
        let id = b.prisoner.id
        let p = a.prisoner, q = b.prisoner
        let level = max(p.marking, q.marking)
        func field(_ name: String, _ x: String?, _ y: String?, _ marking: Marking = .public) {
            if x != y { add(.fieldChanged, id, name, x, y, nil, max(level, marking)) }
        }
        // The name: a change of visibility is a marking change, reported without the hidden value. The identifying
        // details go with the name (`Edition.withholdingIdentifyingDetails`): where either side withholds them they are
        // not compared — both sides have none, or one has none and the name's marking change says why.
        let identifying = !a.nameWithheld && !b.nameWithheld
        // Shown, an identifying detail is shown beside the record it identifies, which only the name's audience may
        // read it with (an edition that withholds the name withholds it): a change that shows one is as restricted as
        // the names. (A withheld name has the record's marking in the edition.)
        let named = max(level, p.name.marking, q.name.marking)
        switch (a.nameWithheld, b.nameWithheld) {
        case (false, false): field("name", p.name.text, q.name.text, max(p.name.marking, q.name.marking))
        case (false, true): add(.markingChanged, id, "name", "shown", "withheld", nil, level)
        case (true, false): add(.markingChanged, id, "name", "withheld", "shown", nil, max(level, q.name.marking))
        case (true, true): break
        }
        if p.marking != q.marking { add(.markingChanged, id, "record", p.marking.name, q.marking.name, nil, level) }
        field("list", p.list.rawValue, q.list.rawValue)
        if identifying {
            field("aliases", p.aliases.map(\.text).sorted().joined(separator: "; "), q.aliases.map(\.text).sorted().joined(separator: "; "),
                  max(named, p.aliases.map(\.marking).highest, q.aliases.map(\.marking).highest))
        }
        field("gender", p.gender?.rawValue, q.gender?.rawValue)
        if identifying { field("born", p.born.map(String.init), q.born.map(String.init), named) }
        field("province", p.province, q.province)
        if identifying {
            field("affiliation", p.affiliations.sorted().joined(separator: "; "), q.affiliations.sorted().joined(separator: "; "), named)
            field("arrested", p.detention?.arrested?.iso, q.detention?.arrested?.iso, named)
            field("facility", p.detention?.facility, q.detention?.facility, named)
            field("sentence", p.detention?.sentence, q.detention?.sentence, named)
            field("charges", (p.detention?.charges ?? []).sorted().joined(separator: "; "), (q.detention?.charges ?? []).sorted().joined(separator: "; "),
                  named)
        }

        // Status claims, keyed by value, date and source.
        func statusKey(_ s: StatusClaim) -> String { "\(s.value.rawValue)|\(s.date.iso)|\(s.sourceID)" }
        let oldClaims = Set(p.statuses.map(statusKey))
        let newClaims = Set(q.statuses.map(statusKey))
        for claim in q.statuses where !oldClaims.contains(statusKey(claim)) {
            add(.claimAdded, id, "status", nil, "\(claim.value.rawValue) per \(claim.sourceID)", claim.date, max(level, claim.marking))
        }
        for claim in p.statuses where !newClaims.contains(statusKey(claim)) {
            add(.claimWithdrawn, id, "status", "\(claim.value.rawValue) per \(claim.sourceID)", nil, claim.date, max(level, claim.marking))
        }
        if a.status != b.status {
            add(.statusChanged, id, "status", a.status?.rawValue ?? "none", b.status?.rawValue ?? "none", b.statusClaim?.date,
                [level, a.statusClaim?.marking, b.statusClaim?.marking].compactMap { $0 }.highest)
        }

        // Conditions, keyed by kind, source and start.
        func conditionKey(_ c: ConditionClaim) -> String { "\(c.kind.rawValue)|\(c.sourceID)|\(c.since?.iso ?? "")" }
        let oldConditions = Dictionary(p.conditions.map { (conditionKey($0), $0) }, uniquingKeysWith: { a, _ in a })
        let newConditions = Dictionary(q.conditions.map { (conditionKey($0), $0) }, uniquingKeysWith: { a, _ in a })
        for condition in q.conditions {
            if let before = oldConditions[conditionKey(condition)] {
                if before.until != condition.until || (identifying && before.text != condition.text) {
                    add(.conditionChanged, id, condition.kind.rawValue, describe(before), describe(condition), nil,
                        max(named, before.marking, condition.marking))
                }
            } else {
                add(.conditionAdded, id, condition.kind.rawValue, nil, describe(condition), condition.since, max(named, condition.marking))
            }
        }
        for condition in p.conditions where newConditions[conditionKey(condition)] == nil {
            add(.conditionRemoved, id, condition.kind.rawValue, describe(condition), nil, nil, max(named, condition.marking))
        }

        // Warnings, keyed by kind, source, date and issuer.
        func warningKey(_ w: WarningClaim) -> String { "\(w.kind.rawValue)|\(w.sourceID)|\(w.date?.iso ?? "")|\(w.issuer ?? "")" }
        let oldWarnings = Dictionary(p.warnings.map { (warningKey($0), $0) }, uniquingKeysWith: { a, _ in a })
        let newWarnings = Dictionary(q.warnings.map { (warningKey($0), $0) }, uniquingKeysWith: { a, _ in a })
        for warning in q.warnings {
            if let before = oldWarnings[warningKey(warning)] {
                if identifying && before.text != warning.text {
                    add(.warningChanged, id, warning.kind.rawValue, before.text, warning.text, nil, max(named, before.marking, warning.marking))
                }
            } else {
                add(.warningAdded, id, warning.kind.rawValue, nil, warning.text + (warning.issuer.map { " (\($0))" } ?? ""), warning.date,
                    max(named, warning.marking))
            }
        }
        for warning in p.warnings where newWarnings[warningKey(warning)] == nil {
            add(.warningRemoved, id, warning.kind.rawValue, warning.text, nil, nil, max(named, warning.marking))
        }

        // Notes.
        guard identifying else { return }
        let oldNotes = Set(p.notes.map(\.text)), newNotes = Set(q.notes.map(\.text))
        for note in q.notes where !oldNotes.contains(note.text) { add(.noteAdded, id, nil, nil, note.text, nil, max(named, note.marking)) }
        for note in p.notes where !newNotes.contains(note.text) { add(.noteRemoved, id, nil, note.text, nil, nil, max(named, note.marking)) }
    }

    static func describe(_ condition: ConditionClaim) -> String {
        var text = condition.text
        if let since = condition.since { text += ", since \(since)" }
        if let until = condition.until { text += ", until \(until)" }
        return text
    }

    public var isEmpty: Bool { changes.isEmpty }
}
