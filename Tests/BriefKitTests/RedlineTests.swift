import Foundation
import Testing
@testable import BriefKit

/// `brief diff` of two briefs: the briefings compared as a redline (docs/diff.md, "Redlines").
@Suite struct RedlineTests {
    // MARK: Words

    @Test func aChangedPhraseIsOneDeletionThenOneInsertion() {
        let redline = WordDiff.redline([.text("three of five were freed")], [.text("four of six were freed")])
        #expect(redline == [.revision(.deletion, [.text("three of five")]), .revision(.insertion, [.text("four of six")]), .text(" were freed")])
        #expect(redline.side(.deletion).plainText == "three of five were freed")
        #expect(redline.side(.insertion).plainText == "four of six were freed")
    }

    @Test func equalContentComesBackUnmarked() throws {
        let content: [Inline] = [.text("As of "), .date(try #require(Day(year: 2015, month: 1, day: 13))), .citation(2)]
        #expect(WordDiff.redline(content, content) == content)
        #expect(!WordDiff.redline(content, content).hasRevisions)
    }

    @Test func citationsAndDatesAreWholeTokens() {
        let redline = WordDiff.redline([.text("freed "), .citation(1)], [.text("freed "), .citation(2)])
        #expect(redline == [.text("freed "), .revision(.deletion, [.citation(1)]), .revision(.insertion, [.citation(2)])])
    }

    @Test func similarityCountsSharedWords() {
        #expect(WordDiff.similarity([.text("a b c d")], [.text("a b c d")]) == 1)
        #expect(WordDiff.similarity([.text("a b c d")], [.text("w x y z")]) == 0)
        #expect(WordDiff.similarity([.text("a b c d")], [.text("a b x y")]) == 0.5)
    }

    @Test func rowsAreMatchedByKeyInTheNewerOrder() {
        let keyed = RedlineComposer.keyed(["A", "B", "C"], ["A", "C", "D"])
        let described = keyed.map { pair -> String in
            switch pair {
            case .both(let i, let j): "=\(i)\(j)"
            case .old(let i): "-\(i)"
            case .new(let j): "+\(j)"
            }
        }
        #expect(described == ["=00", "-1", "=21", "+2"])
    }

    // MARK: Briefs

    static let secondPrisoner = """
      <prisoner id="P2" list="agreed" marking="public">
        <name marking="public">Luis Gómez</name>
        <status value="detained" date="2015-01-05" source="ngo"/>
      </prisoner>
    """

    static let secondPrisonerReleased = """
      <prisoner id="P2" list="agreed" marking="public">
        <name marking="public">Luis Gómez</name>
        <status value="detained" date="2015-01-05" source="ngo"/>
        <status value="released" date="2015-01-11" source="ngo"/>
      </prisoner>
    """

    static func manifest(date: String, recommendation: String, committeeNote: String, before: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <brief xmlns="urn:oversight:brief:1" id="t">
          <memo><to>Members</to><from>Staff</from><date>\(date)</date><subject>Test</subject></memo>
          <audience>committee</audience>
          <list href="list.xml"/>
          <sections><header/><summary/>
            \(before)
            <section><title marking="public">Staff assessment</title>
              <p marking="public">\(recommendation)</p>
              <p marking="committee">Committee note: \(committeeNote)</p>
            </section>
            <figures/><prisoners/><sources/>
          </sections>
        </brief>
        """
    }

    /// The older brief, and the newer one with a prose edit (an inserted "urgent"), a committee paragraph's word
    /// changed (ALPHAOLD → BRAVONEW) and P2 released, which moves "Released (out)" from 1 to 2.
    static func briefs() throws -> (old: URL, new: URL) {
        let old = try AuthoredSectionTests.folder(
            manifest: manifest(date: "2015-01-13", recommendation: "Staff recommend a hearing.", committeeNote: "ALPHAOLD"),
            list: listXML(prisoners: defaultPrisoner + secondPrisoner))
        let new = try AuthoredSectionTests.folder(
            manifest: manifest(date: "2015-01-13", recommendation: "Staff recommend an urgent hearing.", committeeNote: "BRAVONEW"),
            list: listXML(prisoners: defaultPrisoner + secondPrisonerReleased))
        return (old, new)
    }

    /// The redline in a format, as text: a Word file's document part, a PDF's extracted text.
    static func redline(_ old: URL, _ new: URL, format: String, audience: String = "committee") throws -> String {
        let folder = try temporaryFolder()
        let output = folder.appendingPathComponent("redline.\(format)").path
        let run = try runBrief(["diff", old.path, new.path, "--format", format, "--audience", audience, "--full", "--output", output])
        #expect(run.status == 0, "\(format): \(run.stderr)")
        switch format {
        case "docx": return try runTool("/usr/bin/unzip", ["-p", output, "word/document.xml"]).output
        case "pdf": return try runTool("/usr/bin/pdftotext", ["-enc", "UTF-8", output, "-"]).output
        default: return try String(contentsOfFile: output, encoding: .utf8)
        }
    }

    static let formats = ["html", "md", "text", "json", "docx", "pdf"]

    static func occurrences(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test(arguments: formats)
    func aProseEditAppearsOnceMarkedAsInserted(format: String) throws {
        let (old, new) = try Self.briefs()
        let text = try Self.redline(old, new, format: format)
        #expect(Self.occurrences("urgent", in: text) == 1, "\(format)")
        switch format {
        case "html", "md": #expect(text.contains("recommend <del>a</del><ins>an urgent</ins> hearing"), "\(format)")
        case "text": #expect(text.contains("recommend [-a-]{+an urgent+} hearing"))
        case "docx":
            #expect(text.contains("<w:delText>a</w:delText>") && text.contains(">an urgent</w:t>"))
            #expect(text.contains("<w:ins w:id=") && text.contains("w:author=\"brief\" w:date=\"2015-01-13T00:00:00Z\""))
        default: break
        }
    }

    @Test(arguments: formats)
    func aFigureMoveAndAStatusChangeAreShown(format: String) throws {
        let (old, new) = try Self.briefs()
        let text = try Self.redline(old, new, format: format)
        if format == "json" {
            let export = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            let summary = export?["summary"] as? [String: Any]
            let moves = summary?["figureMoves"] as? [[String: Any]]
            #expect(moves?.contains { $0["label"] as? String == "Released (out)" && $0["old"] as? String == "1" && $0["new"] as? String == "2" } == true)
            let people = summary?["people"] as? [String: Int]
            #expect(people?["changed"] == 1)
        } else {
            #expect(text.contains("Released (out): 1 → 2"), "\(format)")
            // P2's row: its status deleted and inserted.
            #expect(text.contains("Luis Gómez"), "\(format)")
        }
    }

    @Test(arguments: formats)
    func aCommitteeChangeNeverReachesAPublicRedline(format: String) throws {
        let (old, new) = try Self.briefs()
        let committee = try Self.redline(old, new, format: format)
        #expect(Self.occurrences("ALPHAOLD", in: committee) == 1, "\(format)")
        #expect(Self.occurrences("BRAVONEW", in: committee) == 1, "\(format)")
        let published = try Self.redline(old, new, format: format, audience: "public")
        #expect(!published.contains("ALPHAOLD") && !published.contains("BRAVONEW") && !published.contains("Committee note"), "\(format)")
    }

    @Test func aChangeOnlyTheCommitteeSeesIsNoChangeToThePublic() throws {
        let (old, _) = try Self.briefs()
        let new = try AuthoredSectionTests.folder(
            manifest: Self.manifest(date: "2015-01-13", recommendation: "Staff recommend a hearing.", committeeNote: "BRAVONEW"),
            list: listXML(prisoners: defaultPrisoner + Self.secondPrisoner))
        #expect(try runBrief(["diff", old.path, new.path, "--audience", "public", "--exit-code"]).status == 0)
        #expect(try runBrief(["diff", old.path, new.path, "--audience", "committee", "--exit-code"]).status == 1)
    }

    @Test func theSameBriefReindentedIsAnEmptyRedline() throws {
        let (old, _) = try Self.briefs()
        let copy = try temporaryFolder()
        for name in ["brief.xml", "list.xml"] {
            let text = try String(contentsOf: old.appendingPathComponent(name), encoding: .utf8)
            // Re-indented: every line's leading spaces doubled, and the list's prisoners' lines too.
            let reindented = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in String(line.prefix { $0 == " " }) + line }.joined(separator: "\n")
            try Data(reindented.utf8).write(to: copy.appendingPathComponent(name))
        }
        let run = try runBrief(["diff", old.path, copy.path, "--exit-code", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let export = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect((export?["changes"] as? [Any])?.isEmpty == true)
        let human = try runBrief(["diff", old.path, copy.path])
        #expect(human.stdout.contains("No change"))
        let (_, new) = try Self.briefs()
        #expect(try runBrief(["diff", old.path, new.path, "--exit-code"]).status == 1)
    }

    @Test func aSectionAddedBeforeAnotherIsInsertedWholeAndTheOtherIsUnchanged() throws {
        let (old, _) = try Self.briefs()
        let new = try AuthoredSectionTests.folder(
            manifest: Self.manifest(date: "2015-01-13", recommendation: "Staff recommend a hearing.", committeeNote: "ALPHAOLD",
                                    before: #"<section><title marking="public">Context for Members</title><p marking="public">Background first.</p></section>"#),
            list: listXML(prisoners: defaultPrisoner + Self.secondPrisoner))
        let run = try runBrief(["diff", old.path, new.path, "--format", "json"])
        let export = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let changes = try #require(export["changes"] as? [[String: Any]])
        #expect(changes.contains { $0["kind"] as? String == "section" && $0["change"] as? String == "added" && $0["new"] as? String == "Context for Members" })
        #expect(!changes.contains { $0["section"] as? String == "Staff assessment" }, "\(changes)")
    }

    @Test func wordTrackedChangesMarkWholeRowsAndParagraphs() throws {
        let (old, new) = try Self.briefs()
        let document = try Self.redline(old, new, format: "docx")
        // A deleted run's text is w:delText, never w:t, and every change has an id, the author and the new date.
        let deletions = document.components(separatedBy: "<w:del ").dropFirst()
        #expect(!deletions.isEmpty)
        for deletion in deletions {
            let body = deletion.components(separatedBy: "</w:del>")[0]
            #expect(!body.contains("<w:t>") && !body.contains("<w:t "))
        }
        #expect(!document.contains("w:author=\"brief\" w:date=\"\"") && document.contains("w:date=\"2015-01-13T00:00:00Z\""))
        let ids = document.matches(of: /<w:(?:ins|del|bookmarkStart) w:id="(\d+)"/).map { String($0.output.1) }
        #expect(Set(ids).count == ids.count, "tracked-change and bookmark ids are unique")
    }

    @Test func theExampleHistoryGivesARedline() throws {
        let old = Repository.root.appendingPathComponent("briefs/cuba-53/history/brief-r2.xml").path
        let new = Repository.root.appendingPathComponent("briefs/cuba-53").path
        let run = try runBrief(["diff", old, new])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Released (out): 22 → 53"))
        #expect(run.stdout.contains("[-January 6, 2015-]{+January 13, 2015+}"))
        #expect(run.stdout.contains("STAFF ASSESSMENT"))
        // Lists of two briefs are still compared record by record with --lists.
        let lists = try runBrief(["diff", old, new, "--lists"])
        #expect(lists.status == 0 && lists.stdout.contains("CU-044"))
    }

    @Test func binaryFormatsNeedAnOutputFile() throws {
        let run = try runBrief(["diff", "briefs/cuba-53/history/brief-r2.xml", "briefs/cuba-53", "--format", "docx"],
                               in: Repository.root.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--output"))
    }
}
