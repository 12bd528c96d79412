@testable import BriefKit
import Foundation
import Testing

// An edition that withholds a person's name withholds what identifies the person too (docs/briefing.md,
// "Identifying details"): a birth year, an organisation, an arrest date and a prison name together name someone as
// surely as the name does. These tests build the attack of issue 12's item 14 — a public record whose name is marked
// committee — and look for every identifying detail in every output of the public edition and its diff.

/// The outputs of a build or a diff as text, and the search for strings in them.
enum OutputText {
    /// Each output file as text to search, keyed by a label: the file's bytes; for DOCX, every part and the text of
    /// its runs; for PDF, `pdftotext` in two modes and the raw bytes.
    static func texts(of written: [String]) throws -> [String: String] {
        var texts: [String: String] = [:]
        for path in written {
            // Case sheets are texts of their own: "case-sheets html".
            let prefix = path.contains(".case-sheets.") ? "case-sheets " : ""
            let format = (path as NSString).pathExtension
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            switch format {
            case "docx":
                for (part, data) in try PropScan.docxParts(path) {
                    texts[prefix + "docx \(part)"] = String(decoding: data, as: UTF8.self)
                    if part.hasSuffix(".xml") { texts[prefix + "docx text \(part)"] = PropScan.docxText(data) }
                }
            case "pdf":
                texts[prefix + "pdf text"] = try PropScan.pdfText(path, mode: "-layout")
                texts[prefix + "pdf raw text"] = try PropScan.pdfText(path, mode: "-raw")
                texts[prefix + "pdf bytes"] = String(decoding: bytes.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
            default:
                texts[prefix + format] = String(decoding: bytes, as: UTF8.self)
            }
        }
        return texts
    }

    /// `text` without whitespace: finds a string a writer wrapped across lines.
    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{0}" }.map(Character.init))
    }

    /// Whether `text` holds `needle` (also wrapped across lines).
    static func holds(_ text: String, _ needle: String) -> Bool {
        text.contains(needle) || squeezed(text).contains(needle)
    }

    /// Whether `text` holds `number` standing alone: not inside a longer number, word or decimal.
    static func holdsNumber(_ text: String, _ number: String) -> Bool {
        var rest = text[...]
        while let range = rest.range(of: number) {
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            if !(before.isLetter || before.isNumber || before == "." || after.isLetter || after.isNumber || after == ".") { return true }
            rest = text[range.upperBound...]
        }
        return false
    }

    /// Texts that show a document's words (not raw XML parts or PDF bytes, where numbers are also coordinates).
    static func isWording(_ label: String) -> Bool {
        !label.hasPrefix("docx word") && !label.hasPrefix("docx [") && !label.hasPrefix("docx _") && !label.hasPrefix("docx docProps")
            && label != "pdf bytes"
    }
}

@Suite struct IdentifyingDetailsTests {
    /// A public record whose name is marked committee, with a distinctive value in every identifying field.
    static let record = """
      <prisoner id="P-1" list="agreed" marking="public">
        <name marking="committee">CANARYNAME</name>
        <alias>CANARYALIAS</alias>
        <gender>female</gender>
        <born>1907</born>
        <province>Havana</province>
        <affiliation>CANARYAFFILIATION</affiliation>
        <detention arrested="1991-02-03" facility="CANARYFACILITY" sentence="P917Y"><charge>CANARYCHARGE</charge></detention>
        <status value="detained" date="2015-01-02" source="ngo">CANARYSTATUSNOTE</status>
        <status value="released" date="2015-01-10" source="usg"/>
        <condition kind="parole" since="2015-01-10" until="2016-01-10" source="usg">CANARYCONDITION</condition>
        <warning kind="rearrest" date="2015-01-11" issuer="State Security" source="usg">CANARYWARNING</warning>
        <note>CANARYNOTE</note>
      </prisoner>
    """
    static let strings = ["CANARY", "1991-02-03", "P917Y"]
    static let numbers = ["1907"]

    static func expectNoDetail(in texts: [String: String], _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!texts.isEmpty, sourceLocation: sourceLocation)
        for (label, text) in texts.sorted(by: { $0.key < $1.key }) {
            for string in strings { #expect(!OutputText.holds(text, string), "\(context): \(label) shows \(string)", sourceLocation: sourceLocation) }
            for number in numbers where OutputText.isWording(label) {
                #expect(!OutputText.holdsNumber(text, number), "\(context): \(label) shows \(number)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func anEditionThatWithholdsANameKeepsOnlyWhatDoesNotIdentifyThePerson() throws {
        let list = try #require(check(listXML(rootMarking: "public", prisoners: Self.record)).list)
        let edition = Edition(list: list, audience: .public)
        let p = try #require(edition.list.prisoners.first)
        #expect(edition.withheldNames == ["P-1"])
        #expect(edition.partlyWithheld.isEmpty, "nothing is withheld for its marking")
        // Withheld with the name.
        #expect(p.name.text == "" && p.name.marking == .public)
        #expect(p.aliases.isEmpty && p.born == nil && p.bornAnchor == nil && p.affiliations.isEmpty && p.detention == nil && p.notes.isEmpty)
        #expect(p.statuses.map(\.note) == ["identifying details withheld", nil])
        #expect(p.conditions.map(\.text) == ["identifying details withheld"])
        #expect(p.warnings.map(\.text) == ["identifying details withheld"])
        // Kept.
        #expect(p.id == "P-1" && p.list == .agreed && p.gender == .female && p.province == "Havana")
        #expect(p.statuses.map { "\($0.value) \($0.date) \($0.sourceID)" } == ["detained 2015-01-02 ngo", "released 2015-01-10 usg"])
        #expect(p.conditions.map { "\($0.kind) \($0.since?.iso ?? "") \($0.until?.iso ?? "") \($0.sourceID)" } == ["parole 2015-01-10 2016-01-10 usg"])
        #expect(p.warnings.map { "\($0.kind) \($0.date?.iso ?? "") \($0.issuer ?? "") \($0.sourceID)" } == ["rearrest 2015-01-11 State Security usg"])
        // The person is still counted.
        let reconciliation = Reconciliation(edition: edition)
        #expect(reconciliation.figure(.released)?.recordIDs == ["P-1"])
        #expect(reconciliation.figure(.underConditions)?.recordIDs == ["P-1"])
        #expect(reconciliation.figure(.warned)?.recordIDs == ["P-1"])
        // The committee edition shows the name, and everything with it.
        let committee = try #require(Edition(list: list, audience: .committee).list.prisoners.first)
        #expect(committee.name.text == "CANARYNAME" && committee.born == 1907 && committee.detention?.facility == "CANARYFACILITY")
        #expect(committee.aliases.map(\.text) == ["CANARYALIAS"] && committee.notes.map(\.text) == ["CANARYNOTE"])
    }

    /// The attack of item 14: every format of the public edition showed born, affiliation, arrest, facility,
    /// sentence, charges, the texts of statuses, conditions and warnings, and the notes of a record whose name it
    /// withholds. Now none does, and each says that identifying details are withheld.
    @Test func noFormatOfTheEditionShowsAnIdentifyingDetail() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("list.xml")
        try Data(listXML(rootMarking: "public", prisoners: Self.record).utf8).write(to: file)
        let outcome = try BriefBuilder(validator: Validator(schemas: sharedSchemas))
            .build(BuildRequest(path: file.path, audience: .public, outputDirectory: folder.appendingPathComponent("out").path))
        #expect(outcome.succeeded, "\(outcome.report)")
        let texts = try OutputText.texts(of: outcome.written)
        Self.expectNoDetail(in: texts, "public edition")
        for label in ["html", "md", "txt", "csv", "docx text word/document.xml", "pdf text"] {
            #expect(OutputText.holds(texts[label] ?? "", "identifyingdetailswithheld"), "\(label) says the details are withheld")
            for kept in ["P-1", "Havana", "parole", "re-arrest"] { #expect(texts[label]?.contains(kept) == true, "\(label) keeps \(kept)") }
        }
        // The JSON: the person is there, counted, flagged; the identifying fields are empty or absent.
        let export = try #require(outcome.briefing?.export)
        let person = try #require(export.people.first)
        #expect(person.nameWithheld && person.detailsWithheld && person.name == nil)
        #expect(person.aliases.isEmpty && person.born == nil && person.affiliations.isEmpty && person.arrested == nil && person.facility == nil
                && person.sentence == nil && person.charges.isEmpty && person.notes.isEmpty)
        #expect(person.conditions.map(\.text) == ["identifying details withheld"] && person.warnings.map(\.text) == ["identifying details withheld"])
        #expect(person.gender == .female && person.province == "Havana" && person.warnings.first?.issuer == "State Security")
        #expect(export.figures.first { $0.kind == "released" }?.records == ["P-1"])
    }

    /// The diff compares no identifying detail of a record whose name either side withholds: changed behind the
    /// withheld name, the details make no change; a name that becomes withheld is one marking change.
    @Test func aDiffComparesNoIdentifyingDetailOfAWithheldName() throws {
        let old = listXML(rootMarking: "public", prisoners: Self.record)
        let changed = old.replacingOccurrences(of: "CANARY", with: "OTHER").replacingOccurrences(of: "1907", with: "1908")
            .replacingOccurrences(of: "1991-02-03", with: "1992-02-03").replacingOccurrences(of: "P917Y", with: "P918Y")
        let oldList = try #require(check(old).list), newList = try #require(check(changed).list)
        #expect(ListDiff(oldList: oldList, newList: newList, audience: .public).isEmpty)
        #expect(!ListDiff(oldList: oldList, newList: newList, audience: .committee).isEmpty)

        // Shown in the old revision, withheld in the new.
        let shown = old.replacingOccurrences(of: #"<name marking="committee">"#, with: "<name>")
        let diff = ListDiff(oldList: try #require(check(shown).list), newList: newList, audience: .public)
        #expect(diff.changes.map { "\($0.kind) \($0.field ?? "") \($0.before ?? "") → \($0.after ?? "")" } == ["marking-changed name shown → withheld"])
        let document = DiffComposer(diff: diff).document(title: "t", date: Day.epoch)
        for text in [MarkdownWriter().render(document), HTMLWriter().render(document), TextWriter().render(document),
                     DiffTerminalRenderer(color: false).render(document), try JSONOutput.encode(DiffExport(diff: diff))] {
            #expect(!text.contains("OTHER") && !text.contains("1908") && !text.contains("P918Y"))
        }
    }

    /// In an edition that shows the name, a change that shows an identifying detail is as restricted as the name: a
    /// `(P)` line may not tie the record to it, since the public edition withholds it.
    @Test func aChangeShowingAnIdentifyingDetailIsAsRestrictedAsTheName() throws {
        let old = listXML(rootMarking: "public", prisoners: Self.record)
        let new = old.replacingOccurrences(of: "CANARYCONDITION", with: "Reports daily").replacingOccurrences(of: "CANARYFACILITY", with: "Kilo 8")
        let diff = ListDiff(oldList: try #require(check(old).list), newList: try #require(check(new).list), audience: .committee)
        #expect(diff.changes.map(\.kind) == [.fieldChanged, .conditionChanged])
        for change in diff.changes { #expect(change.marking == .committee, "\(change.kind)") }
    }
}
