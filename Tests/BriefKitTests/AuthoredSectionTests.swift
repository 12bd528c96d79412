import Foundation
import Testing
@testable import BriefKit

/// The staff's own sections (docs/format.md, "Authored sections"): live values follow the list, a paragraph is as
/// restricted as what it shows, and a reference to nothing is an error with its line and column.
@Suite struct AuthoredSectionTests {
    /// A manifest whose sections are the summary and one authored section holding `body`.
    static func manifest(_ body: String, extra: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <brief xmlns="urn:oversight:brief:1" id="t">
          <memo><to>Members</to><from>Staff</from><date>2015-01-13</date><subject>Test</subject>
            <contact>A. Staffer, (202) 555-0100</contact></memo>
          <audience>committee</audience>
          <list href="list.xml"/>
          \(extra)
          <sections><header/><summary/>
            <section><title marking="public">Staff assessment</title>
        \(body)
            </section>
          </sections>
        </brief>
        """
    }

    static let secondPrisoner = """
      <prisoner id="P2" list="agreed" marking="public">
        <name marking="public">Luis Gómez</name>
        <status value="released" date="2015-01-11" source="ngo"/>
      </prisoner>
    """

    /// A brief folder holding `manifest` and `list`.
    static func folder(manifest: String, list: String) throws -> URL {
        let folder = try temporaryFolder()
        try Data(manifest.utf8).write(to: folder.appendingPathComponent("brief.xml"))
        try Data(list.utf8).write(to: folder.appendingPathComponent("list.xml"))
        return folder
    }

    static func briefing(_ folder: URL, audience: Marking) throws -> Briefing {
        let inputs = try BriefInputs.resolve(folder.path, validator: Validator(schemas: sharedSchemas))
        #expect(!inputs.hasErrors, "\(inputs.report)")
        return try Briefing.make(inputs: inputs, audience: audience, date: nil)
    }

    static func staffSection(_ document: BriefDocument) -> Section? {
        document.sections.first { $0.kind == .authored }
    }

    static func paragraphs(_ section: Section?) -> [Paragraph] {
        (section?.blocks ?? []).flatMap { block -> [Paragraph] in
            switch block {
            case .paragraph(let p): [p]
            case .bullets(let list): list.items
            default: []
            }
        }
    }

    @Test func liveValuesFollowTheList() throws {
        let body = #"<p marking="public">We count <figure of="released"/> released; officials say <count source="usg" of="released"/><cite source="usg"/>, as of <date of="as-of"/>.</p>"#
        let one = try Self.folder(manifest: Self.manifest(body), list: listXML(rootMarking: "public"))
        defer { try? FileManager.default.removeItem(at: one) }
        let before = Self.paragraphs(Self.staffSection(try Self.briefing(one, audience: .committee).document))
        #expect(before.map(\.plainText) == ["We count 1 released; officials say 1[1], as of January 13, 2015."])

        // The list changes: one more release, a new count, a later date. The prose follows without an edit.
        let list = listXML(asOf: "2015-01-20", rootMarking: "public",
                           counts: #"<counts><count source="usg" date="2015-01-19" of="released">2</count></counts>"#,
                           prisoners: defaultPrisoner + Self.secondPrisoner)
        let two = try Self.folder(manifest: Self.manifest(body), list: list)
        defer { try? FileManager.default.removeItem(at: two) }
        let after = Self.paragraphs(Self.staffSection(try Self.briefing(two, audience: .committee).document))
        #expect(after.map(\.plainText) == ["We count 2 released; officials say 2[1], as of January 20, 2015."])
    }

    @Test func aCountShownIsTheSourcesLatestTheLastWrittenAmongEqualDates() throws {
        let counts = #"<counts><count source="usg" date="2015-01-12" of="released" marking="public">7</count>"#
            + #"<count source="usg" date="2015-01-05" of="released" marking="public">3</count>"#
            + #"<count source="usg" date="2015-01-12" of="released" marking="public">8</count></counts>"#
        let body = #"<p marking="public">Officials say <count source="usg" of="released"/>.</p>"#
        let folder = try Self.folder(manifest: Self.manifest(body), list: listXML(rootMarking: "public", counts: counts))
        defer { try? FileManager.default.removeItem(at: folder) }
        let shown = Self.paragraphs(Self.staffSection(try Self.briefing(folder, audience: .public).document))
        #expect(shown.map(\.plainText) == ["Officials say 8."])
    }

    @Test func aParagraphIsAsRestrictedAsTheValuesItShows() throws {
        // The count is committee (the list's default marking): the paragraph declared public is committee, and the
        // public edition leaves it out whole, in every format.
        let body = """
            <p marking="public">Public words only.</p>
            <p marking="public">SECRETCOUNT officials say <count source="usg" of="released"/>.</p>
            <p marking="committee">COMMITTEEWORDS here.</p>
            <ul><li marking="public">A public item naming <person ref="P1"/>.</li></ul>
            """
        let folder = try Self.folder(manifest: Self.manifest(body), list: listXML())
        defer { try? FileManager.default.removeItem(at: folder) }
        let committee = Self.paragraphs(Self.staffSection(try Self.briefing(folder, audience: .committee).document))
        #expect(committee.map(\.marking) == [.public, .committee, .committee, .committee])
        #expect(committee[3].plainText == "A public item naming Ana Pérez.", "the name is committee: so is the item")

        let outcome = try BriefBuilder(validator: Validator(schemas: sharedSchemas))
            .build(BuildRequest(path: folder.path, audience: .public, outputDirectory: folder.appendingPathComponent("out").path))
        #expect(outcome.succeeded)
        let publicParagraphs = Self.paragraphs(outcome.document.flatMap(Self.staffSection))
        #expect(publicParagraphs.map(\.plainText) == ["Public words only.", "A public item naming name withheld."])
        let texts = try OutputText.texts(of: outcome.written)
        #expect(texts.count >= 7)
        for (label, text) in texts {
            #expect(!text.contains("SECRETCOUNT") && !text.contains("COMMITTEEWORDS") && !text.contains("Ana Pérez"), "\(label)")
        }
    }

    @Test func aPersonWhoseNameIsWithheldIsNamedAsSuch() throws {
        let body = #"<p marking="public">The case of <person ref="P1"/> is open.</p>"#
        let list = listXML(rootMarking: "public")
        let folder = try Self.folder(manifest: Self.manifest(body), list: list)
        defer { try? FileManager.default.removeItem(at: folder) }
        // P1's record is public, its name committee: the public edition shows the record, not the name.
        let shown = Self.paragraphs(Self.staffSection(try Self.briefing(folder, audience: .public).document))
        #expect(shown.map(\.plainText) == ["The case of name withheld is open."])
        #expect(shown.map(\.marking) == [.public])
    }

    @Test func aSectionWithNothingLeftIsLeftOut() throws {
        let body = #"<heading marking="public">Detail</heading><p marking="committee">Only for the committee.</p>"#
        let folder = try Self.folder(manifest: Self.manifest(body), list: listXML())
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(Self.staffSection(try Self.briefing(folder, audience: .public).document) == nil)
        let committee = try #require(Self.staffSection(try Self.briefing(folder, audience: .committee).document))
        #expect(committee.heading == "Staff assessment" && committee.headingMarking == .public)
        #expect(committee.blocks.first == .heading(Heading(text: "Detail", marking: .public)))
    }

    @Test func mixedContentKeepsItsSpacesAndEmphasis() throws {
        let body = """
            <p marking="public">
              Staff   recommend <strong>two</strong> steps
              (<em>see</em> <a href="https://example.org/x">the record</a>).
            </p>
            <ol><li marking="public">First.</li><li marking="public">Second.</li></ol>
            """
        let folder = try Self.folder(manifest: Self.manifest(body), list: listXML())
        defer { try? FileManager.default.removeItem(at: folder) }
        let section = try #require(Self.staffSection(try Self.briefing(folder, audience: .committee).document))
        guard case .paragraph(let paragraph) = section.blocks[0] else { Issue.record("no paragraph"); return }
        #expect(paragraph.content == [.text("Staff recommend "), .strong("two"), .text(" steps ("), .emphasis("see"), .text(" "),
                                      .link(text: "the record", href: "https://example.org/x"), .text(").")])
        guard case .bullets(let list) = section.blocks[1] else { Issue.record("no list"); return }
        #expect(list.ordered && list.items.map(\.plainText) == ["First.", "Second."])
    }

    @Test(arguments: [
        (#"<p marking="public">See <cite source="nope"/>.</p>"#, "cites source 'nope', which the list does not have"),
        (#"<p marking="public">Case <person ref="P9"/>.</p>"#, "names person 'P9', who is not on the list"),
        (#"<p marking="public">They say <count source="ngo" of="warned"/>.</p>"#, "shows source 'ngo''s count of warned, but the list has no such count"),
        (#"<p marking="public">Since <date of="previous"/>.</p>"#, "shows the previous list's date, but the manifest names no previous list"),
    ])
    func aReferenceToNothingIsAnErrorAtItsAttribute(body: String, message: String) throws {
        let folder = try Self.folder(manifest: Self.manifest(body), list: listXML())
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try Validator(schemas: sharedSchemas).validate(paths: [folder.path])
        let diagnostic = try #require(report.files.flatMap(\.diagnostics).first { $0.rule == .authoredReference })
        #expect(diagnostic.message == message)
        #expect(diagnostic.severity == .error)
        // Line 10 of the manifest (the body's line), at the attribute that names nothing.
        #expect(diagnostic.line == 10)
        let attribute = try #require(diagnostic.sourceLine)
        let caret = attribute.unicodeScalars.dropFirst((diagnostic.caretColumn ?? diagnostic.column) - 1)
        #expect(["source", "ref", "of"].contains { String(String.UnicodeScalarView(caret)).hasPrefix($0) })
        // build refuses the brief the same way.
        let inputs = try BriefInputs.resolve(folder.path, validator: Validator(schemas: sharedSchemas))
        #expect(inputs.hasErrors)
    }

    @Test func onlyWebLinksAreValid() throws {
        let body = #"<p marking="public"><a href="javascript:alert(1)">x</a></p>"#
        let folder = try Self.folder(manifest: Self.manifest(body), list: listXML())
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try Validator(schemas: sharedSchemas).validate(paths: [folder.appendingPathComponent("brief.xml").path])
        #expect(report.files.first?.diagnostics.contains { $0.rule == .schema && $0.line == 10 } == true)
    }

    @Test func theHeaderNamesTheStaffContactAndDatesReadAsACommitteeWritesThem() throws {
        let folder = try Self.folder(manifest: Self.manifest(#"<p marking="public">x</p>"#), list: listXML())
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = try Self.briefing(folder, audience: .committee).document
        guard case .facts(let header)? = document.sections.first?.blocks.first else { Issue.record("no header"); return }
        #expect(header.rows.first { $0.label == "Staff contact" }?.value.plainText == "A. Staffer, (202) 555-0100")
        #expect(header.rows.first { $0.label == "Date" }?.value == [.date(Day(year: 2015, month: 1, day: 13)!)])
        #expect(header.rows.first { $0.label == "Date" }?.value.plainText == "January 13, 2015")
        #expect(header.rows.first { $0.label == "Date" }?.value.dataText == "2015-01-13")
    }

    @Test func theLetterheadImageMustBeAPNGInTheFolder() throws {
        let style = #"<style><letterhead><line>Office</line><image href="seal.png" description="Seal"/></letterhead><pageSize>a4</pageSize></style>"#
        let folder = try Self.folder(manifest: Self.manifest(#"<p marking="public">x</p>"#, extra: style), list: listXML())
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("not a png".utf8).write(to: folder.appendingPathComponent("seal.png"))
        let refused = try BriefInputs.resolve(folder.path, validator: Validator(schemas: sharedSchemas))
        #expect(refused.manifest?.diagnostics.contains { $0.rule == .manifestPath && $0.message.contains("not a PNG image") } == true)

        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("briefs/cuba-53/seal.png"),
                                         to: folder.appendingPathComponent("seal2.png"))
        let fixed = Self.manifest(#"<p marking="public">x</p>"#, extra: style.replacingOccurrences(of: "seal.png", with: "seal2.png"))
        try Data(fixed.utf8).write(to: folder.appendingPathComponent("brief.xml"))
        let style2 = try Self.briefing(folder, audience: .public).document.style
        #expect(style2.letterhead == ["Office"] && style2.pageSize == .a4)
        #expect(style2.letterheadImage?.pixelWidth == 96 && style2.letterheadImage?.description == "Seal")
    }
}

@Suite struct ProseTests {
    @Test func countriesTakeTheirArticle() {
        #expect(Prose.between(["United States", "Cuba"]) == "between the United States and Cuba")
        #expect(Prose.between(["Nicaragua", "United States"]) == "between Nicaragua and the United States")
        #expect(Prose.between(["the Holy See", "Cuba", "Venezuela"]) == "between the Holy See, Cuba and Venezuela")
        #expect(Prose.withArticle("Netherlands") == "the Netherlands")
        #expect(Prose.withArticle("Cuba") == "Cuba")
    }

    @Test func datesReadAsACommitteeWritesThem() {
        #expect(Day(year: 2015, month: 1, day: 13)?.prose == "January 13, 2015")
        #expect(Day(year: 2024, month: 12, day: 1)?.prose == "December 1, 2024")
        #expect([Inline.text("on "), .date(Day(year: 2015, month: 1, day: 2)!)].plainText == "on January 2, 2015")
        #expect([Inline.text("on "), .date(Day(year: 2015, month: 1, day: 2)!)].dataText == "on 2015-01-02")
    }
}
