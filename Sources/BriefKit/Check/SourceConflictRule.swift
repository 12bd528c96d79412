/// `source-conflict`: sources whose views of a person cannot both be true (`ClaimTimeline`: the same day in other
/// classes, alive after a death, custody after a release with no re-arrest claimed in between) — a progression such
/// as detained, then exiled, is no dispute. Not an error: briefings must show every claim, attributed. A person gets
/// one note however many sources disagree, naming a few sources on each side and counting the rest, so that a list
/// cannot make the notes (or the JSON edition that carries them) grow with the square of its sources.
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
        let why = conflict.disputes.first.map { ": " + $0.explanation } ?? ""
        if claims.count == 2 {
            let (a, b) = (claims[0], claims[1])
            return "sources '\(a.sourceID)' (\(a.value.rawValue), \(a.date)) and '\(b.sourceID)' (\(b.value.rawValue), \(b.date)) disagree about prisoner '\(prisoner)'" + why
        }
        let sides = conflict.sides
        let perSide = max(1, namedSources / max(1, sides.count))
        let described = sides.map { side in
            var names = side.claims.prefix(perSide).map { "'\($0.sourceID)' \($0.value.rawValue) \($0.date)" }.joined(separator: ", ")
            if side.claims.count > perSide { names += " and \(side.claims.count - perSide) more" }
            return "\(side.claims.count) \(side.statusClass.rawValue) (\(names))"
        }
        let first = conflict.disputes.first.map { "; first, " + $0.explanation } ?? ""
        return "\(claims.count) sources disagree about prisoner '\(prisoner)': " + described.joined(separator: ", ") + first
    }
}

/// Sources whose views of one person cannot both be true (`ClaimTimeline`): the person's disagreement, found once
/// however many sources take part.
public struct StatusConflict: Sendable {
    /// Every claim in a dispute (each source's latest known claim, one a source), by date, then as written. At
    /// least two, in at least two classes.
    public var claims: [StatusClaim]
    /// The disputes: which later claim contradicts which earlier one, and why.
    public var disputes: [ClaimTimeline.Dispute]

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

    /// The person's conflict among `claims` (docs/rules.md `source-conflict`): empty, or one `StatusConflict`
    /// holding every claim in a dispute. In O(n log n) (`ClaimTimeline.disputes`).
    public static func conflicts(in claims: [StatusClaim]) -> [StatusConflict] {
        let disputes = ClaimTimeline.disputes(in: claims)
        guard !disputes.isEmpty else { return [] }
        return [StatusConflict(claims: ClaimTimeline.involved(in: claims), disputes: disputes)]
    }
}
