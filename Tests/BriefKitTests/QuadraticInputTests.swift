@testable import BriefKit
import Foundation
import ListGenerator
import Testing

/// Issue 12, quadratic inputs: each attack, built by the generator (`brief-gen`'s hostile shapes), gives a result of
/// the right shape — one note for many disagreeing sources, one pass over many rearrests, a long word cut into full
/// lines. How fast is measured by the benchmark (docs/benchmarks.md), never here.
@Suite struct QuadraticInputTests {
    /// The briefing of `options`' list for `audience`, made in memory.
    static func briefing(_ options: ListGeneratorOptions, audience: Marking) throws -> Briefing {
        let store = InputStore.memory(["list.xml": generateListBytes(options)])
        let inputs = try BriefInputs.resolve(path: "list.xml", in: store, validator: Validator(schemas: sharedSchemas))
        return try Briefing.make(inputs: inputs, audience: audience, date: nil)
    }

    // MARK: source-conflict

    /// 2,000 sources, one claim each on one prisoner, alternately detained and released on one date: a million pairs
    /// disagree, and the prisoner gets one note that counts each side and names its first three sources.
    @Test func manySourcesThatDisagreeGiveOneNoteThatCountsEachSide() throws {
        let options = ListGeneratorOptions(count: 3, seed: 1, conflictingSources: 2000)
        let found = check(generateList(options)).diagnostics.filter { $0.rule == .sourceConflict }
        let note = try #require(found.first)
        #expect(found.count == 1)
        #expect(note.message == "2000 sources disagree about prisoner 'H000001': 1000 in custody ('c000001' detained 2015-05-31, "
            + "'c000003' detained 2015-05-31, 'c000005' detained 2015-05-31 and 997 more), 1000 out ('c000002' released 2015-05-31, "
            + "'c000004' released 2015-05-31, 'c000006' released 2015-05-31 and 997 more); "
            + "first, 'c000001' says detained and 'c000002' says released, both on 2015-05-31")
        #expect(note.help == "briefings show every claim; resolve it if a source is wrong")
    }

    /// The public edition of the same list: its JSON grows with the list, not with the pairs (it carried one
    /// diagnostic a pair), and the briefing's discrepancies table lists the person once, with every claim.
    @Test func thePublicEditionOfManyDisagreeingSourcesStaysLinear() throws {
        let options = ListGeneratorOptions(count: 0, seed: 1, conflictingSources: 2000)
        let input = generateListBytes(options).count
        let briefing = try Self.briefing(options, audience: .public)
        #expect(briefing.diagnostics.filter { $0.rule == .sourceConflict }.count == 1)
        #expect(JSONWriter().render(briefing.export).utf8.count < 3 * input)

        let person = try #require(briefing.reconciliation.people.first { $0.prisoner.id == "H000001" })
        #expect(person.inConflict)
        #expect(person.conflicts.count == 1)
        #expect(person.conflicts.first?.claims.count == 2000)
        #expect(person.status == .detained, "claims of one date are decided for custody")

        let tables = briefing.document.sections.flatMap(\.blocks).compactMap { block -> DataTable? in
            if case .table(let table) = block, table.kind == .conflicts { return table }
            return nil
        }
        let table = try #require(tables.first)
        #expect(table.rows.count == 1)
        let claims = try #require(table.rows.first?.cells.last?.plainText)
        #expect(claims.components(separatedBy: "; ").count == 2000)
    }

    /// Sources take part in the one conflict exactly when their latest known claim and another source's cannot both
    /// be true (`ClaimTimeline.reason`): the n log n search agrees with comparing every pair, on random claims.
    @Test func theConflictHoldsExactlyTheClaimsOfConflictingPairs() {
        let values: [Status] = [.detained, .rearrested, .released, .exiled, .unconfirmed, .deceased, .unknown]
        var random = PropRNG(seed: 12)
        for _ in 0..<2000 {
            // Up to eight claims over two months, from four sources.
            let claims = (0..<Int(random.next() % 9)).map { index in
                StatusClaim(value: values[Int(random.next() % 7)], date: Day(ordinal: 16_436 + Int(random.next() % 60)),
                            sourceID: "s\(random.next() % 4)", note: nil,
                            marking: .public, declaredMarking: nil, anchor: SourceAnchor(offset: index))
            }
            // Each source's latest known claim (the last written among those of its date), then every pair.
            var latest: [String: Int] = [:]
            for (index, claim) in claims.enumerated() where claim.value != .unknown {
                if let current = latest[claim.sourceID], claims[current].date > claim.date { continue }
                latest[claim.sourceID] = index
            }
            var inPairs = Set<Int>()
            for a in latest.values {
                for b in latest.values where a != b && claims[a].date <= claims[b].date {
                    let rearrested = claims.contains { $0.value == .rearrested && $0.date > claims[a].date && $0.date <= claims[b].date }
                    if ClaimTimeline.reason(earlier: claims[a], later: claims[b], rearrestedBetween: rearrested) != nil {
                        inPairs.insert(a)
                        inPairs.insert(b)
                    }
                }
            }
            let expected = inPairs.sorted { (claims[$0].date, $0) < (claims[$1].date, $1) }.map { claims[$0].anchor.offset }
            let conflicts = StatusConflict.conflicts(in: claims)
            #expect(conflicts.count == (expected.isEmpty ? 0 : 1), "\(claims.map { ($0.sourceID, $0.value, $0.date) })")
            #expect((conflicts.first?.claims ?? []).map(\.anchor.offset) == expected, "\(claims.map { ($0.sourceID, $0.value, $0.date) })")
        }
    }

    /// Three sources, two sides, all named: the earliest claim's side first, reported at the latest claim in dispute.
    @Test func threeSourcesAreNamedInFull() throws {
        let result = check(listXML(sources: #"<source id="usg" kind="government">US</source><source id="ngo" kind="ngo">NGO</source><source id="press" kind="press">Press</source>"#,
                                   prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <status value="released" date="2015-01-05" source="usg"/>
            <status value="detained" date="2015-01-10" source="ngo"/>
            <status value="unconfirmed" date="2015-01-12" source="press"/>
          </prisoner>
        """))
        let notes = result.diagnostics.filter { $0.rule == .sourceConflict }
        #expect(notes.count == 1)
        #expect(notes.first?.message == "3 sources disagree about prisoner 'P1': 1 out ('usg' released 2015-01-05), "
            + "1 in custody ('ngo' detained 2015-01-10), 1 unconfirmed ('press' unconfirmed 2015-01-12); first, 'ngo' says detained "
            + "on 2015-01-10, after 'usg' said released on 2015-01-05, with no re-arrest claimed in between")
        #expect(notes.first?.line == 12)
    }

    // MARK: rearrest-without-release

    /// 40,000 `rearrested` claims, and the release they follow written after them: no warning; the same claims
    /// without the release: one warning each.
    @Test func manyRearrestsAreCheckedAgainstTheEarliestRelease() throws {
        let options = ListGeneratorOptions(count: 0, seed: 1, rearrests: 40_000)
        let xml = generateList(options)
        #expect(!check(xml).rules().contains(.rearrestWithoutRelease))
        let withoutRelease = xml.replacingOccurrences(of: #"<status value="released""#, with: #"<status value="detained""#)
        #expect(check(withoutRelease).rules().filter { $0 == .rearrestWithoutRelease }.count == 40_000)
        let briefing = try Self.briefing(options, audience: .committee)
        #expect(briefing.reconciliation.people.first { $0.prisoner.id == "H000001" }?.status == .rearrested)
    }

    /// Only rearrests after the earliest release pass; a release on the same day does not count.
    @Test func aRearrestIsWarnedUnlessTheEarliestReleaseIsBeforeIt() {
        let result = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana Pérez</name>
            <status value="rearrested" date="2015-01-02" source="usg"/>
            <status value="rearrested" date="2015-01-05" source="usg"/>
            <status value="rearrested" date="2015-01-07" source="usg"/>
            <status value="released" date="2015-01-06" source="usg"/>
            <status value="unconfirmed" date="2015-01-05" source="ngo"/>
          </prisoner>
        """))
        let warned = result.diagnostics.filter { $0.rule == .rearrestWithoutRelease }
        #expect(warned.map(\.line) == [10, 11])
    }

    // MARK: Wrapping

    /// A 200,000-character word with one non-Latin letter: cut into full lines of the text width, every character
    /// kept, in order.
    @Test func aLongWordWithANonLatinLetterIsCutIntoFullLines() {
        let word = String(repeating: "abcdefghij", count: 20_000 - 1) + "abcdefghiω"
        let lines = DisplayWidth.wrap(word, width: 78)
        #expect(lines.count == (200_000 + 77) / 78)
        #expect(lines.dropLast().allSatisfy { DisplayWidth.of($0) == 78 })
        #expect(lines.joined() == word)
        // Wide characters, and one wider than the line (it gets a line of its own).
        #expect(DisplayWidth.wrap("漢字漢字漢 x", width: 4) == ["漢字", "漢字", "漢 x"])
        #expect(DisplayWidth.wrap("漢字", width: 1) == ["漢", "字"])
    }

    /// The text edition of a list whose names are long words: every line within 78 columns, every name whole
    /// (its lines follow each other).
    @Test func theTextEditionCutsLongNamesIntoLines() throws {
        let options = ListGeneratorOptions(count: 2, seed: 1, longNames: 2, longNameLength: 50_000)
        let text = TextWriter().render(try Self.briefing(options, audience: .committee).document)
        #expect(text.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 78 })
        let compact = text.filter { !$0.isWhitespace }
        let names = generateList(options).components(separatedBy: "<name marking=\"committee\">").dropFirst()
            .compactMap { $0.components(separatedBy: "</name>").first }.filter { $0.count == 50_000 }
        #expect(names.count == 2)
        for name in names { #expect(compact.contains(name)) }
    }
}
