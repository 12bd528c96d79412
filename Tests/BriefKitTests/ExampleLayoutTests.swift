import Foundation
import Testing
@testable import BriefKit

/// The example brief as a Member reads it on paper: no page of its PDF, memo or case sheets, holds a lone row of a
/// table, and each case sheet starts a page of its own.
@Suite(.serialized) struct ExampleLayoutTests {
    /// A table row as `pdftotext -layout` prints it: the portion mark (when the edition shows marks), a record id,
    /// then the next column.
    static func isRow(_ line: Substring) -> Bool {
        line.contains(/^\s*(\([PCR]\)\s+)?CU-[A-Z0-9]+\s{2,}\S/)
    }

    static func pages(_ audience: Marking, caseSheets: Bool) throws -> [String] {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try BriefBuilder(validator: Validator(schemas: sharedSchemas)).build(BuildRequest(
            path: Repository.root.appendingPathComponent("briefs/cuba-53").path, audience: audience, formats: [.pdf],
            outputDirectory: folder.path, sourceDateEpoch: "1421107200", caseSheets: caseSheets))
        let path = try #require(outcome.written.first { $0.contains(caseSheets ? ".case-sheets." : ".\(audience.name).pdf") })
        return try PDFWriterTests.text(of: path).pages
    }

    @Test(arguments: [Marking.committee, .public])
    func noPageOfTheMemoHoldsALoneTableRow(audience: Marking) throws {
        let pages = try Self.pages(audience, caseSheets: false)
        #expect(pages.count > 5)
        for (index, page) in pages.enumerated() {
            let rows = page.split(separator: "\n").filter(Self.isRow)
            #expect(rows.count != 1, "page \(index + 1) of the \(audience.name) memo holds one table row: \(rows)")
        }
    }

    @Test(arguments: [Marking.committee, .public])
    func eachCaseSheetStartsAPage(audience: Marking) throws {
        let pages = try Self.pages(audience, caseSheets: true)
        // Each sheet names where its facts come from once, at its end: no page holds two.
        let ends = pages.map { $0.components(separatedBy: "From list cuba-53").count - 1 }
        #expect(ends.allSatisfy { $0 <= 1 }, "a page holds the end of two sheets: \(ends)")
        #expect(ends.reduce(0, +) > 20)
    }
}

/// Every free text of the example list that the committee edition holds is in each of its readable formats: the
/// words of conditions, warnings, notes, charges, facilities, status notes, and the agreement's summary.
@Suite(.serialized) struct ExampleTextsTests {
    /// The text as a reader sees it: entities and Markdown escapes undone, whitespace collapsed.
    static func readable(_ text: String) -> String {
        var plain = text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#x27;", with: "'")
        plain = plain.replacingOccurrences(of: "\\", with: "")
        return plain.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    @Test func everyTextOfTheListIsInEveryReadableFormat() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try BriefBuilder(validator: Validator(schemas: sharedSchemas)).build(BuildRequest(
            path: Repository.root.appendingPathComponent("briefs/cuba-53").path, audience: .committee, formats: [.html, .md, .txt, .docx, .pdf],
            outputDirectory: folder.path))
        let briefing = try #require(outcome.briefing)
        let list = briefing.reconciliation.edition.list
        var texts: [String] = list.agreement?.summary.map { [$0] } ?? []
        for prisoner in list.prisoners {
            texts += prisoner.conditions.map(\.text) + prisoner.warnings.map(\.text) + prisoner.notes.map(\.text)
            texts += prisoner.statuses.compactMap(\.note) + (prisoner.detention?.charges ?? []) + [prisoner.detention?.facility].compactMap { $0 }
        }
        texts = Array(Set(texts.filter { !$0.isEmpty && $0 != Edition.identifyingDetailsWithheld })).sorted()
        #expect(texts.count > 40)
        let outputs = try OutputText.texts(of: outcome.written)
        for label in ["html", "md", "txt", "docx text word/document.xml", "pdf raw text"] {
            let shown = Self.readable(try #require(outputs[label], "\(label)"))
            let missing = texts.filter { !shown.contains(Self.readable($0)) }
            #expect(missing.isEmpty, "\(label) lacks \(missing.count) texts: \(missing.prefix(3))")
        }
    }
}
