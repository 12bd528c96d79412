import BriefKit
import Testing

/// The changes section of a briefing: changes told by what they mean, naming people as the edition shows them, and
/// the full table in an appendix.
@Suite struct DiffSummaryTests {
    static func person(_ id: String, _ name: String, nameMarking: String = "public", _ body: String) -> String {
        """
          <prisoner id="\(id)" list="agreed" marking="public">
            <name marking="\(nameMarking)">\(name)</name>
            \(body)
          </prisoner>
        """
    }

    /// Revision 2 (facts as of January 6, 2015).
    static let old = listXML(asOf: "2015-01-06", counts: "", prisoners: [
        person("P1", "Ana Pérez", #"<status value="detained" date="2015-01-02" source="ngo"/>"#),
        person("P2", "Luis Gómez", #"<status value="released" date="2015-01-03" source="usg"/>"#),
        person("P3", "Marta Ruiz", #"<status value="released" date="2015-01-03" source="usg"/>"#),
        person("P4", "José Díaz", #"<status value="detained" date="2015-01-02" source="ngo"/>"#),
        person("P5", "Rosa Vega", #"<status value="detained" date="2015-01-04" source="ngo"/><status value="released" date="2015-01-04" source="usg"/>"#),
        person("P6", "Pedro Sol", #"<status value="detained" date="2015-01-02" source="ngo"/>"#),
        person("P8", "Juan Mora", #"<status value="detained" date="2015-01-02" source="ngo"/>"#),
        person("P9", "Eva Luna", #"<status value="detained" date="2015-01-02" source="ngo"/>"#),
    ].joined(separator: "\n"))

    /// Revision 3 (as of January 13, 2015): P1 and P9 released, P2 re-arrested, P3 warned, a dispute opens over P4
    /// and closes over P5, a release of P6 learned late, P7 added, P8 gone.
    static let new = listXML(asOf: "2015-01-13", counts: "", prisoners: [
        person("P1", "Ana Pérez", #"<status value="detained" date="2015-01-02" source="ngo"/><status value="released" date="2015-01-10" source="usg"/>"#),
        person("P2", "Luis Gómez", #"<status value="released" date="2015-01-03" source="usg"/><status value="rearrested" date="2015-01-11" source="ngo"/>"#),
        person("P3", "Marta Ruiz", #"<status value="released" date="2015-01-03" source="usg"/><warning kind="rearrest" date="2015-01-09" source="ngo">Told to stop</warning>"#),
        person("P4", "José Díaz", #"<status value="detained" date="2015-01-02" source="ngo"/><status value="detained" date="2015-01-08" source="ngo"/><status value="released" date="2015-01-08" source="usg"/>"#),
        person("P5", "Rosa Vega", #"<status value="released" date="2015-01-04" source="usg"/>"#),
        person("P6", "Pedro Sol", #"<status value="detained" date="2015-01-02" source="ngo"/><status value="released" date="2015-01-05" source="usg"/>"#),
        person("P7", "Nora Paz", #"<status value="detained" date="2015-01-12" source="ngo"/>"#),
        person("P9", "Eva Luna", #"<status value="detained" date="2015-01-02" source="ngo"/><status value="released" date="2015-01-12" source="usg"/>"#),
    ].joined(separator: "\n")).replacingOccurrences(of: #"revision="2""#, with: #"revision="3""#)

    static func list(_ xml: String) throws -> PrisonerList {
        let result = check(xml)
        return try #require(result.list, "\(result.diagnostics)")
    }

    func summary(_ old: String = old, _ new: String = new, audience: Marking = .committee) throws -> [String] {
        let diff = ListDiff(oldList: try Self.list(old), newList: try Self.list(new), audience: audience)
        return DiffComposer(diff: diff).summaryBlocks().flatMap(Self.lines)
    }

    static func lines(_ block: Block) -> [String] {
        switch block {
        case .paragraph(let p): [p.plainText]
        case .bullets(let list): list.items.map(\.plainText)
        default: []
        }
    }

    @Test func eachMeaningIsToldWithThePersonsName() throws {
        let lines = try summary()
        let text = lines.joined(separator: "\n")
        #expect(lines.contains("2 people were released since the last briefing:"), "\(text)")
        #expect(lines.contains("Ana Pérez (P1): released on January 10, 2015 (previously detained)"), "\(text)")
        #expect(lines.contains("1 person was re-arrested since the last briefing:"), "\(text)")
        #expect(lines.contains("Luis Gómez (P2): re-arrested on January 11, 2015 (previously released)"), "\(text)")
        #expect(lines.contains("1 person was newly warned:"), "\(text)")
        #expect(lines.contains("Marta Ruiz (P3): warned of re-arrest on January 9, 2015"), "\(text)")
        #expect(lines.contains("Pedro Sol (P6): newly learned: released on January 5, 2015 (previously detained)"), "\(text)")
        #expect(lines.contains("1 person is newly on the list:"), "\(text)")
        #expect(lines.contains("Nora Paz (P7): detained as of January 12, 2015"), "\(text)")
        #expect(lines.contains("1 person is no longer on the list:"), "\(text)")
        #expect(lines.contains("Juan Mora (P8): no longer on the list"), "\(text)")
    }

    @Test func anOpenedAndAResolvedDisputeEachGetALine() throws {
        let lines = try summary()
        let text = lines.joined(separator: "\n")
        #expect(lines.contains("Sources now disagree about 1 person:"), "\(text)")
        #expect(lines.contains { $0 == "José Díaz (P4): one source says detained (January 8, 2015); another, released (January 8, 2015)" }, "\(text)")
        #expect(lines.contains("Sources now agree about 1 person they disagreed on:"), "\(text)")
        #expect(lines.contains("Rosa Vega (P5): sources now agree: released"), "\(text)")
    }

    @Test func aWithheldNameNeverAppears() throws {
        let withheld = { (xml: String) in xml.replacingOccurrences(of: #"<name marking="public">Ana Pérez</name>"#,
                                                                    with: #"<name marking="committee">Ana Pérez</name>"#) }
        let lines = try summary(withheld(Self.old), withheld(Self.new), audience: .public)
        let text = lines.joined(separator: "\n")
        #expect(!text.contains("Ana"), "\(text)")
        #expect(!text.contains("Pérez"), "\(text)")
        #expect(lines.contains("name withheld (P1): released on January 10, 2015 (previously detained)"), "\(text)")
        // Shown to the committee, the name marks its line.
        let diff = ListDiff(oldList: try Self.list(withheld(Self.old)), newList: try Self.list(withheld(Self.new)), audience: .committee)
        let items = DiffComposer(diff: diff).summaryBlocks().flatMap { block -> [Paragraph] in
            if case .bullets(let list) = block { return list.items }
            return []
        }
        let line = try #require(items.first { $0.plainText.hasPrefix("Ana Pérez (P1)") })
        #expect(line.marking == .committee)
    }

    @Test func sentencesAgreeInNumber() throws {
        let lines = try summary()
        #expect(lines.contains("2 people were released since the last briefing:"))
        #expect(lines.contains("1 person was re-arrested since the last briefing:"))
        let disagreeing = /(^|[^0-9])(1 (people|changes|earlier facts|were)|[02-9] (person|change|earlier fact|was)\b)/
        #expect(!lines.contains { $0.contains(disagreeing) }, "\(lines)")
        let one = try summary(Self.old, Self.old.replacingOccurrences(of: #"revision="2""#, with: #"revision="3""#))
        #expect(one.first?.hasSuffix("1 change; 0 happened since January 6, 2015, 0 newly learned about earlier events. The appendix lists every change by record.") == true,
                "\(one)")
    }

    @Test func datesReadInProseAndIdsAreCode() throws {
        let diff = ListDiff(oldList: try Self.list(Self.old), newList: try Self.list(Self.new), audience: .committee)
        let blocks = DiffComposer(diff: diff).summaryBlocks()
        let text = blocks.flatMap(Self.lines).joined(separator: "\n")
        #expect(text.hasPrefix("From revision 2 (facts as of January 6, 2015) to revision 3 (as of January 13, 2015): "), "\(text)")
        #expect(!text.contains("2015-01"), "\(text)")
        let inlines = blocks.flatMap { block -> [Inline] in
            switch block {
            case .paragraph(let p): p.content
            case .bullets(let list): list.items.flatMap(\.content)
            default: []
            }
        }
        #expect(inlines.contains(.date(try #require(Day(iso: "2015-01-10")))))
        #expect(inlines.contains(.code("P1")))
    }

    @Test func theTableIsAnAppendixOnANewPage() throws {
        let diff = ListDiff(oldList: try Self.list(Self.old), newList: try Self.list(Self.new), audience: .committee)
        let (summary, appendix) = diff.briefingParts()
        #expect(!summary.contains { if case .table = $0 { true } else { false } })
        let section = try #require(appendix)
        #expect(section.kind == .changeLog && section.startsOnNewPage && section.heading == "Appendix: changes by record")
        guard case .table(let table) = try #require(section.blocks.first) else {
            Issue.record("the appendix holds no table")
            return
        }
        #expect(table.kind == .changes && table.rows.count == diff.changes.count)
        // `brief diff` keeps one document: the summary, then the appendix.
        let document = DiffComposer(diff: diff).document(title: "t", date: diff.new.list.asOf)
        #expect(document.sections.map(\.kind) == [.changes, .changeLog])
        // Nothing changed: no appendix.
        let same = ListDiff(oldList: try Self.list(Self.old), newList: try Self.list(Self.old), audience: .committee)
        #expect(same.briefingParts().appendix == nil)
    }

    @Test func aLongCategorySaysHowManyMore() throws {
        let diff = ListDiff(oldList: try Self.list(Self.old), newList: try Self.list(Self.new), audience: .committee)
        var composer = DiffComposer(diff: diff)
        composer.itemLimit = 1
        let lines = composer.summaryBlocks().flatMap(Self.lines)
        #expect(lines.contains("and 1 more (the appendix lists every change)"), "\(lines)")
        #expect(!lines.contains { $0.hasPrefix("Eva Luna") })
    }

    @Test func theTerminalPrintsTheSummaryThenEveryChange() throws {
        let diff = ListDiff(oldList: try Self.list(Self.old), newList: try Self.list(Self.new), audience: .committee)
        let lines = DiffTerminalRenderer(color: false).render(DiffComposer(diff: diff).document(title: "t", date: diff.new.list.asOf))
            .split(separator: "\n").map(String.init)
        let summary = try #require(lines.firstIndex(of: "  (P) Ana Pérez (P1): released on January 10, 2015 (previously detained)"), "\(lines)")
        let row = try #require(lines.firstIndex(of: "(P) ~ P1 status changed status: detained → released (happened, January 10, 2015)"), "\(lines)")
        #expect(summary < row)
    }
}
