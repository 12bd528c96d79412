@testable import BriefKit
import Foundation
import Testing

// A property-based test of identifying details (docs/briefing.md, "Identifying details"):
//
//   the two revisions MarkingPropertyTests generates, with a canary in every identifying field of every record whose
//   name an edition withholds (the record shown): no canary reaches any format of that edition — HTML, Markdown,
//   text, JSON, CSV, every DOCX part and its text, the PDF's text and bytes — with its changes section, nor any
//   format of the diff of the two revisions (`DiffBriefing.make`, as `brief diff` makes it).
//
// The canaries are fresh for each side and each audience: in a revision that shows the name, the details are
// ordinary values and may be shown. A last check builds the restricted edition, which shows every name, and finds
// the canaries there: they sit where outputs would show them. Seeds: `BRIEF_MARKING_SEEDS=N` (default 16).

/// The canaries put in one audience's pair of revisions.
struct Canaries {
    /// `CNRY` and six hex digits, in texts: aliases, affiliations, facility, charges, status notes, the texts of
    /// conditions and warnings, notes.
    var strings: [String] = []
    /// Birth years (1900–1909), arrest dates (in 1989) and sentences (`P9nnY`), which cannot be tokens.
    var years = Set<String>()
    var others: [String] = []
    var records = 0
    var counter = 0

    mutating func string(_ rng: inout PropRNG) -> String {
        while true {
            let hex = String(rng.next() & 0xFF_FFFF, radix: 16)
            let canary = "CNRY" + String(repeating: "0", count: 6 - hex.count) + hex
            if !strings.contains(canary) { strings.append(canary); return canary }
        }
    }

    /// Every canary of every identifying field of `p`, which the caller has chosen.
    mutating func fill(_ p: inout PropList.Prisoner, _ rng: inout PropRNG) {
        records += 1
        counter += 1
        if p.aliases.isEmpty { p.aliases.append(PropList.Text(text: "", marking: nil)) }
        for index in p.aliases.indices { p.aliases[index].text = string(&rng) }
        let year = 1900 + rng.int(0...9)
        p.born = year
        years.insert(String(year))
        p.affiliations = (0..<max(1, p.affiliations.count)).map { _ in string(&rng) }
        let arrested = "1989-\(String(format: "%02d", 1 + counter % 12))-\(String(format: "%02d", 1 + counter % 28))"
        p.arrested = arrested
        p.facility = string(&rng)
        let sentence = "P9\(String(format: "%02d", counter % 100))Y"
        p.sentence = sentence
        others += [arrested, sentence]
        p.charges = (0..<max(1, p.charges.count)).map { _ in string(&rng) }
        for index in p.statuses.indices { p.statuses[index].note = string(&rng) }
        for index in p.conditions.indices { p.conditions[index].text = string(&rng) }
        for index in p.warnings.indices { p.warnings[index].text = string(&rng) }
        if p.notes.isEmpty { p.notes.append(PropList.Text(text: "", marking: nil)) }
        for index in p.notes.indices { p.notes[index].text = string(&rng) }
    }
}

@Suite struct IdentifyingDetailsPropertyTests {
    /// `list` with canaries in the identifying fields of every record an edition for `audience` shows without its name.
    static func canaried(_ list: PropList, audience: Marking, canaries: inout Canaries, rng: inout PropRNG) -> PropList {
        var list = list
        let root = list.marking ?? .committee
        for index in list.prisoners.indices {
            let record = list.prisoners[index].marking ?? root
            let name = max(record, list.prisoners[index].name.marking ?? record)
            if record <= audience, name > audience { canaries.fill(&list.prisoners[index], &rng) }
        }
        return list
    }

    /// Every canary found in `texts`, labelled.
    static func found(_ canaries: Canaries, in texts: [String: String]) -> [String] {
        var found: [String] = []
        for (label, text) in texts.sorted(by: { $0.key < $1.key }) {
            for canary in canaries.strings + canaries.others where OutputText.holds(text, canary) { found.append("\(label): \(canary)") }
            for year in canaries.years.sorted() where OutputText.isWording(label) && OutputText.holdsNumber(text, year) {
                found.append("\(label): \(year)")
            }
        }
        return found
    }

    static func brief(_ old: PropList, _ new: PropList, in folder: URL) throws -> URL {
        let brief = folder.appendingPathComponent("prop")
        try FileManager.default.createDirectory(at: brief, withIntermediateDirectories: true)
        try Data(old.xml.utf8).write(to: brief.appendingPathComponent("list-r1.xml"))
        try Data(new.xml.utf8).write(to: brief.appendingPathComponent("list.xml"))
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <brief xmlns="urn:oversight:brief:1" id="prop">
              <memo><to>Members</to><from>Staff</from><date>\(propDay(new.asOf))</date><subject>Property briefing</subject></memo>
              <audience>public</audience>
              <list href="list.xml"/>
              <previous href="list-r1.xml"/>
            </brief>

            """.utf8).write(to: brief.appendingPathComponent("brief.xml"))
        return brief
    }

    @Test(arguments: MarkingPropertyTests.seeds)
    func noIdentifyingDetailOfARecordWhoseNameIsWithheldReachesAnyOutput(seed: Int) throws {
        var gen = PropListGen(seed: seed)
        let first = gen.first()
        let second = gen.second(after: first)
        var rng = PropRNG(seed: 0xCA4A_0000 &+ UInt64(seed))
        let builder = BriefBuilder(validator: Validator(schemas: sharedSchemas))
        for audience in [Marking.public, .committee] {
            let context = "seed \(seed), \(audience) edition"
            var canaries = Canaries()
            let old = Self.canaried(first, audience: audience, canaries: &canaries, rng: &rng)
            let inOld = canaries.records
            let new = Self.canaried(second, audience: audience, canaries: &canaries, rng: &rng)
            let inNew = canaries.records - inOld
            for (name, xml) in [("old", old.xml), ("new", new.xml)] {
                let checked = check(xml, name: "\(name).xml")
                try #require(checked.list != nil && checked.rules(.error).isEmpty, "\(context): \(name) is invalid: \(checked.diagnostics)\n\(xml)")
            }
            guard canaries.records > 0 else { continue }
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let brief = try Self.brief(old, new, in: folder)

            // The edition, every format, with its changes section.
            let outcome = try builder.build(BuildRequest(path: brief.path, audience: audience, outputDirectory: folder.appendingPathComponent("out").path,
                                                         caseSheets: true))
            #expect(outcome.succeeded, "\(context): \(outcome.report)")
            #expect(outcome.written.count == OutputFormat.allCases.count + BriefBuilder.caseSheetFormats.count)
            for leak in Self.found(canaries, in: try OutputText.texts(of: outcome.written)) { Issue.record("\(context): \(leak)") }

            // The diff, every format of `brief diff`.
            let sides = try BriefInputs.resolve(brief.appendingPathComponent("list-r1.xml").path, brief.appendingPathComponent("list.xml").path,
                                                validator: Validator(schemas: sharedSchemas))
            let diff = try DiffBriefing.make(old: sides.0, new: sides.1, audience: audience, date: nil)
            let diffTexts = [
                "diff human": DiffTerminalRenderer(color: false).render(diff.document), "diff markdown": MarkdownWriter().render(diff.document),
                "diff html": HTMLWriter().render(diff.document), "diff json": try JSONOutput.encode(diff.export),
            ]
            for leak in Self.found(canaries, in: diffTexts) { Issue.record("\(context): \(leak)") }

            // The restricted edition shows every name, and so every canary of the new revision that it holds: the
            // canaries are where an output would show them.
            let whole = try builder.build(BuildRequest(path: brief.path, audience: .restricted, formats: [.json],
                                                       outputDirectory: folder.appendingPathComponent("whole").path))
            let json = try OutputText.texts(of: whole.written)["json"] ?? ""
            #expect(inNew == 0 || !Self.found(canaries, in: ["json": json]).isEmpty, "\(context): the restricted edition shows no canary")
            for canary in new.prisoners.flatMap({ $0.aliases.map(\.text) + $0.notes.map(\.text) + $0.charges }) where canary.hasPrefix("CNRY") {
                #expect(json.contains(canary), "\(context): the restricted JSON lacks \(canary)")
            }
        }
    }

    /// The seeds put canaries in records of both editions: the property is not vacuous.
    @Test func theSeedsHaveRecordsWhoseNameIsWithheld() {
        var counts: [Marking: Int] = [:]
        for seed in MarkingPropertyTests.seeds {
            var gen = PropListGen(seed: seed)
            let first = gen.first()
            let second = gen.second(after: first)
            var rng = PropRNG(seed: 0)
            for audience in [Marking.public, .committee] {
                var canaries = Canaries()
                _ = Self.canaried(first, audience: audience, canaries: &canaries, rng: &rng)
                _ = Self.canaried(second, audience: audience, canaries: &canaries, rng: &rng)
                counts[audience, default: 0] += canaries.records
            }
        }
        #expect((counts[.public] ?? 0) > 0 && (counts[.committee] ?? 0) > 0, "\(counts)")
    }
}
