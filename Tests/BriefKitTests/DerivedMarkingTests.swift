@testable import BriefKit
import Testing

/// A portion mark covers everything a line was derived from, not only what it names: a copied `(P)` line must
/// be publishable.
@Suite struct DerivedMarkingTests {
    /// Two agreed records: one public, released per a public source; one committee, detained. A restricted source
    /// contradicts the public record's release.
    static let prisoners = """
      <prisoner id="P1" list="agreed" marking="public">
        <name>Ana Pérez</name>
        <status value="released" date="2015-01-10" source="usg" marking="public"/>
        <status value="detained" date="2015-01-11" source="cable"/>
      </prisoner>
      <prisoner id="P2" list="agreed" marking="committee">
        <name>Luis Soto</name>
        <status value="detained" date="2015-01-05" source="usg" marking="committee"/>
      </prisoner>
    """
    static let sources = #"<source id="usg" kind="government" marking="public">US officials</source><source id="cable" kind="other" marking="restricted">A cable</source>"#

    static func document(for audience: Marking) throws -> BriefDocument {
        let checked = check(listXML(rootMarking: "public", agreement: "", sources: sources,
                                    counts: #"<counts><count source="usg" date="2015-01-12" of="released">5</count></counts>"#,
                                    prisoners: prisoners))
        let list = try #require(checked.list, "\(checked.diagnostics)")
        let reconciliation = Reconciliation(edition: Edition(list: list, audience: audience))
        let context = BriefContext(briefID: "t", memo: nil, sections: nil, inputs: [], date: list.asOf)
        return BriefComposer(reconciliation: reconciliation, context: context).compose()
    }

    static func paragraph(_ document: BriefDocument, containing text: String) -> Paragraph? {
        for block in document.sections.flatMap(\.blocks) {
            switch block {
            case .paragraph(let paragraph) where paragraph.plainText.contains(text): return paragraph
            case .bullets(let list):
                if let item = list.items.first(where: { $0.plainText.contains(text) }) { return item }
            default: continue
            }
        }
        return nil
    }

    static func figureRow(_ document: BriefDocument, _ label: String) -> DataTable.Row? {
        for case .table(let table) in document.sections.flatMap(\.blocks) where table.kind == .figures {
            return table.rows.first { $0.cells.first?.plainText == label }
        }
        return nil
    }

    @Test func aFigureIsAsRestrictedAsTheRecordsItWasCountedAmong() throws {
        let committee = try Self.document(for: .committee)
        // "Re-arrested 0" counts no one, but says so of the committee record too.
        #expect(Self.figureRow(committee, "Re-arrested")?.marking == .committee)
        #expect(Self.figureRow(committee, "Released (out)")?.marking == .committee)
        // The discrepancy between the list's tally and the public source's count uses the tally.
        #expect(Self.paragraph(committee, containing: "the list counts")?.marking == .committee)
        let publicEdition = try Self.document(for: .public)
        #expect(Self.figureRow(publicEdition, "Released (out)")?.marking == .public)
    }

    @Test func aDisputeIsAsRestrictedAsTheClaimsThatMakeIt() throws {
        let restricted = try Self.document(for: .restricted)
        #expect(Self.paragraph(restricted, containing: "Sources contradict each other")?.marking == .restricted)
        // The reconciled statuses the summary counts were decided by the cable.
        #expect(Self.paragraph(restricted, containing: "This edition's list holds")?.marking == .restricted)
        // Without the restricted cable there is no dispute to mark.
        let committee = try Self.document(for: .committee)
        #expect(Self.paragraph(committee, containing: "Sources contradict each other") == nil)
    }

    @Test func aStatementThatNothingIsSoIsAsRestrictedAsEverythingItLookedAt() throws {
        // The committee edition: no dispute (the cable is withheld), but saying so looked at the committee record.
        let committee = try Self.document(for: .committee)
        #expect(Self.paragraph(committee, containing: "No two sources disagree")?.marking == .committee)
        let charts = committee.sections.first { $0.kind == .charts }?.blocks ?? []
        let timeline = charts.compactMap { block -> Chart? in
            if case .chart(let chart) = block, chart.id == "releases-over-time" { return chart }
            return nil
        }.first
        #expect(timeline?.marking == .committee, "how many are out is derived from every agreed record")
    }

    @Test func anIdChangeFoundByNameIsAsRestrictedAsTheNames() throws {
        let old = listXML(rootMarking: "public", prisoners: """
          <prisoner id="OLD" list="agreed" marking="public"><name marking="committee">Ana Pérez</name><born>1970</born>
            <status value="released" date="2015-01-10" source="usg"/></prisoner>
        """)
        let new = old.replacingOccurrences(of: "id=\"OLD\"", with: "id=\"NEW\"")
        let diff = ListDiff(oldList: try #require(check(old).list), newList: try #require(check(new).list), audience: .committee)
        let change = try #require(diff.changes.first { $0.kind == .idChanged })
        #expect(change.marking == .committee)
        let document = DiffComposer(diff: diff).document(title: "t", date: Day.epoch)
        #expect(document.banner == .committee)
        #expect(Self.paragraph(document, containing: "change")?.marking == .committee, "the summary counts every change")
    }
}
