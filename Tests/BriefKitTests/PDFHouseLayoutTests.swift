@testable import BriefKit
import Foundation
import Testing

// `@testable` for `BriefDocument.Metadata.init` and `ChartImage`.

/// The PDF memo a Member reads: headings kept with what follows, no lone table row or line at a page's edge,
/// page-starting sections, the house style (page size, letterhead, fonts), code never broken, dates in prose.
@Suite(.serialized) struct PDFHouseLayoutTests {
    static let metadata = BriefDocument.Metadata(title: "Memo", subject: "Layout test", keywords: [], date: Day(ordinal: 16448),
                                                 language: "en", generator: "brief test")

    static func document(_ sections: [Section], style: HouseStyle = .standard, marks: Bool = false) -> BriefDocument {
        BriefDocument(title: "Memo", audience: .committee, banner: .committee, showsPortionMarks: marks, metadata: metadata,
                      style: style, sections: sections)
    }

    /// `count` one-line paragraphs, to push what follows down the page.
    static func filler(_ count: Int) -> [Block] {
        (0..<count).map { .paragraph(Paragraph(marking: .public, content: [.text("Filler line \($0 + 1).")])) }
    }

    /// The text of each page (`pdftotext -layout`), without the banners and footer.
    static func pages(_ bytes: [UInt8]) throws -> [[String]] {
        let path = try PDFWriterTests.write(bytes, name: "house")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (pages, count) = try PDFWriterTests.text(of: path)
        #expect(pages.count == count)
        return pages.map { page in
            page.split(separator: "\n").map { PDFWriterTests.collapsed(String($0)) }
                .filter { !$0.isEmpty && $0 != "COMMITTEE SENSITIVE" && !$0.contains(" of \(count)") }
        }
    }

    static func info(_ bytes: [UInt8]) throws -> String {
        let path = try PDFWriterTests.write(bytes, name: "info")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try PDFWriterTests.tool("pdfinfo", [path]).output
    }

    @Test func aSubheadingAtAPageFootMovesToTheNextPage() throws {
        var checked = 0
        for count in 22...40 {
            let document = Self.document([Section(kind: .authored, heading: "Background", blocks: Self.filler(count) + [
                .heading(Heading(text: "KEPT HEADING", marking: nil)),
                .paragraph(Paragraph(marking: .public, content: [.text("FOLLOWING TEXT after the heading.")])),
            ])])
            let pages = try Self.pages(try PDFWriter().render(document))
            let page = try #require(pages.firstIndex { $0.contains("KEPT HEADING") }, "count \(count)")
            #expect(pages[page].contains { $0.contains("FOLLOWING TEXT") }, "count \(count): the heading is alone at the foot of page \(page + 1)")
            if page > 0 { checked += 1 }
        }
        #expect(checked > 0, "some filler pushed the heading to the second page")
    }

    @Test func aSectionHeadingAtAPageFootMovesToTheNextPage() throws {
        for count in 22...40 {
            let document = Self.document([
                Section(kind: .summary, heading: "Summary", blocks: Self.filler(count)),
                Section(kind: .authored, heading: "KEPT SECTION", blocks: [
                    .heading(Heading(text: "Sub", marking: nil)),
                    .paragraph(Paragraph(marking: .public, content: [.text("FOLLOWING TEXT after the headings.")])),
                ]),
            ])
            let pages = try Self.pages(try PDFWriter().render(document))
            let page = try #require(pages.firstIndex { $0.contains("KEPT SECTION") })
            #expect(pages[page].contains { $0.contains("FOLLOWING TEXT") }, "count \(count)")
        }
    }

    /// Each page holds none or at least two rows of the table (rows `R1`...), whatever comes before it.
    @Test(arguments: [3, 4, 12])
    func noTableRowSitsAloneOnAPage(rows: Int) throws {
        let table = DataTable(kind: .prisoners, caption: "", columns: [.init("ID"), .init("Name")],
                              rows: (1...rows).map { DataTable.Row(cells: ["R\($0)", "Name \($0)"], marking: .public) })
        for count in 20...40 {
            let document = Self.document([Section(kind: .prisoners, heading: "People", blocks: Self.filler(count) + [.table(table)])])
            let pages = try Self.pages(try PDFWriter().render(document))
            var seen = 0
            for (index, page) in pages.enumerated() {
                let held = page.filter { $0.hasPrefix("R") && $0.contains("Name") }.count
                seen += held
                #expect(held == 0 || held >= 2, "filler \(count), \(rows) rows: page \(index + 1) holds \(held) row")
                if held > 0 { #expect(page.contains("ID Name"), "header on page \(index + 1)") }
            }
            #expect(seen == rows)
        }
    }

    /// A paragraph of three lines is never split one line from two (widow or orphan).
    @Test func noParagraphLeavesALoneLine() throws {
        let words = (1...20).map { "x\($0)" }.joined(separator: " extended ")
        for count in 22...40 {
            let document = Self.document([Section(kind: .summary, heading: "Summary", blocks: Self.filler(count) + [
                .paragraph(Paragraph(marking: .public, content: [.text(words)])),
            ])])
            let pages = try Self.pages(try PDFWriter().render(document))
            let held = pages.map { $0.filter { $0.hasPrefix("x") || $0.contains(" x") }.count }
            #expect(held.reduce(0, +) == 3, "three lines")
            #expect(held.allSatisfy { $0 == 0 || $0 >= 2 }, "filler \(count): lines per page \(held)")
        }
    }

    @Test func caseSheetsStartNewPages() throws {
        let people = ["Ana Pérez", "Luis Gómez", "Marta Díaz"]
        let sections = people.enumerated().map { index, name in
            Section(kind: .caseSheet, heading: name, anchor: "case-\(index + 1)", startsOnNewPage: index > 0, blocks: [
                .facts(FactTable(caption: "", rows: [.init(label: "Arrested", value: [.date(Day(ordinal: 16448))], marking: .committee)])),
                .heading(Heading(text: "Health", marking: .committee)),
                .paragraph(Paragraph(marking: .committee, content: [.text("Short note.")])),
            ])
        }
        let rendering = try PDFWriter().renderWithReport(Self.document(sections, marks: true))
        #expect(rendering.pageCount == 3)
        let pages = try Self.pages(rendering.bytes)
        #expect(pages.count == 3)
        for (index, name) in people.enumerated() where index < pages.count {
            #expect(pages[index].contains { $0.contains(name) }, "\(name) on page \(index + 1)")
            #expect(pages[index].contains { $0.contains("(C) Health") }, "authored subheading portion-marked")
            #expect(pages[index].contains { $0.contains("January 13, 2015") }, "date in prose: \(pages[index])")
        }
    }

    @Test func thePageSizeComesFromTheStyleUnlessGiven() throws {
        let sections = [Section(kind: .summary, heading: "Summary", blocks: Self.filler(2))]
        let a4 = Self.document(sections, style: HouseStyle(pageSize: .a4))
        #expect(try Self.info(try PDFWriter().render(a4)).contains("595.276 x 841.89 pts"))
        #expect(try Self.info(try PDFWriter(pageSize: .letter).render(a4)).contains("612 x 792 pts"))
        #expect(try Self.info(try PDFWriter().render(Self.document(sections))).contains("612 x 792 pts"))
    }

    static func seal() throws -> [UInt8] {
        let chart = Chart(id: "seal", kind: .bars, title: "Seal", description: "", points: [.init(label: "a", value: 3), .init(label: "b", value: 5)],
                          marking: .public)
        return try #require(ChartImage.png(chart, width: 160, height: 120))
    }

    static func letterheadDocument(png: [UInt8]) -> BriefDocument {
        let image = HouseStyle.Image(png: png, pixelWidth: 160, pixelHeight: 120, description: "Seal")
        let style = HouseStyle(letterhead: ["Committee on Oversight", "2157 Rayburn House Office Building"], letterheadImage: image,
                               accent: HouseStyle.Color(red: 0x7A, green: 0x1F, blue: 0x2B), bodyFont: "No Such Serif Font",
                               headingFont: "No Such Sans Font", pageSize: .letter)
        return document([Section(kind: .summary, heading: "Summary", blocks: filler(60))], style: style)
    }

    static func imageCount(_ bytes: [UInt8]) -> Int {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: "/Subtype /Image").count - 1
    }

    @Test func theLetterheadIsOnTheFirstPageOnly() throws {
        let document = Self.letterheadDocument(png: try Self.seal())
        let rendering = try PDFWriter().renderWithReport(document)
        #expect(rendering.pageCount >= 2)
        #expect(Self.imageCount(rendering.bytes) == 1, "one image XObject")
        let pages = try Self.pages(rendering.bytes)
        #expect(pages.first?.contains { $0.contains("Committee on Oversight") } == true)
        #expect(pages.dropFirst().allSatisfy { !$0.contains { $0.contains("Committee on Oversight") } })
        // Missing families fall back on the standard faces.
        let path = try PDFWriterTests.write(rendering.bytes, name: "fonts")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fonts = try PDFWriterTests.tool("pdffonts", [path]).output
        #expect(fonts.contains("DejaVuSerif") && fonts.contains("DejaVuSans"), "\(fonts)")
        #expect(try PDFWriterTests.tool("qpdf", ["--check", path]).status == 0)
        #expect(try PDFWriter().render(document) == rendering.bytes, "deterministic")
    }

    @Test func aCorruptLetterheadImageIsLeftOut() throws {
        let seal = try Self.seal()
        var scrambled = seal
        for index in stride(from: 40, to: scrambled.count - 12, by: 7) { scrambled[index] ^= 0x5A }
        var huge = seal
        huge.replaceSubrange(16..<24, with: [0, 0, 0x27, 0x10, 0, 0, 0x27, 0x10])  // 10,000 × 10,000 claimed
        for png in [scrambled, Array(seal.prefix(60)), huge, Array(seal.prefix(24)) + [UInt8](repeating: 0, count: 100)] {
            let rendering = try PDFWriter().renderWithReport(Self.letterheadDocument(png: png))
            #expect(Self.imageCount(rendering.bytes) == 0)
            let pages = try Self.pages(rendering.bytes)
            #expect(pages.first?.contains { $0.contains("Committee on Oversight") } == true, "the text stays")
        }
    }

    /// A SHA-256 in prose at every place on a line, in a list and in a narrow table column: whole on one line.
    @Test func aHashIsNeverSplitAcrossLines() throws {
        let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        var blocks: [Block] = (0..<30).map { shift in
            .paragraph(Paragraph(marking: .public, content: [.text(String(repeating: "word ", count: shift) + "the digest "), .code(hash),
                                                             .text(" closes it.")]))
        }
        blocks.append(.bullets(BulletList(items: [Paragraph(marking: .public, content: [.text("Record "), .code(hash)])], ordered: true)))
        blocks.append(.table(DataTable(kind: .other, caption: "", columns: [.init("ID"), .init("Digest"), .init("Note"), .init("More")], rows: [
            .init(cells: [.text("S1"), .inlines([.code(hash)]), .text(String(repeating: "long text ", count: 30)),
                          .text(String(repeating: "more text ", count: 30))], marking: .public),
        ])))
        let pages = try Self.pages(try PDFWriter().render(Self.document([Section(kind: .sources, heading: "Sources", blocks: blocks)])))
        let lines = pages.flatMap { $0 }
        #expect(lines.filter { $0.contains(hash) }.count == 32, "whole on one line each time")
        #expect(lines.filter { $0.contains("9f86d0") }.count == 32)
        #expect(lines.contains { $0.hasPrefix("1. Record") })
    }

    /// Code wider than a line is set smaller, and past the smallest size it overflows the line: it never breaks.
    @Test(arguments: [120, 170])
    func codeWiderThanALineIsShrunkNotBroken(length: Int) throws {
        let token = String((0..<length).map { Array("0123456789abcdef")[$0 % 16] })
        let blocks: [Block] = [.paragraph(Paragraph(marking: .public, content: [.text("Token "), .code(token), .text(" after.")]))]
        let lines = try Self.pages(try PDFWriter().render(Self.document([Section(kind: .other, heading: "Ids", blocks: blocks)]))).flatMap { $0 }
        #expect(lines.contains { $0.contains(token) }, "\(lines)")
    }

    @Test func authoredSectionHeadingsShowTheirMarkWhenMarked() throws {
        let section = Section(kind: .authored, heading: "Detention conditions", headingMarking: .committee, anchor: "conditions-1",
                              blocks: [.paragraph(Paragraph(marking: .committee, content: [.text("Text.")]))])
        let marked = try Self.pages(try PDFWriter().render(Self.document([section], marks: true))).flatMap { $0 }
        #expect(marked.contains("(C) Detention conditions"))
        let unmarked = try Self.pages(try PDFWriter().render(Self.document([section], marks: false))).flatMap { $0 }
        #expect(unmarked.contains("Detention conditions"))
        #expect(!unmarked.contains { $0.contains("(C)") })
    }
}
