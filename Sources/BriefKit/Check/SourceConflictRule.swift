/// `source-conflict`: sources that, at about the same time, put a person in different situations (one says
/// released, another detained). Not an error: briefings must show every claim, attributed. A person gets one note
/// however many sources disagree, naming a few sources on each side and counting the rest, so that a list cannot
/// make the notes (or the JSON edition that carries them) grow with the square of its sources.
struct SourceConflictRule: ListRule {
    let descriptor = RuleCatalog.descriptor(.sourceConflict)

    func findings(in list: PrisonerList) -> [Finding] {
        list.prisoners.compactMap { prisoner in
            guard let conflict = StatusConflict.conflicts(in: prisoner.statuses).first, let reported = conflict.claims.last else {
                return nil
            }
            let two = conflict.claims.count == 2
            return finding(Self.message(conflict, prisoner: prisoner.id), at: reported.anchor.at("value"),
                           help: two ? "briefings show both claims; resolve it if one source is wrong"
                               : "briefings show every claim; resolve it if a source is wrong",
                           record: prisoner.id)
        }
    }

    /// How many sources one note names at most, shared evenly among the sides (at least one a side).
    static let namedSources = 6

    /// The note: the two claims when two sources disagree; otherwise each side's count and first sources.
    static func message(_ conflict: StatusConflict, prisoner: String) -> String {
        let claims = conflict.claims
        if claims.count == 2 {
            let (a, b) = (claims[0], claims[1])
            return "sources '\(a.sourceID)' (\(a.value.rawValue), \(a.date)) and '\(b.sourceID)' (\(b.value.rawValue), \(b.date)) disagree about prisoner '\(prisoner)'"
        }
        let sides = conflict.sides
        let perSide = max(1, namedSources / max(1, sides.count))
        let described = sides.map { side in
            var names = side.claims.prefix(perSide).map { "'\($0.sourceID)' \($0.value.rawValue) \($0.date)" }.joined(separator: ", ")
            if side.claims.count > perSide { names += " and \(side.claims.count - perSide) more" }
            return "\(side.claims.count) \(side.statusClass.rawValue) (\(names))"
        }
        return "\(claims.count) sources disagree about prisoner '\(prisoner)': " + described.joined(separator: ", ")
    }
}

/// Sources whose latest claims about one person fall in different classes within a week of each other: the
/// person's disagreement, found once however many sources take part.
public struct StatusConflict: Sendable {
    /// Every claim that disagrees with another (each source's latest known claim, one a source), by date, then
    /// as written. At least two, in at least two classes.
    public var claims: [StatusClaim]

    /// The claims of one class: one side of the disagreement.
    public struct Side: Sendable {
        public var statusClass: StatusClass
        /// The side's claims, by date, then as written.
        public var claims: [StatusClaim]
    }

    /// The sides, the side of the earliest claim first.
    public var sides: [Side] {
        var sides: [Side] = []
        for claim in claims {
            guard let statusClass = claim.value.conflictClass else { continue }
            if let index = sides.firstIndex(where: { $0.statusClass == statusClass }) {
                sides[index].claims.append(claim)
            } else {
                sides.append(Side(statusClass: statusClass, claims: [claim]))
            }
        }
        return sides
    }

    /// How far apart two claims may be and still conflict.
    public static let windowDays = 7

    /// The person's conflict among `claims` (docs/rules.md `source-conflict`): empty, or one `StatusConflict`
    /// holding every claim that disagrees with another. In O(n log n): the claims are sorted by date once and a
    /// window of ±7 days slides over them, counting the claims of each class it holds.
    public static func conflicts(in claims: [StatusClaim]) -> [StatusConflict] {
        // Each source's latest claim; among claims of one date, the last written. `unknown` says nothing, so a
        // source's latest *known* claim is the one compared.
        var latest: [String: Int] = [:]
        for (index, claim) in claims.enumerated() where claim.value.conflictClass != nil {
            if let current = latest[claim.sourceID], claims[current].date > claim.date { continue }
            latest[claim.sourceID] = index
        }
        guard latest.count > 1 else { return [] }
        let entries = latest.values.compactMap { index -> (index: Int, day: Int, slot: Int)? in
            guard let statusClass = claims[index].value.conflictClass else { return nil }
            return (index, claims[index].date.ordinal, slot(statusClass))
        }.sorted { ($0.day, $0.index) < ($1.day, $1.index) }

        // A claim disagrees with another when the window of ±7 days around it holds a claim of another class.
        var inWindow = [0, 0, 0, 0]
        var total = 0
        var low = 0, high = 0
        var disagreeing: [StatusClaim] = []
        for entry in entries {
            while high < entries.count, entries[high].day <= entry.day + windowDays {
                inWindow[entries[high].slot] += 1
                total += 1
                high += 1
            }
            while entries[low].day < entry.day - windowDays {
                inWindow[entries[low].slot] -= 1
                total -= 1
                low += 1
            }
            if total > inWindow[entry.slot] { disagreeing.append(claims[entry.index]) }
        }
        return disagreeing.isEmpty ? [] : [StatusConflict(claims: disagreeing)]
    }

    /// The class's place in the window's counts.
    private static func slot(_ statusClass: StatusClass) -> Int {
        switch statusClass {
        case .inCustody: 0
        case .out: 1
        case .unconfirmed: 2
        case .deceased: 3
        }
    }
}
