import Foundation
import Testing
@testable import BriefKit

/// `brief merge` (docs/merge.md): the Cuba example split by source merges back into its people; a near miss is
/// reported, not merged; the result does not depend on the order of the lists, and validates.
@Suite struct MergeTests {
    static let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1))

    static func example() throws -> PrisonerList {
        try #require(check(bytes: [UInt8](Data(contentsOf: Repository.root.appendingPathComponent("briefs/cuba-53/list.xml")))).list)
    }

    /// The part of `list` that `sources` say: their sources, counts and claims, and the people they have a status of.
    /// With `idPrefix`, the people's ids are changed, so that only names can match them.
    static func part(of list: PrisonerList, id: String, sources: Set<String>, idPrefix: String = "") -> PrisonerList {
        var part = list
        part.id = id
        part.sources = list.sources.filter { sources.contains($0.id) }
        part.counts = list.counts.filter { sources.contains($0.sourceID) }
        part.prisoners = list.prisoners.compactMap { prisoner in
            var kept = prisoner
            kept.statuses = prisoner.statuses.filter { sources.contains($0.sourceID) }
            guard !kept.statuses.isEmpty else { return nil }
            kept.conditions = prisoner.conditions.filter { sources.contains($0.sourceID) }
            kept.warnings = prisoner.warnings.filter { sources.contains($0.sourceID) }
            kept.id = idPrefix + prisoner.id
            return kept
        }
        return part
    }

    static let government: Set<String> = ["officials", "cable"]
    static let others: Set<String> = ["dissidents", "unpacu", "press", "family"]

    /// The claims of each person, by name, as text: what a merge must give back.
    static func claims(_ list: PrisonerList) -> [String: [String]] {
        var byName: [String: [String]] = [:]
        for prisoner in list.prisoners {
            byName[prisoner.name.text, default: []] += prisoner.statuses.map { "status \($0.date) \($0.value) \($0.sourceID)" }
                + prisoner.conditions.map { "condition \($0.kind) \($0.sourceID) \($0.text)" }
                + prisoner.warnings.map { "warning \($0.kind) \($0.sourceID) \($0.text)" }
            byName[prisoner.name.text]?.sort()
        }
        return byName
    }

    /// Conditions and warnings whose source has no status of the person are lost in the split, by construction.
    static func claimsSurvivingTheSplit(_ list: PrisonerList) -> [String: [String]] {
        var whole = list
        for index in whole.prisoners.indices {
            let statusSources = Set(whole.prisoners[index].statuses.map(\.sourceID))
            let parts = [government, others].filter { !$0.isDisjoint(with: statusSources) }
            whole.prisoners[index].conditions.removeAll { condition in !parts.contains { $0.contains(condition.sourceID) } }
            whole.prisoners[index].warnings.removeAll { warning in !parts.contains { $0.contains(warning.sourceID) } }
        }
        return claims(whole)
    }

    @Test(arguments: ["", "N-"])
    func theExampleSplitBySourceMergesBack(idPrefix: String) throws {
        let whole = try Self.example()
        let a = Self.part(of: whole, id: "cuba-gov", sources: Self.government)
        let b = Self.part(of: whole, id: "cuba-ngo", sources: Self.others, idPrefix: idPrefix)
        #expect(a.prisoners.count < whole.prisoners.count && b.prisoners.count < whole.prisoners.count)
        let (merged, report) = try ListMerge.merge([.init(list: a, file: "a.xml"), .init(list: b, file: "b.xml")])
        #expect(Set(merged.prisoners.map(\.name.text)) == Set(whole.prisoners.map(\.name.text)))
        #expect(merged.prisoners.count == whole.prisoners.count)
        #expect(Self.claims(merged) == Self.claimsSurvivingTheSplit(whole))
        #expect(report.nearMisses.isEmpty)
        #expect(report.matched.count + report.unmatched.count == whole.prisoners.count)
        let evidence = report.matched.flatMap(\.evidence)
        #expect(evidence.allSatisfy { $0.contains(idPrefix.isEmpty ? "the same id" : "the same name") }, "\(evidence.prefix(3))")
        // It validates, and its sources' disagreements are there for the briefing to reconcile.
        let checked = Self.validator.check(bytes: ListXMLWriter.render(merged).bytes, path: "merged.xml")
        #expect(checked.list != nil, "\(checked.diagnostics.filter { $0.severity == .error }.prefix(3))")
        #expect(checked.diagnostics.contains { $0.rule == .sourceConflict })
    }

    @Test func theOrderOfTheListsChangesNothing() throws {
        let whole = try Self.example()
        let a = ListMerge.Input(list: Self.part(of: whole, id: "cuba-gov", sources: Self.government), file: "a.xml")
        let b = ListMerge.Input(list: Self.part(of: whole, id: "cuba-ngo", sources: Self.others, idPrefix: "N-"), file: "b.xml")
        let ab = try ListMerge.merge([a, b]), ba = try ListMerge.merge([b, a])
        #expect(ListXMLWriter.write(ab.list) == ListXMLWriter.write(ba.list))
        #expect(ab.report.human == ba.report.human)
    }

    static func small(_ id: String, source: String, people: String) -> PrisonerList? {
        check(listXML(agreement: "", sources: "<source id=\"\(source)\" kind=\"ngo\">S</source>", counts: "", prisoners: people)
            .replacingOccurrences(of: "id=\"test\"", with: "id=\"\(id)\"")).list
    }

    static func person(_ id: String, _ name: String, born: Int?, source: String, status: String = "released", alias: String? = nil) -> String {
        """
        <prisoner id="\(id)" list="agreed"><name>\(name)</name>\(alias.map { "<alias>\($0)</alias>" } ?? "")\(born.map { "<born>\($0)</born>" } ?? "")
        <status value="\(status)" date="2015-01-10" source="\(source)"/></prisoner>
        """
    }

    @Test func aNearMissIsReportedNotMerged() throws {
        let a = try #require(Self.small("gov", source: "usg", people: Self.person("G-1", "José Martí", born: 1960, source: "usg")))
        let b = try #require(Self.small("ngo", source: "ccdh", people: Self.person("N-1", "Jose Marti", born: 1961, source: "ccdh", status: "detained")))
        let (merged, report) = try ListMerge.merge([.init(list: a, file: "a.xml"), .init(list: b, file: "b.xml")])
        #expect(merged.prisoners.count == 2)
        #expect(report.matched.isEmpty)
        #expect(report.nearMisses.count == 1)
        #expect(report.nearMisses.first?.reason.contains("different birth years (1960 and 1961)") == true)
        #expect(report.human.contains("near misses, not merged"))
        // --match joins them; the second spelling becomes an alias, both claims stay with their sources.
        let forced = try ListMerge.merge([.init(list: a, file: "a.xml"), .init(list: b, file: "b.xml")],
                                         options: .init(match: [try #require(.init("gov:G-1=ngo:N-1"))]))
        #expect(forced.list.prisoners.count == 1)
        #expect(forced.list.prisoners[0].aliases.map(\.text) == ["Jose Marti"])
        #expect(Set(forced.list.prisoners[0].statuses.map(\.sourceID)) == ["usg", "ccdh"])
        #expect(forced.report.matched.first?.differences.contains { $0.hasPrefix("born: 1960 (kept) and 1961") } == true)
        let checked = Self.validator.check(bytes: ListXMLWriter.render(forced.list).bytes, path: "merged.xml")
        #expect(checked.diagnostics.contains { $0.rule == .sourceConflict }, "the two sources disagree, and the briefing shows it")
    }

    @Test func namesMatchThroughAliasesAndNoMatchPreventsIt() throws {
        let a = try #require(Self.small("gov", source: "usg", people: Self.person("G-1", "Ana Pérez", born: 1970, source: "usg", alias: "La Negra")))
        let b = try #require(Self.small("ngo", source: "ccdh", people: Self.person("N-1", "la negra", born: 1970, source: "ccdh")))
        let matched = try ListMerge.merge([.init(list: a, file: "a.xml"), .init(list: b, file: "b.xml")])
        #expect(matched.list.prisoners.count == 1)
        #expect(matched.report.matched.first?.evidence.first?.contains("alias") == true)
        let apart = try ListMerge.merge([.init(list: a, file: "a.xml"), .init(list: b, file: "b.xml")],
                                        options: .init(noMatch: [try #require(.init("G-1=N-1"))]))
        #expect(apart.list.prisoners.count == 2)
    }

    @Test func collidingSourceIdsArePrefixedEverywhere() throws {
        let a = try #require(Self.small("gov", source: "press", people: Self.person("P-1", "Ana", born: nil, source: "press")))
        let b = try #require(Self.small("ngo", source: "press", people: Self.person("P-9", "Bea", born: nil, source: "press")))
        let (merged, report) = try ListMerge.merge([.init(list: a, file: "a.xml"), .init(list: b, file: "b.xml")])
        #expect(merged.sources.map(\.id) == ["gov.press", "ngo.press"])
        #expect(merged.prisoners.flatMap(\.statuses).map(\.sourceID).sorted() == ["gov.press", "ngo.press"])
        #expect(report.renamedSources.count == 2)
        #expect(Self.validator.check(bytes: ListXMLWriter.render(merged).bytes, path: "m.xml").list != nil)
    }

    @Test func aMatchNamingNoOneFails() throws {
        let a = try #require(Self.small("gov", source: "usg", people: Self.person("G-1", "Ana", born: nil, source: "usg")))
        let b = try #require(Self.small("ngo", source: "ccdh", people: Self.person("N-1", "Bea", born: nil, source: "ccdh")))
        #expect(throws: ListMerge.Failure.self) {
            try ListMerge.merge([.init(list: a, file: "a.xml"), .init(list: b, file: "b.xml")], options: .init(match: [try #require(.init("X=N-1"))]))
        }
    }

    @Test func theCommandWritesTheListAndTheReport() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try Self.example()
        let a = folder.appendingPathComponent("gov.xml"), b = folder.appendingPathComponent("ngo.xml")
        try ListXMLWriter.write(Self.part(of: whole, id: "cuba-gov", sources: Self.government)).write(to: a, atomically: true, encoding: .utf8)
        try ListXMLWriter.write(Self.part(of: whole, id: "cuba-ngo", sources: Self.others, idPrefix: "N-")).write(to: b, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("merged.xml").path
        let human = try runBrief(["merge", a.path, b.path, "--out", out])
        #expect(human.status == 0, "\(human.stderr)")
        #expect(human.stdout.contains("into 'cuba-gov-cuba-ngo': \(whole.prisoners.count) people"))
        #expect(try runBrief(["validate", out]).status == 0)
        let json = try runBrief(["merge", b.path, a.path, "--out", out, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["people"] as? Int == whole.prisoners.count)
        #expect(object?["format"] as? String == "brief-merge")
        #expect(try runBrief(["merge", a.path, "--out", out]).status == 2, "one list is not a merge")
        #expect(try runBrief(["merge", a.path, b.path, "--out", a.path]).status == 2, "never over an input")
    }

    /// The example in briefs/venezuela-merged is what merging its two submissions gives, and the report's near miss
    /// (one name, birth years 1972 and 1973) is left for staff.
    @Test func theMergedExampleIsWhatTheMergeGives() throws {
        let folder = Repository.root.appendingPathComponent("briefs/venezuela-merged")
        var inputs: [ListMerge.Input] = []
        for name in ["government", "ngo"] {
            let path = folder.appendingPathComponent("submissions/\(name).xml")
            inputs.append(.init(list: try #require(check(bytes: [UInt8](Data(contentsOf: path))).list), file: path.path))
        }
        let title = "Political prisoners under the October 2023 arrangement: the government's and the Foro's lists merged (fictional)"
        let (merged, report) = try ListMerge.merge(inputs, options: .init(id: "venezuela-merged", title: title))
        #expect(try ListXMLWriter.write(merged) == String(contentsOf: folder.appendingPathComponent("list.xml"), encoding: .utf8))
        #expect(report.nearMisses.count == 1 && report.matched.count == 6)
        #expect(try String(contentsOf: folder.appendingPathComponent("submissions/merge-report.txt"), encoding: .utf8).hasPrefix(report.human))
    }
}
