@testable import BriefKit
import Foundation
import Testing

// `@testable` for the memberwise initialisers of `BriefExport`'s parts, which are internal.

/// The briefing's JSON is written by a byte stream for speed; `JSONEncoder` on the same `Encodable` value is the
/// reference it must match, byte for byte, whatever the data holds.
@Suite struct JSONWriterTests {
    /// Text with everything an encoder may escape: quotes, backslashes, slashes, control characters, non-ASCII,
    /// the line and paragraph separators.
    static func tricky(_ label: String) -> String {
        "\(label) \"q\" back\\slash a/b <&> \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1B}\u{1F}\u{7F} Ñandú 🇨🇺 \u{2028}\u{2029} é"
    }

    static let day = Day(year: 2015, month: 1, day: 12) ?? Day.epoch

    /// The example's committee export with every optional member set and every array non-empty.
    static func populatedExport() throws -> BriefExport {
        let checked = check(try String(contentsOfFile: Repository.root.appendingPathComponent("briefs/cuba-53/list.xml").path, encoding: .utf8))
        let list = try #require(checked.list)
        let reconciliation = Reconciliation(edition: Edition(list: list, audience: .restricted))
        let context = BriefContext(briefID: tricky("brief"), memo: nil, sections: nil,
                                   inputs: [.init(name: tricky("list.xml"), sha256: String(repeating: "ab", count: 32), role: "List", marking: .committee)],
                                   date: day)
        let diagnostic = Diagnostic(severity: .warning, rule: .duplicatePerson, message: tricky("message"), file: "list.xml", line: 3, column: 7,
                                    help: "help", recordID: "CU-001")
        var export = BriefExport(reconciliation: reconciliation, context: context, banner: .restricted, diagnostics: [diagnostic])
        export.list.title = tricky("title")
        export.list.submitter = tricky("submitter")
        export.agreement = .init(announced: day, committed: 53, parties: [tricky("party"), "Cuba"], summary: tricky("summary"), marking: .committee)
        let count = BriefExport.CountInfo(source: "usg", date: day, of: .released, value: 39, marking: .public)
        export.counts.append(count)
        export.sources.append(.init(id: "src", note: export.sources.count + 1, kind: .press, description: tricky("source"), published: day,
                                    href: "https://example.org/a/b?c=\"d\"", marking: .restricted))
        export.figures.append(.init(kind: "released", label: tricky("figure"), value: 3, records: ["CU-001", "CU-002"], claims: [count], min: 2, max: 4))
        let claim = BriefExport.ClaimInfo(value: .released, date: day, source: "usg", note: tricky("claim note"), marking: .committee)
        let condition = BriefExport.ConditionInfo(kind: .parole, since: day, until: Day(year: 2017, month: 6, day: 28), source: "usg",
                                                  text: tricky("condition"), active: true, marking: .restricted)
        let warning = BriefExport.WarningInfo(kind: .rearrest, date: day, issuer: tricky("issuer"), source: "ngo", text: tricky("warning"), marking: .committee)
        export.people.append(.init(
            id: "CU-999", name: tricky("name"), nameWithheld: false, detailsWithheld: true, aliases: [tricky("alias")], list: .agreed, gender: .female,
            born: 1970, province: tricky("province"), affiliations: [tricky("affiliation")], arrested: day, facility: tricky("facility"),
            sentence: tricky("sentence"), charges: [tricky("charge")], status: .released, statusSource: "usg", statusDate: day, disputed: true,
            released: day, claims: [claim], conditions: [condition], warnings: [warning], notes: [tricky("note")], marking: .restricted))
        export.withheld = .init(records: 1, sources: 2, counts: 3, agreement: true, names: 4)
        return export
    }

    @Test func theStreamWriterMatchesJSONEncoderOnAFullyPopulatedExport() throws {
        let export = try Self.populatedExport()
        // Every optional member is set and every array is non-empty, so that no member escapes the comparison.
        #expect(export.agreement?.committed != nil && export.agreement?.summary != nil && export.list.title != nil)
        #expect(!export.counts.isEmpty && !export.figures.isEmpty && !export.sources.isEmpty && !export.diagnostics.isEmpty && !export.inputs.isEmpty)
        #expect(export.diagnostics.allSatisfy { $0.line != nil && $0.column != nil && $0.record != nil })
        #expect(export.people.contains { person in
            person.name != nil && person.gender != nil && person.born != nil && person.province != nil && person.arrested != nil
                && person.facility != nil && person.sentence != nil && person.status != nil && person.statusSource != nil
                && person.statusDate != nil && person.released != nil && !person.aliases.isEmpty && !person.affiliations.isEmpty
                && !person.charges.isEmpty && !person.notes.isEmpty && person.claims.contains { $0.note != nil }
                && person.conditions.contains { $0.since != nil && $0.until != nil } && person.warnings.contains { $0.date != nil && $0.issuer != nil }
        })
        #expect(export.sources.contains { $0.href != nil && $0.published != nil })
        #expect(export.inputs.allSatisfy { $0.sha256 != nil })

        let streamed = JSONWriter().bytes(export)
        let encoded = Array(try JSONOutput.encode(export).utf8)
        #expect(streamed == encoded, "first difference at byte \(zip(streamed, encoded).prefix { $0 == $1 }.count)")
        #expect(JSONWriter().render(export) == (try JSONOutput.encode(export)))
    }

    /// Written to a sink a megabyte at a time (as a build writes its file), the bytes are the same: an export of
    /// several megabytes flushes many times, between elements of its arrays.
    @Test func theBytesHandedToASinkAreTheBytesHeldWhole() throws {
        var export = try Self.populatedExport()
        export.people = Array(repeating: export.people, count: 40).joined().map { $0 }
        let whole = JSONWriter().bytes(export)
        var chunks: [[UInt8]] = []
        JSONWriter().write(export) { chunks.append($0) }
        #expect(whole.count > 3 << 20)
        #expect(chunks.count > 2)
        #expect(chunks.dropLast().allSatisfy { $0.count >= 1 << 20 })
        #expect(Array(chunks.joined()) == whole)
    }

    @Test func theStreamWriterMatchesJSONEncoderWhenMembersAreAbsentOrEmpty() throws {
        var export = try Self.populatedExport()
        export.agreement = nil
        export.list.title = nil
        export.list.submitter = nil
        export.counts = []
        export.figures = []
        export.sources = []
        export.diagnostics = []
        export.inputs = []
        export.people = [.init(id: "P", name: nil, nameWithheld: true, detailsWithheld: false, aliases: [], list: .other, gender: nil, born: nil,
                               province: nil, affiliations: [], arrested: nil, facility: nil, sentence: nil, charges: [], status: nil,
                               statusSource: nil, statusDate: nil, disputed: false, released: nil, claims: [], conditions: [], warnings: [],
                               notes: [], marking: .public)]
        #expect(JSONWriter().bytes(export) == Array(try JSONOutput.encode(export).utf8))
    }

    @Test func anEncodingFailureIsAnErrorNotEmptyJSON() {
        struct NotANumber: Encodable { var value = Double.nan }
        let error = #expect(throws: JSONOutput.EncodingError.self) { try JSONOutput.encode(NotANumber()) }
        #expect(error?.type == "NotANumber")
        #expect(error?.description.hasPrefix("NotANumber cannot be written as JSON: ") == true)
    }
}
