import BriefKit
import Foundation
import Testing

/// Where a briefing prints its notes is decided once, by the composer: in the sources section, or, when the
/// manifest's `<sections>` leaves that out, in a Notes section at the end holding every note something cites. Every
/// format prints every note that a `[n]` of it points to.
@Suite struct NotePlacementTests {
    /// Every section but `sources`: the figures, discrepancies and watch tables and the summary cite sources.
    static let withoutSources = ["header", "summary", "figures", "discrepancies", "changes", "charts", "prisoners", "conditions", "watch",
                                 "other", "provenance"]

    struct Case: CustomTestStringConvertible, Sendable {
        var brief: String
        var audience: Marking
        var format: OutputFormat
        var testDescription: String { "\((brief as NSString).lastPathComponent) \(audience.name) \(format.rawValue)" }
    }

    static let cases: [Case] = [OutputFormat.html, .md, .txt, .docx, .pdf].flatMap { format in
        [Case(brief: "briefs/cuba-53", audience: .committee, format: format),
         Case(brief: "Tests/BriefKitTests/Fixtures/briefs/markers", audience: .public, format: format),
         Case(brief: "Tests/BriefKitTests/Fixtures/briefs/markers", audience: .committee, format: format)]
    }

    /// A copy of the brief folder `relative` whose manifest lists `sections`.
    static func brief(_ relative: String, sections: [String]) throws -> URL {
        let folder = try temporaryFolder().appendingPathComponent("brief")
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent(relative), to: folder)
        let manifest = folder.appendingPathComponent("brief.xml")
        let xml = try String(contentsOf: manifest, encoding: .utf8)
        let list = "<sections>" + sections.map { "<\($0)/>" }.joined() + "</sections>"
        // The example's own sections (authored ones too) give way to these.
        let replaced = try Regex(#"<sections>[\s\S]*</sections>"#)
        let edited = xml.contains("<sections>") ? xml.replacing(replaced, with: list) : xml.replacingOccurrences(of: "</brief>", with: list + "\n</brief>")
        try edited.write(to: manifest, atomically: true, encoding: .utf8)
        return folder
    }

    /// Builds `brief` in `format`; the document and the output as plain text.
    static func build(_ folder: URL, audience: Marking, format: OutputFormat,
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> (document: BriefDocument, text: String) {
        let out = folder.deletingLastPathComponent().appendingPathComponent("out-\(format.rawValue)")
        let builder = BriefBuilder(validator: Validator(schemas: sharedSchemas))
        let outcome = try builder.build(BuildRequest(path: folder.path, audience: audience, formats: [format], outputDirectory: out.path))
        let document = try #require(outcome.document, "\(outcome.report.files.flatMap(\.diagnostics))", sourceLocation: sourceLocation)
        let path = try #require(outcome.written.first, sourceLocation: sourceLocation)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return (document, try plainText(bytes, format: format, path: path))
    }

    /// What a reader of the output sees, as text with runs of white space collapsed.
    static func plainText(_ bytes: [UInt8], format: OutputFormat, path: String) throws -> String {
        var text: String
        switch format {
        case .html:
            text = String(decoding: bytes, as: UTF8.self)
            if let style = text.range(of: "<style>"), let end = text.range(of: "</style>") { text.removeSubrange(style.lowerBound..<end.upperBound) }
            text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: entity, with: character)
            }
        case .md:
            text = String(decoding: bytes, as: UTF8.self)
            for markup in ["<sup>", "</sup>", "**"] { text = text.replacingOccurrences(of: markup, with: " ") }
            text = text.replacingOccurrences(of: "\\\\(.)", with: "$1", options: .regularExpression)
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] { text = text.replacingOccurrences(of: entity, with: character) }
        case .docx:
            let xml = try DOCXPackageReader(bytes).text("word/document.xml")
            var runs: [String] = []
            let pattern = try NSRegularExpression(pattern: "<w:t(?: [^>]*)?>([^<]*)</w:t>|</w:p>")
            for match in pattern.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)) {
                runs.append(Range(match.range(at: 1), in: xml).map { String(xml[$0]) } ?? "\n")
            }
            text = runs.joined()
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: entity, with: character)
            }
        case .pdf:
            text = try PDFWriterTests.tool("pdftotext", ["-raw", "-enc", "UTF-8", path, "-"]).output
        default:
            text = String(decoding: bytes, as: UTF8.self)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The numbers shown as `[n]` in `text`.
    static func bracketed(_ text: String) -> Set<Int> {
        var numbers = Set<Int>()
        var rest = text[...]
        while let open = rest.firstIndex(of: "[") {
            rest = rest[rest.index(after: open)...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, rest.dropFirst(digits.count).first == "]", let number = Int(digits) { numbers.insert(number) }
        }
        return numbers
    }

    @Test(arguments: cases)
    func noCitationPointsNowhereWhenTheSectionsLeaveOutSources(_ example: Case) throws {
        let folder = try Self.brief(example.brief, sections: Self.withoutSources)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let (document, text) = try Self.build(folder, audience: example.audience, format: example.format)
        #expect(!document.sections.contains { $0.kind == .sources })
        #expect(document.sections.last?.kind == .notes, "the notes come last")
        #expect(document.danglingCitations.isEmpty)
        let shown = Self.bracketed(text)
        #expect(!shown.isEmpty, "the briefing cites sources")
        let notes = Dictionary(document.notes.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for number in shown.sorted() {
            let note = try #require(notes[number], "[\(number)] is shown but the document has no note \(number)")
            // The note itself is printed: its number, then its text (the PDF and text formats cut nothing this short).
            let printed = "[\(number)] " + note.text.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(24)
            #expect(text.contains(printed), "\(example.format.rawValue) shows [\(number)] but does not print '\(printed)'")
        }
        // Only cited notes are listed.
        #expect(Set(document.notes.map(\.number)) == Set(document.citedNotes))
    }

    @Test func theSourcesSectionHoldsEveryNoteAndNoNotesSectionFollows() throws {
        let folder = try Self.brief("briefs/cuba-53", sections: ["summary", "figures", "sources"])
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let (document, _) = try Self.build(folder, audience: .committee, format: .md)
        #expect(document.sections.map(\.kind) == [.summary, .figures, .sources])
        #expect(document.danglingCitations.isEmpty)
        #expect(document.notes.count > Set(document.citedNotes).count, "every source is listed, cited or not")
    }

    @Test func aBriefingThatCitesNothingHasNoNotes() throws {
        let folder = try Self.brief("briefs/cuba-53", sections: ["header", "prisoners", "provenance"])
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let (document, text) = try Self.build(folder, audience: .committee, format: .txt)
        #expect(document.sections.map(\.kind) == [.header, .prisoners, .provenance])
        #expect(document.notes.isEmpty && document.citedNotes.isEmpty)
        #expect(Self.bracketed(text).isEmpty)
    }

    @Test func theDefaultSectionsPutTheNotesInTheSourcesSection() throws {
        let builder = BriefBuilder(validator: Validator(schemas: sharedSchemas))
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try builder.build(BuildRequest(path: Repository.root.appendingPathComponent("briefs/cuba-53").path, audience: .committee,
                                                     formats: [], outputDirectory: out.path))
        let document = try #require(outcome.document)
        #expect(!document.sections.contains { $0.kind == .notes })
        let sources = try #require(document.sections.first { $0.kind == .sources })
        guard case .notes(let notes)? = sources.blocks.first else {
            Issue.record("the sources section does not start with its notes")
            return
        }
        #expect(notes.map(\.number) == Array(1...notes.count))
        #expect(document.danglingCitations.isEmpty)
        #expect(!document.citedNotes.isEmpty)
    }
}
