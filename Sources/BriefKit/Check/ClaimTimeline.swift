/// Status claims on a timeline: a claim says how a source saw the person on its date, so two sources disagree only
/// when their views cannot both be true — not whenever their classes differ. A person detained on the 8th and exiled
/// on the 9th was moved, not disputed.
///
/// Each source's latest known claim is its view (`unknown` says nothing). Two views conflict when:
/// - they share a date and fall in different classes (`sameDay`);
/// - the later one says the person is alive after another source's `deceased` (`aliveAfterDeath`);
/// - the later one says the person is `detained`, or their release `unconfirmed`, after another source dated them
///   out (`released`, `exiled`), and no re-arrest is claimed in between (`custodyAfterRelease`).
/// Every other pair is a progression: detained → released or exiled, unconfirmed → released, released →
/// rearrested, anything → deceased (docs/rules.md, `source-conflict`, has the whole table).
public enum ClaimTimeline {
    /// Why two views cannot both be true.
    public enum Reason: String, Sendable, Hashable, Codable {
        case sameDay = "same-day"
        case aliveAfterDeath = "alive-after-death"
        case custodyAfterRelease = "custody-after-release"
    }

    /// Two sources' views of one person that cannot both be true; `later` is the claim that contradicts `earlier`.
    public struct Dispute: Sendable {
        public var earlier: StatusClaim
        public var later: StatusClaim
        public var reason: Reason

        /// Why the two cannot both be true, in a sentence part: "'ngo' says detained on 2015-01-12, after 'usg'
        /// dated the release 2015-01-10 and with no re-arrest claimed in between".
        public var explanation: String {
            let (a, b) = (earlier, later)
            switch reason {
            case .sameDay:
                return "'\(a.sourceID)' says \(a.value.rawValue) and '\(b.sourceID)' says \(b.value.rawValue), both on \(a.date)"
            case .aliveAfterDeath:
                return "'\(b.sourceID)' says \(b.value.rawValue) on \(b.date), after '\(a.sourceID)' reported the death on \(a.date)"
            case .custodyAfterRelease:
                return "'\(b.sourceID)' says \(b.value.rawValue) on \(b.date), after '\(a.sourceID)' said \(a.value.rawValue) on \(a.date), "
                    + "with no re-arrest claimed in between"
            }
        }
    }

    /// The reason `earlier` and `later` (views of two sources, `earlier.date <= later.date`) cannot both be true, if
    /// any. `rearrestedBetween` says whether a re-arrest is claimed after `earlier` and by `later`'s date.
    public static func reason(earlier: StatusClaim, later: StatusClaim, rearrestedBetween: Bool) -> Reason? {
        guard let first = earlier.value.conflictClass, let second = later.value.conflictClass else { return nil }
        if earlier.date == later.date { return first == second ? nil : .sameDay }
        if first == .deceased, second != .deceased { return .aliveAfterDeath }
        if first == .out, later.value == .detained || later.value == .unconfirmed, !rearrestedBetween { return .custodyAfterRelease }
        return nil
    }

    /// Each source's latest known claim, in order of date (then of position in the list).
    public static func views(_ claims: [StatusClaim]) -> [StatusClaim] {
        var latest: [String: (index: Int, claim: StatusClaim)] = [:]
        for (index, claim) in claims.enumerated() where claim.value.conflictClass != nil {
            if let current = latest[claim.sourceID], current.claim.date > claim.date { continue }
            latest[claim.sourceID] = (index, claim)
        }
        return latest.values.sorted { ($0.claim.date, $0.index) < ($1.claim.date, $1.index) }.map(\.claim)
    }

    /// The disputes among one person's claims, in O(n log n): each view is compared with the earlier views it could
    /// contradict — those of its own date, the first death, and the latest release before it — so a person with a
    /// thousand sources gives at most three disputes per source, never a pair for every two.
    public static func disputes(in claims: [StatusClaim]) -> [Dispute] {
        let views = views(claims)
        guard views.count > 1 else { return [] }
        let rearrests = claims.filter { $0.value == .rearrested }.map(\.date).sorted()
        /// Whether a re-arrest is claimed after `start` and by `end`.
        func rearrested(after start: Day, by end: Day) -> Bool {
            // The first re-arrest after `start` (binary search), then whether it is by `end`.
            var low = 0, high = rearrests.count
            while low < high {
                let middle = (low + high) / 2
                if rearrests[middle] <= start { low = middle + 1 } else { high = middle }
            }
            return low < rearrests.count && rearrests[low] <= end
        }
        var disputes: [Dispute] = []
        var firstDeath: StatusClaim?
        var latestOut: StatusClaim?
        // The first view of the current date in each class.
        var firstOfDay: [StatusClass: StatusClaim] = [:]
        for view in views {
            guard let viewClass = view.value.conflictClass else { continue }
            if let any = firstOfDay.values.first, any.date != view.date { firstOfDay = [:] }
            // The first view of this date in another class: one same-day dispute per view.
            if let other = firstOfDay.filter({ $0.key != viewClass }).values.min(by: { $0.anchor.offset < $1.anchor.offset }) {
                disputes.append(Dispute(earlier: other, later: view, reason: .sameDay))
            }
            if firstOfDay[viewClass] == nil { firstOfDay[viewClass] = view }
            if let death = firstDeath, death.date < view.date,
               let reason = reason(earlier: death, later: view, rearrestedBetween: false), reason == .aliveAfterDeath {
                disputes.append(Dispute(earlier: death, later: view, reason: reason))
            }
            if let out = latestOut, out.date < view.date,
               reason(earlier: out, later: view, rearrestedBetween: rearrested(after: out.date, by: view.date)) == .custodyAfterRelease {
                disputes.append(Dispute(earlier: out, later: view, reason: .custodyAfterRelease))
            }
            if view.value.conflictClass == .deceased, firstDeath == nil { firstDeath = view }
            if view.value.conflictClass == .out { latestOut = view }
        }
        return disputes
    }

    /// Every view that takes part in some dispute — all of them, not only those `disputes` names — in O(n log n): the
    /// views a later view contradicts form runs (the day's other classes, every earlier death, and the releases
    /// since the last re-arrest claimed by its date), which are marked as ranges.
    public static func involved(in claims: [StatusClaim]) -> [StatusClaim] {
        let views = views(claims)
        guard views.count > 1 else { return [] }
        let rearrests = claims.filter { $0.value == .rearrested }.map(\.date).sorted()
        let outs = views.indices.filter { views[$0].value.conflictClass == .out }
        let deaths = views.indices.filter { views[$0].value.conflictClass == .deceased }
        /// The first position in `positions` whose view is dated `day` or later.
        func firstAtOrAfter(_ day: Day, in positions: [Int]) -> Int {
            var low = 0, high = positions.count
            while low < high {
                let middle = (low + high) / 2
                if views[positions[middle]].date < day { low = middle + 1 } else { high = middle }
            }
            return low
        }
        var marked = Array(repeating: false, count: views.count)
        var outCover = Array(repeating: 0, count: outs.count + 1)
        var deathsBefore = 0
        var dayStart = 0
        var dayClasses: Set<StatusClass> = []
        for (position, view) in views.enumerated() {
            if view.date != views[dayStart].date {
                dayStart = position
                dayClasses = []
            }
            let viewClass = view.value.conflictClass
            // A day of two classes takes part whole: its earlier views are marked once, when the second class
            // comes, and each later view as it comes (so a day of thousands of views stays linear).
            if let viewClass, dayClasses.insert(viewClass).inserted, dayClasses.count == 2 {
                for index in dayStart..<position { marked[index] = true }
            }
            if dayClasses.count > 1 { marked[position] = true }
            if viewClass != .deceased {
                let earlierDeaths = firstAtOrAfter(view.date, in: deaths)
                if earlierDeaths > 0 {
                    marked[position] = true
                    deathsBefore = max(deathsBefore, earlierDeaths)
                }
            }
            if view.value == .detained || view.value == .unconfirmed {
                // The last re-arrest claimed by this date: releases dated on or after it are contradicted.
                var low = 0, high = rearrests.count
                while low < high {
                    let middle = (low + high) / 2
                    if rearrests[middle] <= view.date { low = middle + 1 } else { high = middle }
                }
                let from = low > 0 ? firstAtOrAfter(rearrests[low - 1], in: outs) : 0
                let to = firstAtOrAfter(view.date, in: outs)
                if from < to {
                    marked[position] = true
                    outCover[from] += 1
                    outCover[to] -= 1
                }
            }
        }
        for index in deaths.prefix(deathsBefore) { marked[index] = true }
        var running = 0
        for (rank, index) in outs.enumerated() {
            running += outCover[rank]
            if running > 0 { marked[index] = true }
        }
        return views.indices.filter { marked[$0] }.map { views[$0] }
    }
}
