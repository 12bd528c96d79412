/// `source-conflict`: two sources that, at about the same time, put a person in different situations (one says
/// released, the other detained). Not an error: briefings must show both claims, attributed.
struct SourceConflictRule: ListRule {
    let descriptor = RuleCatalog.descriptor(.sourceConflict)

    func findings(in list: PrisonerList) -> [Finding] {
        list.prisoners.flatMap { prisoner in
            StatusConflict.conflicts(in: prisoner.statuses).map { conflict in
                let (a, b) = (conflict.earlier, conflict.later)
                return finding(
                    "sources '\(a.sourceID)' (\(a.value.rawValue), \(a.date)) and '\(b.sourceID)' (\(b.value.rawValue), \(b.date)) disagree about prisoner '\(prisoner.id)'",
                    at: b.anchor.at("value"), help: "briefings show both claims; resolve it if one source is wrong",
                    record: prisoner.id)
            }
        }
    }
}

/// Two sources' latest claims about one person that fall in different classes within a week of each other.
public struct StatusConflict: Sendable {
    /// The earlier of the two claims (the first written when they share a date).
    public var earlier: StatusClaim
    public var later: StatusClaim

    /// How far apart two claims may be and still conflict.
    public static let windowDays = 7

    /// The conflicts among `claims` (docs/format.md `source-conflict`), in a stable order.
    public static func conflicts(in claims: [StatusClaim]) -> [StatusConflict] {
        // Each source's latest claim; among claims of one date, the last written. `unknown` says nothing, so a
        // source's latest *known* claim is the one compared.
        var latest: [String: (index: Int, claim: StatusClaim)] = [:]
        for (index, claim) in claims.enumerated() where claim.value.conflictClass != nil {
            if let current = latest[claim.sourceID], current.claim.date > claim.date { continue }
            latest[claim.sourceID] = (index, claim)
        }
        let ordered = latest.values.sorted { $0.index < $1.index }.map(\.claim)
        var found: [StatusConflict] = []
        for i in ordered.indices {
            for j in ordered.indices where j > i {
                let a = ordered[i], b = ordered[j]
                guard a.value.conflictClass != b.value.conflictClass, abs(a.date.days(to: b.date)) <= windowDays else { continue }
                found.append(a.date <= b.date ? StatusConflict(earlier: a, later: b) : StatusConflict(earlier: b, later: a))
            }
        }
        return found
    }
}
