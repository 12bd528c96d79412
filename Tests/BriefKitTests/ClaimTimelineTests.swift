@testable import BriefKit
import Testing

/// `source-conflict` on a timeline (issue 13): every row of the claim-pair table of docs/rules.md.
@Suite struct ClaimTimelineTests {
    static func claim(_ value: Status, _ day: Int, _ source: String, at offset: Int = 0) -> StatusClaim {
        StatusClaim(value: value, date: Day(uncheckedYear: 2023, month: 2, day: day), sourceID: source, note: nil, marking: .public,
                    declaredMarking: nil, anchor: SourceAnchor(offset: offset))
    }

    /// Earlier claim (one source) → later claim (another source, a day later), no re-arrest claimed: a dispute or not.
    static let table: [(earlier: Status, later: Status, reason: ClaimTimeline.Reason?)] = [
        (.detained, .released, nil), (.detained, .exiled, nil), (.detained, .unconfirmed, nil), (.detained, .rearrested, nil),
        (.detained, .deceased, nil), (.detained, .detained, nil),
        (.rearrested, .released, nil), (.rearrested, .detained, nil), (.rearrested, .deceased, nil),
        (.unconfirmed, .released, nil), (.unconfirmed, .exiled, nil), (.unconfirmed, .detained, nil), (.unconfirmed, .deceased, nil),
        (.released, .rearrested, nil), (.released, .exiled, nil), (.released, .deceased, nil),
        (.released, .detained, .custodyAfterRelease), (.released, .unconfirmed, .custodyAfterRelease),
        (.exiled, .detained, .custodyAfterRelease), (.exiled, .unconfirmed, .custodyAfterRelease), (.exiled, .rearrested, nil),
        (.deceased, .released, .aliveAfterDeath), (.deceased, .detained, .aliveAfterDeath), (.deceased, .exiled, .aliveAfterDeath),
        (.deceased, .unconfirmed, .aliveAfterDeath), (.deceased, .rearrested, .aliveAfterDeath), (.deceased, .deceased, nil),
        (.unknown, .released, nil), (.released, .unknown, nil),
    ]

    @Test(arguments: table.indices) func aLaterClaimIsAProgressionOrADispute(_ row: Int) {
        let (earlier, later, reason) = Self.table[row]
        let claims = [Self.claim(earlier, 8, "relatives", at: 10), Self.claim(later, 9, "monitor", at: 20)]
        #expect(ClaimTimeline.disputes(in: claims).map(\.reason) == (reason.map { [$0] } ?? []), "\(earlier) → \(later)")
        // The order in the file does not matter; the dates do.
        #expect(ClaimTimeline.disputes(in: claims.reversed()).map(\.reason) == (reason.map { [$0] } ?? []))
    }

    @Test func claimsOfOneDayInDifferentClassesAreADispute() {
        let disputes = ClaimTimeline.disputes(in: [Self.claim(.detained, 8, "a", at: 1), Self.claim(.released, 8, "b", at: 2)])
        #expect(disputes.map(\.reason) == [.sameDay])
        #expect(disputes.first?.explanation == "'a' says detained and 'b' says released, both on 2023-02-08")
        #expect(ClaimTimeline.disputes(in: [Self.claim(.detained, 8, "a"), Self.claim(.rearrested, 8, "b")]).isEmpty, "one class")
    }

    @Test func aReArrestInBetweenMakesCustodyAfterReleaseAProgression() {
        let released = Self.claim(.released, 8, "usg"), detained = Self.claim(.detained, 12, "ngo")
        #expect(ClaimTimeline.disputes(in: [released, detained]).map(\.reason) == [.custodyAfterRelease])
        // Any source may claim the re-arrest, on any claim of its own, after the release and by the later claim.
        for day in [9, 12] {
            let rearrest = Self.claim(.rearrested, day, "press")
            let relatives = Self.claim(.detained, 13, "press")
            #expect(ClaimTimeline.disputes(in: [released, rearrest, relatives, detained]).isEmpty, "re-arrest on the \(day)th")
        }
        // A re-arrest before the release does not explain a later custody claim.
        let early = Self.claim(.rearrested, 7, "press")
        #expect(ClaimTimeline.disputes(in: [early, released, detained]).contains { $0.reason == .custodyAfterRelease })
        let explained = ClaimTimeline.disputes(in: [released, detained]).first?.explanation
        #expect(explained == "'ngo' says detained on 2023-02-12, after 'usg' said released on 2023-02-08, with no re-arrest claimed in between")
    }

    @Test func onlyEachSourcesLatestClaimIsItsView() {
        // The monitor said detained, then (later) released: its view is released; nothing contradicts it.
        let claims = [Self.claim(.detained, 8, "monitor"), Self.claim(.released, 9, "usg"), Self.claim(.released, 10, "monitor")]
        #expect(ClaimTimeline.disputes(in: claims).isEmpty)
    }

    /// A thousand sources on one person, alternating classes on one day, give one dispute per source at most —
    /// not one per pair (issue 12: N²/4 notes).
    @Test func manySourcesGiveAtMostOneDisputePerSourceAndReason() {
        let claims = (0..<1000).map { Self.claim($0.isMultiple(of: 2) ? .released : .detained, 9, "s\($0)", at: $0) }
        let disputes = ClaimTimeline.disputes(in: claims)
        #expect(disputes.count == 999)
        #expect(Set(disputes.map(\.later.sourceID)).count == 999)
        #expect(ClaimTimeline.involved(in: claims).count == 1000)
        // One class all day: no one takes part.
        #expect(ClaimTimeline.involved(in: (0..<1000).map { Self.claim(.released, 9, "s\($0)", at: $0) }).isEmpty)
    }
}
