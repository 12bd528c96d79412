@testable import BriefKit
import Foundation
import Testing

/// The DOCX writer's memo layout: the new blocks and inlines, pagination (no lone heading or row on a page, case
/// sheets one a page) and the committee's house style.
@Suite struct DOCXLayoutTests {
    static let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    static func seal() throws -> HouseStyle.Image {
        let bytes = try [UInt8](Data(contentsOf: Repository.fixtures.appendingPathComponent("docx/seal.png")))
        return try #require(HouseStyle.Image(png: bytes, description: "Seal of the Select Committee"))
    }

    static func houseStyle() throws -> HouseStyle {
        HouseStyle(letterhead: ["Select Committee on Detention", "2100 Rayburn Building \u{2022} Washington, DC 20515"],
                   letterheadImage: try seal(), accent: try #require(HouseStyle.Color(hex: "#7A1F2B")),
                   bodyFont: "Georgia <b>", headingFont: "Helvetica", pageSize: .a4)
    }

    /// A memo with every new block, a long table with hashes, and three case sheets.
    static func memo(style: HouseStyle = .standard, marks: Bool = true) -> BriefDocument {
        let day = Day(year: 2015, month: 1, day: 13) ?? Day.epoch
        let metadata = BriefDocument.Metadata(title: "Releases of political prisoners", subject: "Oversight briefing",
                                              keywords: ["oversight"], date: day, language: "en", generator: "brief test")
        let header = Section(kind: .header, heading: "Memorandum", blocks: [
            .facts(FactTable(caption: "Memorandum", rows: [
                .init(label: "To", value: [.text("Members of the Committee")], marking: .public),
                .init(label: "Date", value: [.date(day)], marking: .public),
            ])),
        ])
        let summary = Section(kind: .summary, heading: "Bottom line", blocks: [
            .paragraph(Paragraph(marking: .committee, content: [
                .text("The list was announced on "), .date(day), .text(" and its file hashes to "), .code(hash), .text("."),
            ])),
            .bullets(BulletList(items: [Paragraph(marking: .public, content: [.text("First step")]),
                                        Paragraph(marking: .public, content: [.text("Second step")])], ordered: true)),
            .bullets(BulletList(items: [Paragraph(marking: .public, content: [.text("A bullet")])])),
            .bullets(BulletList(items: [Paragraph(marking: .public, content: [.text("Again one")]),
                                        Paragraph(marking: .public, content: [.text("Again two")])], ordered: true)),
        ])
        let authored = Section(kind: .authored, heading: "Staff assessment", headingMarking: .committee, anchor: "staff-assessment",
                               blocks: [
            .heading(Heading(text: "What the record shows", marking: .restricted)),
            .paragraph(Paragraph(marking: .public, content: [.text("Record "), .code("CU-017"), .text(" is the oldest.")])),
            .heading(Heading(text: "Generated heading", marking: nil)),
            .paragraph(Paragraph(marking: .public, content: [.text("More.")])),
        ])
        let rows: [DataTable.Row] = (1...8).map { number in
            DataTable.Row(cells: [.text("CU-0\(10 + number)"), .inlines([.code(hash)]), .inlines([.date(day)])], marking: .public)
        }
        let records = Section(kind: .changeLog, heading: "Appendix: records", anchor: "changelog", startsOnNewPage: true, blocks: [
            .table(DataTable(kind: .other, caption: "Records by hash",
                             columns: [.init("ID"), .init("SHA-256"), .init("Updated")], rows: rows)),
        ])
        let sheets: [Section] = ["Ana Pérez", "Luis Gómez", "Rosa Díaz"].enumerated().map { index, name in
            Section(kind: .caseSheet, heading: name, headingMarking: .committee, anchor: "case-\(index + 1)",
                    startsOnNewPage: index > 0, blocks: [
                .facts(FactTable(caption: "Facts", rows: [
                    .init(label: "Record", value: [.code("CU-0\(index + 11)")], marking: .public),
                    .init(label: "Arrested", value: [.date(day)], marking: .committee),
                    .init(label: "Source file", value: [.text("list.xml "), .code(hash)], marking: .public),
                ])),
                .heading(Heading(text: "Status", marking: nil)),
                .paragraph(Paragraph(marking: .committee, content: [.text("Detained since "), .date(day), .text(".")])),
                .bullets(BulletList(items: [Paragraph(marking: .public, content: [.text("Ask about access to counsel.")])])),
            ])
        }
        return BriefDocument(title: "Releases of political prisoners", audience: marks ? .committee : .public,
                             banner: marks ? .committee : .public, showsPortionMarks: marks, metadata: metadata, style: style,
                             sections: [header, summary, authored, records] + sheets)
    }

    static func package(_ document: BriefDocument) throws -> (DOCXPackageReader, XMLTree) {
        let package = try DOCXPackageReader(DOCXWriter().render(document))
        try package.checkStructure()
        return (package, try package.tree("word/document.xml"))
    }

    static func properties(_ paragraph: XMLTree) -> Set<String> {
        Set(paragraph.child("w:pPr")?.children.map(\.name) ?? [])
    }

    @Test func pageStartingSectionsBreakThePageBeforeTheirHeading() throws {
        let (_, tree) = try Self.package(Self.memo())
        let headings = tree.all("w:p").filter { $0.paragraphStyle == "Heading1" }
        let breaking = headings.filter { Self.properties($0).contains("w:pageBreakBefore") }.map(\.text)
        #expect(breaking == ["Appendix: records", "(C) Luis Gómez", "(C) Rosa Díaz"])
        // The first case sheet follows the appendix on a page of its own only if the IR says so: it does not.
        #expect(headings.contains { $0.text == "(C) Ana Pérez" && !Self.properties($0).contains("w:pageBreakBefore") })
    }

    @Test func aPageStartingSectionOnLandscapePagesBreaksOnce() throws {
        var document = Self.memo()
        let wide = DataTable(kind: .other, caption: "Wide", columns: (1...8).map { DataTable.Column("C\($0)") },
                             rows: [.init(cells: (1...8).map { "v\($0)" }, marking: .public)])
        document.sections = [document.sections[1],
                             Section(kind: .changeLog, heading: "Appendix", anchor: "changelog", startsOnNewPage: true, blocks: [.table(wide)])]
        let (_, tree) = try Self.package(document)
        let heading = try #require(tree.all("w:p").first { $0.paragraphStyle == "Heading1" && $0.text == "Appendix" })
        // The section break before it starts the new (landscape) page; a page break as well would leave a blank page.
        #expect(!Self.properties(heading).contains("w:pageBreakBefore"))
        let children = try #require(tree.child("w:body")).children
        let position = try #require(children.firstIndex { $0 === heading })
        #expect(children[position - 1].child("w:pPr")?.child("w:sectPr") != nil)
    }

    @Test func headingsKeepWithWhatFollowsAndShowTheirPortionMark() throws {
        let (package, tree) = try Self.package(Self.memo())
        let styles = try package.tree("word/styles.xml").all("w:style")
        for id in ["Heading1", "Heading2", "Caption", "TableHeading"] {
            let style = try #require(styles.first { $0.attributes["w:styleId"] == id })
            #expect(style.child("w:pPr")?.child("w:keepNext") != nil, "\(id) keeps with next")
        }
        for id in ["Heading1", "Heading2"] {
            #expect(styles.first { $0.attributes["w:styleId"] == id }?.child("w:pPr")?.child("w:keepLines") != nil)
        }
        let defaults = try package.tree("word/styles.xml").all("w:pPrDefault").first
        #expect(defaults?.all("w:widowControl").isEmpty == false, "widow and orphan control for every paragraph")
        let subheadings = tree.all("w:p").filter { $0.paragraphStyle == "Heading2" }.map(\.text)
        #expect(subheadings.contains("(R) What the record shows"))
        #expect(subheadings.contains("Generated heading"), "a generated heading carries no portion mark")
        #expect(tree.all("w:p").contains { $0.paragraphStyle == "Heading1" && $0.text == "(C) Staff assessment" })
        #expect(tree.all("w:p").contains { $0.paragraphStyle == "Heading1" && $0.text == "Bottom line" })

        let (_, plain) = try Self.package(Self.memo(marks: false))
        #expect(plain.all("w:p").contains { $0.paragraphStyle == "Heading2" && $0.text == "What the record shows" })
        #expect(plain.all("w:p").contains { $0.paragraphStyle == "Heading1" && $0.text == "Staff assessment" })
    }

    @Test func tablesKeepTheirFirstTwoAndLastTwoRowsTogether() throws {
        let (_, tree) = try Self.package(Self.memo())
        let table = try #require(tree.all("w:tbl").first { $0.child("w:tblPr")?.child("w:tblCaption")?.attributes["w:val"] == "Records by hash" })
        let rows = table.children.filter { $0.name == "w:tr" }
        #expect(rows.count == 9)
        #expect(rows.allSatisfy { $0.child("w:trPr")?.child("w:cantSplit") != nil })
        #expect(rows[0].child("w:trPr")?.child("w:tblHeader") != nil)
        func keeps(_ row: XMLTree) -> Bool {
            let paragraphs = row.all("w:p")
            return !paragraphs.isEmpty && paragraphs.allSatisfy { Self.properties($0).contains("w:keepNext") }
        }
        let body = Array(rows.dropFirst())
        #expect(body.indices.filter { keeps(body[$0]) } == [0, body.count - 2])
        // The caption keeps with its table: it is the paragraph right before it, in the Caption style.
        let children = try #require(tree.child("w:body")).children
        let position = try #require(children.firstIndex { $0 === table })
        #expect(children[position - 1].paragraphStyle == "Caption")
        // A fact table (no header row) of three rows: the first and the second keep with the next.
        let facts = try #require(tree.all("w:tbl").first { $0.child("w:tblPr")?.child("w:tblCaption")?.attributes["w:val"] == "Facts" })
        let factRows = facts.children.filter { $0.name == "w:tr" }
        #expect(factRows.map(keeps) == [true, true, false])
    }

    @Test func aHouseStyleSetsPageFontsAccentAndLetterhead() throws {
        let style = try Self.houseStyle()
        let (package, tree) = try Self.package(Self.memo(style: style))
        let sizes = tree.all("w:pgSz")
        #expect(!sizes.isEmpty)
        for size in sizes {
            let landscape = size.attributes["w:orient"] == "landscape"
            #expect(size.attributes["w:w"] == (landscape ? "16838" : "11906"))
            #expect(size.attributes["w:h"] == (landscape ? "11906" : "16838"))
        }
        let styles = package.text("word/styles.xml")
        #expect(styles.contains("w:ascii=\"Georgia &lt;b&gt;\""), "the body font, escaped")
        #expect(styles.contains("w:ascii=\"Helvetica\""))
        #expect(!styles.contains("Times New Roman") && !styles.contains("1F3864"))
        #expect(styles.contains("w:color w:val=\"7A1F2B\""))
        #expect(styles.contains("w:fill=\"\(String(DOCXTheme.tint(style.accent, keeping: 0.15).hex.dropFirst()))\""))

        // The font table gives Word a family to fall back on; the theme carries the accent and the fonts.
        let fonts = try package.tree("word/fontTable.xml").all("w:font")
        #expect(fonts.map { $0.attributes["w:name"] } == ["Georgia <b>", "Helvetica", DOCXStyles.monospace])
        #expect(fonts.map { $0.child("w:family")?.attributes["w:val"] } == ["roman", "swiss", "modern"])
        let theme = try package.tree("word/theme/theme1.xml")
        #expect(theme.all("a:accent1").first?.all("a:srgbClr").first?.attributes["val"] == "7A1F2B")
        #expect(theme.all("a:majorFont").first?.child("a:latin")?.attributes["typeface"] == "Helvetica")
        #expect(package.relationships("word/_rels/document.xml.rels").contains { $0.type.hasSuffix("/theme") && $0.target == "theme/theme1.xml" })

        // The letterhead: the image part, its relationship and content type, alt text; then its lines before the title.
        #expect(package.parts["word/media/letterhead.png"] == style.letterheadImage?.png)
        let relationship = try #require(package.relationships("word/_rels/document.xml.rels").first { $0.target == "media/letterhead.png" })
        #expect(relationship.type.hasSuffix("/image"))
        #expect(package.text("[Content_Types].xml").contains("<Default Extension=\"png\" ContentType=\"image/png\"/>"))
        let picture = try #require(tree.all("wp:inline").first { $0.all("a:blip").first?.attributes["r:embed"] == relationship.id })
        #expect(picture.child("wp:docPr")?.attributes["descr"] == "Seal of the Select Committee")
        // 120 px at 96 dpi: 1.25 inches, capped at one inch high (square).
        #expect(picture.child("wp:extent")?.attributes["cy"] == "914400")
        #expect(picture.child("wp:extent")?.attributes["cx"] == "914400")
        let ids = tree.all("wp:docPr").compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count, "drawing ids are unique")
        let top = try #require(tree.child("w:body")).children.prefix(4).map { ($0.paragraphStyle ?? "", $0.text) }
        #expect(top.map(\.0) == ["Letterhead", "Letterhead", "LetterheadDetail", "Title"])
        #expect(top[1].1 == "Select Committee on Detention")
    }

    @Test func theStandardStyleKeepsWordsLook() throws {
        let (package, tree) = try Self.package(Self.memo())
        let styles = package.text("word/styles.xml")
        #expect(styles.contains("w:ascii=\"Times New Roman\"") && styles.contains("w:ascii=\"Arial\""))
        #expect(styles.contains("1F3864") && styles.contains("D9E2F3"))
        #expect(!styles.contains("DejaVu"))
        #expect(tree.all("w:pgSz").allSatisfy { ["12240", "15840"].contains($0.attributes["w:w"] ?? "") })
        #expect(!package.names.contains("word/media/letterhead.png"))
        #expect(tree.child("w:body")?.children.first?.paragraphStyle == "Title")
    }

    @Test func eachOrderedListIsNumberedFromOne() throws {
        let (package, tree) = try Self.package(Self.memo())
        let numbered = tree.all("w:p").filter { $0.paragraphStyle == "ListNumber" }
        #expect(numbered.map(\.text) == ["(P) First step", "(P) Second step", "(P) Again one", "(P) Again two"])
        let ids = numbered.map { $0.child("w:pPr")?.child("w:numPr")?.child("w:numId")?.attributes["w:val"] }
        #expect(ids == ["2", "2", "3", "3"])
        let numbering = try package.tree("word/numbering.xml")
        let decimal = try #require(numbering.all("w:abstractNum").first { $0.all("w:numFmt").first?.attributes["w:val"] == "decimal" })
        let abstractID = decimal.attributes["w:abstractNumId"]
        for id in ["2", "3"] {
            let instance = try #require(numbering.all("w:num").first { $0.attributes["w:numId"] == id })
            #expect(instance.child("w:abstractNumId")?.attributes["w:val"] == abstractID)
            #expect(instance.all("w:startOverride").first?.attributes["w:val"] == "1")
        }
        #expect(tree.all("w:p").filter { $0.paragraphStyle == "ListBullet" }.map(\.text).contains("(P) A bullet"))
        let styles = try package.tree("word/styles.xml").all("w:style").compactMap { $0.attributes["w:styleId"] }
        #expect(styles.contains("ListNumber"))
    }

    @Test func datesReadAsProseAndCodeIsSetWhole() throws {
        let (package, tree) = try Self.package(Self.memo())
        let summary = try #require(tree.all("w:p").first { $0.text.contains("The list was announced") })
        #expect(summary.text == "(C) The list was announced on January 13, 2015 and its file hashes to \(Self.hash).")
        let codeRuns = tree.all("w:r").filter { $0.child("w:rPr")?.child("w:rStyle")?.attributes["w:val"] == "Code" }
        #expect(codeRuns.contains { $0.text == Self.hash })
        // A hyphen in an identifier is Word's non-breaking hyphen.
        let record = try #require(codeRuns.first { $0.text == "CU" + "017" })
        #expect(record.children.map(\.name) == ["w:rPr", "w:t", "w:noBreakHyphen", "w:t"])
        let code = try #require(try package.tree("word/styles.xml").all("w:style").first { $0.attributes["w:styleId"] == "Code" })
        #expect(code.attributes["w:type"] == "character")
        #expect(code.all("w:rFonts").first?.attributes["w:ascii"] == DOCXStyles.monospace)
        // Columns and value cells that hold a hash are wide enough for it on one line (8.5 pt, 0.6 em a character).
        let hashWidth = Self.hash.count * DOCXBodyRenderer.tableEmTwips * 600 / 1000 + DOCXBodyRenderer.cellPadding
        let records = try #require(tree.all("w:tbl").first { $0.child("w:tblPr")?.child("w:tblCaption")?.attributes["w:val"] == "Records by hash" })
        let grid = records.child("w:tblGrid")?.children.compactMap { Int($0.attributes["w:w"] ?? "") } ?? []
        #expect(grid.count == 4 && grid[2] >= hashWidth, "Mark, ID, SHA-256, Updated: \(grid)")
        let facts = try #require(tree.all("w:tbl").first { $0.child("w:tblPr")?.child("w:tblCaption")?.attributes["w:val"] == "Facts" })
        let factGrid = facts.child("w:tblGrid")?.children.compactMap { Int($0.attributes["w:w"] ?? "") } ?? []
        #expect(factGrid.last.map { $0 >= hashWidth } == true, "\(factGrid)")
        #expect(tree.all("w:tc").contains { $0.text == "January 13, 2015" })
    }

    @Test func aStyledMemoRendersByteIdentically() throws {
        let document = Self.memo(style: try Self.houseStyle())
        let first = try DOCXWriter().render(document)
        #expect(try DOCXWriter().render(document) == first)
        if let directory = ProcessInfo.processInfo.environment["BRIEF_DOCX_OUT"] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(first).write(to: URL(fileURLWithPath: directory).appendingPathComponent("memo.styled.docx"))
            try Data(DOCXWriter().render(Self.memo())).write(to: URL(fileURLWithPath: directory).appendingPathComponent("memo.standard.docx"))
        }
    }
}
