@testable import BriefKit
import Foundation
import ListGenerator
import Testing

/// Issue 13: a briefing a committee can defend. A partial list says so and names each figure's population; one
/// number per fact; conditions by kind and by what they mean; a source's correction is one fact; an edition says
/// what it leaves out of what it shows.
@Suite struct ReconciliationFigureTests {
    static func briefing(_ xml: String, audience: Marking) throws -> Briefing {
        try EditionRuleTests.briefing(xml, audience: audience)
    }

    static func briefing(folder: String, audience: Marking) throws -> Briefing {
        let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1))
        let inputs = try BriefInputs.resolve(path: Repository.root.appendingPathComponent(folder).path, in: .fileSystem, validator: validator)
        #expect(!inputs.hasErrors)
        return try Briefing.make(inputs: inputs, audience: audience, date: nil)
    }

    static let partialList = """
    <?xml version="1.0" encoding="UTF-8"?>
    <prisonerList xmlns="urn:oversight:prisoner-list:1" id="t" revision="2" asOf="2023-02-20" marking="public">
      <title>T</title><submitter>S</submitter>
      <agreement announced="2023-02-09" committed="222" coverage="partial"><party>A</party><party>B</party></agreement>
      <sources>
        <source id="state" kind="government">State</source>
        <source id="monitor" kind="ngo">Monitor</source>
        <source id="press" kind="press" marking="committee">Press</source>
      </sources>
      <counts>
        <count source="state" date="2023-02-09" of="released">222</count>
        <count source="monitor" date="2023-02-09" of="released">224</count>
        <count source="monitor" date="2023-02-13" of="released">222</count>
        <count source="press" date="2023-02-10" of="released">228</count>
      </counts>
      <prisoner id="P-1" list="agreed"><name>A</name>
        <status value="exiled" date="2023-02-09" source="state"/>
        <condition kind="citizenship-revoked" since="2023-02-09" source="state">x</condition>
        <condition kind="exile" since="2023-02-09" source="state">x</condition>
        <condition kind="other" since="2023-02-09" source="state">x</condition>
        <condition kind="other" since="2023-02-10" source="monitor">y</condition>
        <warning kind="rearrest" date="2023-02-09" source="monitor">w</warning></prisoner>
      <prisoner id="P-2" list="agreed"><name>B</name>
        <status value="detained" date="2023-02-10" source="state"/>
        <condition kind="citizenship-revoked" since="2023-02-10" source="state">x</condition>
        <condition kind="other" since="2023-02-10" source="state">x</condition></prisoner>
      <prisoner id="P-3" list="agreed"><name>C</name><status value="released" date="2023-02-09" source="monitor"/></prisoner>
      <prisoner id="P-4" list="other"><name>D</name><status value="released" date="2022-12-01" source="monitor"/>
        <warning kind="rearrest" date="2023-02-14" source="monitor">w</warning></prisoner>
    </prisonerList>
    """

    static func text(_ document: BriefDocument, _ kind: Section.Kind) -> String {
        document.sections.filter { $0.kind == kind }.flatMap(\.blocks).map { block -> String in
            switch block {
            case .paragraph(let p): p.plainText
            case .chart(let c): c.description
            case .bullets(let b): b.items.map(\.plainText).joined(separator: "\n")
            default: ""
            }
        }.joined(separator: "\n")
    }

    @Test func aPartialListSaysSoFirstAndNamesItsPopulations() throws {
        let briefing = try Self.briefing(Self.partialList, audience: .committee)
        let summary = try #require(briefing.document.sections.first { $0.kind == .summary })
        guard case .paragraph(let first) = try #require(summary.blocks.first) else { Issue.record("no paragraph"); return }
        #expect(first.plainText.hasPrefix("This list follows 3 of the 222 people the agreement covers"))
        let figures = try #require(briefing.document.sections.first { $0.kind == .figures })
        guard case .table(let table) = try #require(figures.blocks.first) else { Issue.record("no table"); return }
        #expect(table.columns.map(\.title).contains("Sources' counts of everyone"))
        // The range of a partial list spans the sources' latest counts of everyone, not the list's 2 released.
        let released = try #require(table.rows.first { $0.cells.first?.plainText == "Released (out)" })
        #expect(released.cells[3].plainText == "222–228 by source")
        let committed = try #require(table.rows.first { $0.cells.first?.plainText == "Releases committed" })
        #expect(committed.cells[1].plainText == "—")
        // The chart draws no committed line and says how many the list follows.
        let charts = try #require(briefing.document.sections.first { $0.kind == .charts })
        guard case .chart(let timeline) = try #require(charts.blocks.first) else { Issue.record("no chart"); return }
        #expect(timeline.kind == .timeline(target: nil))
        #expect(timeline.description.contains("the 3 people this list follows"))
        #expect(!timeline.description.contains("against 222 committed"))
        #expect(!briefing.reconciliation.aggregateDiscrepancies.contains { $0.tally == 2 && $0.claims.isEmpty })
    }

    @Test func committedCountIsForCompleteListsOnly() throws {
        #expect(!check(Self.partialList).rules().contains(.committedCount))
        let complete = check(Self.partialList.replacingOccurrences(of: " coverage=\"partial\"", with: ""))
        let finding = try #require(complete.diagnostics.first { $0.rule == .committedCount })
        #expect(finding.help?.contains("coverage=\"partial\"") == true)
        #expect(finding.help?.contains("correct 'committed'") == true)
    }

    @Test func conditionsAreListedOncePerKindAndInForceOnlyForPeopleOut() throws {
        for audience in [Marking.public, .committee] {
            let briefing = try Self.briefing(Self.partialList, audience: audience)
            let section = try #require(briefing.document.sections.first { $0.kind == .conditions })
            let inCustody = Set(briefing.reconciliation.people.filter { $0.status?.conflictClass != .out }.map(\.prisoner.id))
            var tables: [DataTable] = []
            for case .table(let table) in section.blocks { tables.append(table) }
            #expect(tables.count == 2)
            for (index, table) in tables.enumerated() {
                for row in table.rows {
                    let ids = row.cells[2].plainText.components(separatedBy: ", ")
                    #expect(Set(ids).count == ids.count, "repeated id: \(ids)")
                    #expect(Int(row.cells[1].plainText) == ids.count)
                    if index == 0 { #expect(inCustody.isDisjoint(with: ids), "\(row.cells[0].plainText): \(ids)") }
                }
            }
            #expect(tables[0].rows.map { $0.cells[0].plainText } == ["exile", "other"])
            #expect(tables[1].rows.map { $0.cells[0].plainText } == ["citizenship-revoked"])
            #expect(tables[1].rows.first?.cells[2].plainText == "P-1, P-2")
        }
        // Loss of citizenship is not a condition of release: no finding for the detained P-2's, one for its `other`.
        let findings = check(Self.partialList).diagnostics.filter { $0.rule == .conditionWhileDetained }
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("a other condition") == true)
    }

    @Test func aCorrectedCountIsOneFactWithItsHistory() throws {
        let briefing = try Self.briefing(Self.partialList, audience: .public)
        let released = try #require(briefing.reconciliation.figure(.released))
        #expect(released.latestClaims.map(\.value) == [222, 222])
        #expect(released.spread == 222...222)
        let summary = Self.text(briefing.document, .summary)
        #expect(summary.contains("222 (") && summary.contains("February 13, 2023, correcting 224 of February 9, 2023)"))
        #expect(summary.contains("Sources agree on releases"))
        #expect(briefing.reconciliation.aggregateDiscrepancies.isEmpty)
    }

    @Test func aCorrectionIsOneCountChangedInTheDiff() throws {
        let old = Self.partialList.replacingOccurrences(of: "    <count source=\"monitor\" date=\"2023-02-13\" of=\"released\">222</count>\n", with: "")
            .replacingOccurrences(of: "revision=\"2\"", with: "revision=\"1\"")
        #expect(old != Self.partialList)
        let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1))
        let store = InputStore.memory(["old.xml": Array(old.utf8), "new.xml": Array(Self.partialList.utf8)])
        let diff = try DiffBriefing.make(old: try BriefInputs.resolve(path: "old.xml", in: store, validator: validator),
                                         new: try BriefInputs.resolve(path: "new.xml", in: store, validator: validator),
                                         audience: .committee, date: nil).diff
        let counts = diff.changes.filter { [.countAdded, .countWithdrawn, .countChanged].contains($0.kind) }
        #expect(counts.count == 1)
        let change = try #require(counts.first)
        #expect(change.kind == .countChanged)
        #expect(change.before == "224 (2023-02-09)")
        #expect(change.after == "222 (2023-02-13)")
    }

    @Test func anEditionTellsWhatItWithholdsOfASourceItShows() throws {
        let xml = Self.partialList.replacingOccurrences(of: "marking=\"public\"", with: "marking=\"committee\"")
            .replacingOccurrences(of: "<source id=\"state\" kind=\"government\">", with: "<source id=\"state\" kind=\"government\" marking=\"public\">")
        let briefing = try Self.briefing(xml, audience: .public)
        #expect(briefing.withheldCountsCitingShownSources.map(\.sourceID) == ["state"])
        #expect(try Self.briefing(Self.partialList, audience: .public).withheldCountsCitingShownSources.isEmpty)
        // And `build` says so on stderr, with the fix.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("list.xml")
        try Data(xml.utf8).write(to: list)
        let run = try runBrief(["build", list.path, "--audience", "public", "--format", "txt", "--out", folder.appendingPathComponent("out").path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("withholds 1 count claim citing 'state'"), "\(run.stderr)")
        #expect(run.stderr.contains("marking=\"public\""))
    }

    // MARK: One number per fact

    /// Every briefing of the corpus, every audience.
    static var corpus: [(String, Briefing)] {
        get throws {
            var all: [(String, Briefing)] = []
            for audience in Marking.allCases {
                for folder in ["briefs/cuba-53", "briefs/nicaragua-222", "Tests/BriefKitTests/Fixtures/briefs/markers"] {
                    all.append(("\(folder) \(audience.name)", try briefing(folder: folder, audience: audience)))
                }
                all.append(("partial \(audience.name)", try briefing(partialList, audience: audience)))
                for seed in 1...4 {
                    let xml = generateList(ListGeneratorOptions(count: 60, seed: UInt64(seed)))
                    all.append(("generated \(seed) \(audience.name)", try briefing(xml, audience: audience)))
                }
            }
            return all
        }
    }

    /// The numbers a statement gives, by population: what a regular expression finds in the prose.
    static let statements: [(pattern: String, figures: [Reconciliation.FigureKind])] = [
        (#"holds (\d+) (?:person|people) on the agreed list"#, [.onList]),
        (#"(\d+) (?:is|are) out"#, [.released]),
        (#"; (\d+) unconfirmed"#, [.unconfirmed]),
        (#"(\d+) in custody"#, [.detained, .rearrested]),
        (#"(\d+) (?:person|people) on the agreed list (?:was|were) warned"#, [.warned]),
        (#"commitment to release (\d+) political"#, [.committed]),
    ]

    @Test func noTwoStatementsGiveDifferentNumbersForOnePopulation() throws {
        for (name, briefing) in try Self.corpus {
            let document = briefing.document
            // The key figures table, as printed.
            var table: [String: Int] = [:]
            for section in document.sections where section.kind == .figures {
                for case .table(let t) in section.blocks {
                    for row in t.rows { table[row.cells[0].plainText] = Int(row.cells[1].plainText) }
                }
            }
            let reconciliation = briefing.reconciliation
            func value(_ kinds: [Reconciliation.FigureKind]) -> Int? {
                let values = kinds.compactMap { reconciliation.figure($0)?.value }
                return values.isEmpty ? nil : values.reduce(0, +)
            }
            for figure in reconciliation.figures where figure.kind != .committed || reconciliation.coverage == .complete {
                if let printed = table[figure.kind.label] { #expect(printed == figure.value, "\(name): \(figure.kind.label)") }
            }
            let prose = Self.text(document, .summary)
            for (pattern, kinds) in Self.statements {
                let regex = try Regex(pattern)
                for match in prose.matches(of: regex) {
                    let number = match.output[1].substring.flatMap { Int($0) }
                    #expect(number == value(kinds), "\(name): '\(match.output[0].substring ?? "")' against \(kinds) = \(String(describing: value(kinds)))")
                }
            }
            // The status chart and the figures count one population.
            let charts = Self.text(document, .charts)
            for status in [Status.detained, .unconfirmed, .rearrested, .exiled, .deceased] {
                guard let kind = Reconciliation.FigureKind(rawValue: status.rawValue), let figure = reconciliation.figure(kind) else { continue }
                for match in charts.matches(of: try Regex("(?:list: |, )\(status.rawValue) (\\d+)")) {
                    #expect(match.output[1].substring.flatMap { Int($0) } == figure.value, "\(name): chart \(status.rawValue)")
                }
            }
            // The conditions table's counts are its people.
            for section in document.sections where section.kind == .conditions {
                for case .table(let t) in section.blocks {
                    for row in t.rows {
                        let ids = row.cells[2].plainText.components(separatedBy: ", ")
                        #expect(Int(row.cells[1].plainText) == ids.count && Set(ids).count == ids.count, "\(name): \(row.cells[0].plainText)")
                    }
                }
            }
        }
    }
}
