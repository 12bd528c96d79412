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

    /// The document of a list holding `prisoners` (sources `usg` and `ngo`, both public; a public root), cut to `audience`.
    static func document(prisoners: String, counts: String = "", audience: Marking) throws -> BriefDocument {
        let checked = check(listXML(rootMarking: "public", agreement: "", counts: counts, prisoners: prisoners))
        let list = try #require(checked.list, "\(checked.diagnostics)")
        let reconciliation = Reconciliation(edition: Edition(list: list, audience: audience))
        let context = BriefContext(briefID: "t", memo: nil, sections: nil, inputs: [], date: list.asOf)
        return BriefComposer(reconciliation: reconciliation, context: context).compose()
    }

    /// The attack of issue 12: a public latest count of 53 and an older committee count of 99 made a `(P)` line
    /// that ranges "from 1 to 99". The range now spans each source's latest claim (issue 13: the 99 is history, "99,
    /// corrected to 53"), and the line shows the superseded claim, so its mark still covers every claim.
    @Test func aRangeIsAsRestrictedAsEveryClaimItSpans() throws {
        let counts = """
            <counts><count source="usg" date="2015-01-12" of="released" marking="public">53</count>
            <count source="usg" date="2015-01-05" of="released" marking="committee">99</count></counts>
            """
        let prisoners = """
              <prisoner id="P1" list="agreed" marking="public"><name>Ana Pérez</name>
                <status value="released" date="2015-01-10" source="usg"/></prisoner>
            """
        let committee = try Self.document(prisoners: prisoners, counts: counts, audience: .committee)
        let line = try #require(Self.paragraph(committee, containing: "ranges from 1 to 53"))
        #expect(line.plainText.contains("53 (US officials, January 12, 2015, correcting 99 of January 5, 2015)"))
        #expect(line.marking == .committee)
        #expect(Self.figureRow(committee, "Released (out)")?.marking == .committee, "the row shows the 99 as history")
        // Without the committee claim the range is 1–53, and public.
        let publicEdition = try Self.document(prisoners: prisoners, counts: counts, audience: .public)
        #expect(Self.paragraph(publicEdition, containing: "ranges from 1 to 53")?.marking == .public)
        #expect(Self.figureRow(publicEdition, "Released (out)")?.marking == .public)
    }

    /// The lines of issue 12 that a committee edition marked `(P)` although they were computed over a committee
    /// record: each says something of every record that could have held what it counts or finds missing.
    @Test func anAbsenceIsAsRestrictedAsEveryRecordThatCouldHaveHeldIt() throws {
        let prisoners = """
              <prisoner id="P1" list="agreed" marking="public"><name>Ana Pérez</name>
                <status value="released" date="2015-01-10" source="usg"/>
                <status value="detained" date="2015-01-11" source="ngo"/></prisoner>
              <prisoner id="P2" list="agreed" marking="committee"><name>Luis Soto</name>
                <status value="detained" date="2015-01-05" source="usg"/></prisoner>
            """
        let committee = try Self.document(prisoners: prisoners, audience: .committee)
        for text in ["Sources contradict each other about 1 person", "No condition of release is in force",
                     "No one in this edition is recorded as warned", "No requested or other case"] {
            let line = try #require(Self.paragraph(committee, containing: text), "\(text)")
            #expect(line.marking == .committee, "\(text)")
        }
        // The public edition holds P1 alone: the same lines, derived from public records only.
        let publicEdition = try Self.document(prisoners: prisoners, audience: .public)
        for text in ["Sources contradict each other about 1 person", "No condition of release is in force",
                     "No one in this edition is recorded as warned", "No requested or other case"] {
            #expect(Self.paragraph(publicEdition, containing: text)?.marking == .public, "\(text)")
        }
    }

    /// Which records are on the agreed list is read from every record: a count of the agreed list, and every figure
    /// and chart of it, says of a committee `other` case that it is not agreed.
    @Test func aCountOfTheAgreedListIsAsRestrictedAsEveryRecord() throws {
        let prisoners = """
              <prisoner id="P1" list="agreed" marking="public"><name>Ana Pérez</name>
                <status value="released" date="2015-01-10" source="usg"/></prisoner>
              <prisoner id="P2" list="other" marking="committee"><name>Luis Soto</name>
                <status value="detained" date="2015-01-05" source="usg"/>
                <condition kind="parole" source="usg">On parole.</condition>
                <warning kind="harassment" source="usg">Followed.</warning></prisoner>
            """
        let committee = try Self.document(prisoners: prisoners, audience: .committee)
        #expect(Self.paragraph(committee, containing: "This edition's list holds 1 person")?.marking == .committee)
        for label in ["On the agreed list", "Released (out)", "Released under conditions", "Warned of re-arrest"] {
            #expect(Self.figureRow(committee, label)?.marking == .committee, "\(label)")
        }
        let charts = committee.sections.first { $0.kind == .charts }?.blocks ?? []
        for case .chart(let chart) in charts { #expect(chart.marking == .committee, "\(chart.id)") }
    }

    /// What an edition withholds is counted over every portion: in a committee edition, "withholds 1 record" says
    /// how many of the records above public are restricted, which a public reader may not learn.
    @Test func aCountOfWhatIsWithheldIsAsRestrictedAsWhatItWasCountedAmong() throws {
        let prisoners = """
              <prisoner id="P1" list="agreed" marking="public"><name>Ana Pérez</name>
                <status value="released" date="2015-01-10" source="usg"/></prisoner>
              <prisoner id="P2" list="agreed" marking="committee"><name>Luis Soto</name>
                <status value="detained" date="2015-01-05" source="usg"/></prisoner>
              <prisoner id="P3" list="agreed" marking="restricted"><name>Eva Ruiz</name>
                <status value="detained" date="2015-01-05" source="usg"/></prisoner>
            """
        let committee = try Self.document(prisoners: prisoners, audience: .committee)
        #expect(Self.paragraph(committee, containing: "edition withholds 1 record entirely")?.marking == .committee)
        #expect(Self.paragraph(committee, containing: "1 record withheld from this edition")?.marking == .committee)
        // A committee edition holding public portions only withholds exactly what the public edition withholds.
        let onlyPublic = """
              <prisoner id="P1" list="agreed" marking="public"><name>Ana Pérez</name>
                <status value="released" date="2015-01-10" source="usg"/></prisoner>
              <prisoner id="P3" list="agreed" marking="restricted"><name>Eva Ruiz</name>
                <status value="detained" date="2015-01-05" source="usg"/></prisoner>
            """
        let plain = try Self.document(prisoners: onlyPublic, audience: .committee)
        #expect(Self.paragraph(plain, containing: "edition withholds 1 record entirely")?.marking == .public)
        #expect(plain.banner == .public)
    }

    /// "No change" compares everything both editions hold.
    @Test func aDiffThatFindsNoChangeIsAsRestrictedAsWhatItCompared() throws {
        let list = try #require(check(listXML(rootMarking: "committee")).list)
        let diff = ListDiff(oldList: list, newList: list, audience: .committee)
        #expect(diff.isEmpty)
        let document = DiffComposer(diff: diff).document(title: "t", date: Day.epoch)
        #expect(Self.paragraph(document, containing: "no change")?.marking == .committee)
        #expect(document.banner == .committee)
        let publicDiff = ListDiff(oldList: list, newList: list, audience: .public)
        #expect(DiffComposer(diff: publicDiff).document(title: "t", date: Day.epoch).banner == .public)
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
