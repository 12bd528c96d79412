@testable import BriefKit
import Foundation
import Testing

/// Every person's story: the free texts of a record reach the readable formats, under the edition's markings and
/// the de-identification rules.
@Suite struct PersonStoryTests {
    /// P1: a public record whose name is committee, with every kind of free text; P2: a public record with a public
    /// name and a committee warning; P3: a record with an id that needs spelling out in an anchor.
    static let prisoners = """
      <prisoner id="P1" list="agreed" marking="public">
        <name marking="committee">Ana Pérez</name>
        <alias marking="committee">La Maestra</alias>
        <gender>female</gender>
        <born>1970</born>
        <province>Holguín</province>
        <affiliation>Ladies in White</affiliation>
        <detention arrested="2012-03-01" facility="Prisión Kilo 8" sentence="P4Y6M">
          <charge>enemy propaganda</charge>
        </detention>
        <status value="released" date="2015-01-10" source="usg"/>
        <status value="detained" date="2014-12-01" source="ngo">Held in the punishment cell.</status>
        <condition kind="citizenship-revoked" since="2015-01-10" source="ngo">stripped of nationality</condition>
        <condition kind="reporting" since="2015-01-10" source="ngo" marking="committee">must report weekly to the police</condition>
        <warning kind="rearrest" date="2015-01-11" issuer="State Security" source="ngo">told to stop speaking to foreign press</warning>
        <warning kind="harassment" date="2015-01-12" issuer="Police chief Ramos" source="usg" marking="committee">visited at home at night</warning>
        <note marking="public">Her daughter keeps in touch with the committee.</note>
      </prisoner>
      <prisoner id="P2" list="requested" marking="public">
        <name marking="public">Luis Soto</name>
        <status value="rearrested" date="2015-01-05" source="ngo">Taken from his home again.</status>
        <status value="rearrested" date="2015-01-06" source="usg" marking="committee"/>
        <condition kind="parole" since="2014-12-01" source="ngo">parole words</condition>
        <condition kind="travel-ban" since="2014-01-01" until="2014-06-01" source="usg">an old ban</condition>
        <warning kind="other" date="2015-01-02" source="ngo">public words of a warning</warning>
        <warning kind="rearrest" date="2015-01-03" source="ngo" marking="committee">secret words of a warning</warning>
      </prisoner>
      <prisoner id="P3.a" list="other" marking="public">
        <name marking="public">Rosa Díaz</name>
        <status value="unconfirmed" date="2015-01-06" source="usg"/>
      </prisoner>
    """

    static func reconciliation(_ audience: Marking) throws -> Reconciliation {
        let checked = check(listXML(rootMarking: "public", agreement: "", counts: "", prisoners: prisoners))
        let list = try #require(checked.list, "\(checked.diagnostics)")
        return Reconciliation(edition: Edition(list: list, audience: audience))
    }

    /// Note numbers as the composer gives them: sources in list order.
    static func noteNumber(_ reconciliation: Reconciliation) -> (String) -> Int? {
        let numbers = Dictionary(uniqueKeysWithValues: reconciliation.edition.list.sources.enumerated().map { ($0.element.id, $0.offset + 1) })
        return { numbers[$0] }
    }

    static func story(_ id: String, _ audience: Marking) throws -> PersonStory {
        let reconciliation = try reconciliation(audience)
        let person = try #require(reconciliation.people.first { $0.prisoner.id == id })
        return PersonStory(person: person, edition: reconciliation.edition, noteNumber: noteNumber(reconciliation))
    }

    /// Every text the blocks show, dates both as prose and as ISO.
    static func texts(_ blocks: [Block]) -> [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .paragraph(let paragraph): [paragraph.plainText, paragraph.content.dataText]
            case .facts(let facts): [facts.caption] + facts.rows.flatMap { [$0.label, $0.value.plainText, $0.value.dataText] }
            case .table(let table): [table.caption] + table.columns.map(\.title) + table.rows.flatMap { $0.cells.flatMap { [$0.plainText, $0.dataText] } }
            case .chart(let chart): [chart.title, chart.description] + chart.points.map(\.label)
            case .bullets(let list): list.items.flatMap { [$0.plainText, $0.content.dataText] }
            case .heading(let heading): [heading.text]
            case .notes(let notes): notes.map(\.text)
            }
        }
    }

    /// The inline runs of the blocks: paragraphs, list items and fact values.
    static func inlines(_ blocks: [Block]) -> [[Inline]] {
        blocks.flatMap { block -> [[Inline]] in
            switch block {
            case .paragraph(let paragraph): [paragraph.content]
            case .facts(let facts): facts.rows.map(\.value)
            case .bullets(let list): list.items.map(\.content)
            default: []
            }
        }
    }

    static func joined(_ blocks: [Block]) -> String { texts(blocks).joined(separator: "\n") }

    static func items(_ blocks: [Block], after heading: String) -> [Paragraph] {
        guard let index = blocks.firstIndex(of: .heading(Heading(text: heading, marking: nil))), index + 1 < blocks.count,
              case .bullets(let list) = blocks[index + 1] else { return [] }
        return list.items
    }

    static func row(_ blocks: [Block], _ label: String) -> FactTable.Row? {
        for case .facts(let facts) in blocks {
            if let row = facts.rows.first(where: { $0.label == label }) { return row }
        }
        return nil
    }

    @Test func theCommitteeStoryHoldsEveryFreeTextOfTheRecord() throws {
        let story = try Self.story("P1", .committee)
        let text = story.section(startsOnNewPage: false).heading + "\n" + Self.joined(story.blocks(forCaseSheet: true))
        for expected in ["Ana Pérez", "La Maestra", "1970", "Holguín", "Ladies in White", "Prisión Kilo 8", "4 years 6 months", "enemy propaganda",
                         "Held in the punishment cell.", "stripped of nationality", "must report weekly to the police",
                         "told to stop speaking to foreign press", "State Security", "visited at home at night", "Police chief Ramos",
                         "Her daughter keeps in touch with the committee.", "March 1, 2012", "Stripped of citizenship", "Warned of re-arrest"] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
    }

    @Test func aPublicStoryOfACommitteeNameShowsNeitherTheNameNorAnyIdentifyingDetail() throws {
        let story = try Self.story("P1", .public)
        let section = story.section(startsOnNewPage: false)
        let people = PersonStory.peopleSection(reconciliation: try Self.reconciliation(.public), noteNumber: { _ in 1 })
        let text = ([section.heading, people.heading] + Self.texts(section.blocks) + Self.texts(people.blocks)).joined(separator: "\n")
        for secret in ["Ana", "Pérez", "La Maestra", "1970", "Ladies in White", "Prisión Kilo 8", "enemy propaganda", "4 years", "P4Y6M",
                       "2012", "punishment cell", "stripped of nationality", "must report", "told to stop", "visited at home", "Ramos",
                       "Her daughter", Edition.identifyingDetailsWithheld] {
            #expect(!text.contains(secret), "leaked: \(secret)")
        }
        #expect(text.lowercased().contains("name withheld"))
        #expect(text.contains("Identifying details are withheld in this edition"))
        // What the edition keeps: kinds, dates, issuers and sources of the public claims.
        #expect(text.contains("Stripped of citizenship"))
        #expect(text.contains("Warned of re-arrest on January 11, 2015, by State Security"))
        let withheld = try #require(story.blocks(forCaseSheet: true).first)
        #expect(withheld.marking == .public)
    }

    @Test func aCommitteeWarningNeverAppearsInAPublicStory() throws {
        let publicText = Self.joined(try Self.story("P2", .public).blocks(forCaseSheet: true))
        #expect(publicText.contains("public words of a warning"))
        #expect(!publicText.contains("secret words"))
        #expect(!publicText.contains("Warned of re-arrest"), "the committee warning's kind is withheld too")
        let committeeText = Self.joined(try Self.story("P2", .committee).blocks(forCaseSheet: true))
        #expect(committeeText.contains("secret words of a warning"))
    }

    @Test func eachLineIsMarkedByWhatItShows() throws {
        let story = try Self.story("P1", .committee)
        let blocks = story.blocks(forCaseSheet: true)
        let claims = story.person.prisoner
        #expect(Self.row(blocks, "ID")?.marking == .public)
        #expect(Self.row(blocks, "Name") == nil, "the name is the sheet's heading")
        #expect(story.section(startsOnNewPage: false).headingMarking == .committee)
        #expect(Self.row(blocks, "Alias")?.marking == .committee)
        #expect(Self.row(blocks, "Born")?.marking == .public)
        #expect(Self.row(blocks, "Status")?.marking == story.person.statusMarking)
        // Oldest first, each marked by its claim.
        let timeline = Self.items(blocks, after: "Status history")
        #expect(timeline.map(\.marking) == [claims.statuses[1].marking, claims.statuses[0].marking])
        #expect(timeline.first?.plainText.hasPrefix("December 1, 2014: detained") == true)
        #expect(Self.items(blocks, after: "Conditions and measures").map(\.marking) == claims.conditions.map(\.marking))
        #expect(claims.conditions.map(\.marking) == [.public, .committee])
        #expect(Self.items(blocks, after: "Warnings").map(\.marking) == claims.warnings.map(\.marking))
        #expect(Self.items(blocks, after: "Notes").map(\.marking) == [.public])
        // Generated subheadings carry no portion mark.
        for case .heading(let heading) in blocks { #expect(heading.marking == nil) }
    }

    @Test func aConditionOfReleaseIsInForceOnlyForSomeoneOut() throws {
        let blocks = try Self.story("P1", .committee).blocks(forCaseSheet: true)
        let conditions = Self.items(blocks, after: "Conditions and measures").map(\.plainText)
        #expect(conditions == [
            "Stripped of citizenship, since January 10, 2015; in force as of January 13, 2015: stripped of nationality [2]",
            "Reporting to the authorities, since January 10, 2015; in force as of January 13, 2015: must report weekly to the police [2]",
        ])
        // P2 is in custody: the parole is not in force, which the committee status claim decides; the old ban ended.
        let custody = try Self.story("P2", .committee).blocks(forCaseSheet: true)
        let items = Self.items(custody, after: "Conditions and measures")
        #expect(items.map(\.plainText) == [
            "Parole, since December 1, 2014; not in force while in custody as of January 13, 2015: parole words [2]",
            "Travel ban, from January 1, 2014, to June 1, 2014; ended as of January 13, 2015: an old ban [1]",
        ])
        #expect(items.map(\.marking) == [.committee, .public])
    }

    @Test func datesAreDatesAndNoISODateReadsAsProse() throws {
        let blocks = try Self.story("P1", .committee).blocks(forCaseSheet: true)
        #expect(Self.row(blocks, "Released")?.value == [.date(try #require(Day(iso: "2015-01-10")))])
        #expect(Self.row(blocks, "Arrested")?.value == [.date(try #require(Day(iso: "2012-03-01")))])
        #expect(Self.row(blocks, "ID")?.value == [.code("P1")])
        let timeline = Self.items(blocks, after: "Status history")
        #expect(timeline.first?.content.first == .date(try #require(Day(iso: "2014-12-01"))))
        let prose = Self.inlines(blocks).map(\.plainText).joined(separator: "\n")
        #expect(prose.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil)
        #expect(!prose.contains("rearrested"))
    }

    @Test(arguments: [
        ("P4Y6M", "4 years 6 months"), ("P1Y", "1 year"), ("P18M", "18 months"), ("P2Y1D", "2 years 1 day"), ("P3W", "3 weeks"),
        ("PT36H", "36 hours"), ("P1DT12H", "1 day 12 hours"), ("P05Y", "5 years"), ("PT1.5S", "1.5 seconds"),
        // Not read: shown as written.
        ("P", "P"), ("PT", "PT"), ("P1.5Y", "P1.5Y"), ("P6M4Y", "P6M4Y"), ("-P1Y", "-P1Y"), ("4 years", "4 years"), ("P1YT", "P1YT"),
    ])
    func aSentenceReadsInWords(duration: String, words: String) {
        #expect(PersonStory.sentenceWords(duration) == words)
    }

    @Test func aCaseSheetIsHeadedByTheNameAndMarkedAsTheName() throws {
        let committee = try Self.story("P1", .committee).section(startsOnNewPage: true)
        #expect(committee.kind == .caseSheet)
        #expect(committee.heading == "Ana Pérez")
        #expect(committee.headingMarking == .committee)
        #expect(committee.anchor == "person-p1")
        #expect(committee.startsOnNewPage)
        let withheld = try Self.story("P1", .public).section(startsOnNewPage: false)
        #expect(withheld.heading == "Name withheld (P1)")
        #expect(withheld.headingMarking == .public)
        #expect(!withheld.startsOnNewPage)
        #expect(try Self.story("P3.a", .public).section(startsOnNewPage: false).anchor == "person--p3-0-a")
    }

    @Test func anchorsAreOfTheirAlphabetAndNeverShared() {
        let ids = ["CU-001", "CU-1", "CU.1", "CU_1", "cu-1", "Cu-1", "CU--1", "CU-0", "C-0", "c.0", "c0", "C0"]
        let anchors = ids.map(PersonStory.anchor(forID:))
        #expect(Set(anchors).count == ids.count, "\(anchors)")
        for anchor in anchors {
            #expect(anchor.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, "\(anchor)")
        }
        #expect(PersonStory.anchor(forID: "CU-001") == "person-cu-001")
    }

    @Test func thePeopleSectionTellsEachStoryInListOrder() throws {
        let section = PersonStory.peopleSection(reconciliation: try Self.reconciliation(.committee), noteNumber: { _ in nil })
        #expect(section.kind == .people)
        #expect(section.heading == "People")
        let headings = section.blocks.compactMap { block -> Heading? in
            if case .heading(let heading) = block, heading.marking != nil { return heading }
            return nil
        }
        #expect(headings == [Heading(text: "Ana Pérez (P1)", marking: .committee), Heading(text: "Luis Soto (P2)", marking: .public),
                             Heading(text: "Rosa Díaz (P3.a)", marking: .public)])
        #expect(section.blocks.flatMap(\.citations).isEmpty, "no note, no citation")
        #expect(Self.row(section.blocks, "ID") == nil, "the heading holds the id")
    }

    /// The example list's stories, printed for reading (`swift test --filter PersonStoryTests` shows them).
    @Test func theExampleListReadsWell() throws {
        let xml = try String(contentsOf: Repository.root.appendingPathComponent("briefs/cuba-53/list.xml"), encoding: .utf8)
        let checked = check(xml, name: "list.xml")
        let list = try #require(checked.list, "\(checked.diagnostics)")
        let reconciliation = Reconciliation(edition: Edition(list: list, audience: .restricted))
        let noteNumber = Self.noteNumber(reconciliation)
        var printed = ""
        for person in reconciliation.people.prefix(6) {
            let section = PersonStory(person: person, edition: reconciliation.edition, noteNumber: noteNumber).section(startsOnNewPage: true)
            printed += "== \(section.heading) [\(section.anchor)]\n"
            for block in section.blocks {
                switch block {
                case .heading(let heading): printed += "-- \(heading.text)\n"
                case .facts(let facts): for row in facts.rows { printed += "\(row.marking.portionMark) \(row.label): \(row.value.plainText)\n" }
                case .bullets(let list): for item in list.items { printed += "\(item.marking.portionMark) • \(item.plainText)\n" }
                case .paragraph(let paragraph): printed += "\(paragraph.marking.portionMark) \(paragraph.plainText)\n"
                default: printed += "\(block)\n"
                }
            }
        }
        print(printed)
        #expect(printed.contains("Must report weekly to the local police station."))
        #expect(printed.contains("5 years 6 months"))
        #expect(printed.contains("Warned of re-arrest on January 2, 2015, by State Security: “Warned they would be re-arrested if they continued opposition activities.”"))
    }
}
