@testable import BriefKit
import Foundation
import Testing

/// Word as staff use it: headings by depth, so that the navigation pane and the table of contents show the
/// memo's outline, and a table of contents that Word fills when it opens the file.
@Suite struct DOCXContentsTests {
    static func tree(_ document: BriefDocument) throws -> (DOCXPackageReader, XMLTree) {
        try DOCXLayoutTests.package(document)
    }

    /// The body's top-level elements: paragraphs and tables, in order.
    static func bodyElements(_ tree: XMLTree) throws -> [XMLTree] {
        try #require(tree.child("w:body")).children
    }

    @Test func sectionsAreHeading1AndTheirPartsHeading2And3() throws {
        var document = DOCXLayoutTests.memo()
        let last = try #require(document.sections.indices.last)
        document.sections[last].blocks.append(.heading(Heading(text: "Detention", marking: nil, level: 2)))
        let (_, tree) = try Self.tree(document)
        let headings = tree.all("w:p").compactMap { paragraph -> (String, String)? in
            guard let style = paragraph.paragraphStyle, style.hasPrefix("Heading") else { return nil }
            return (style, paragraph.text)
        }
        #expect(headings.contains { $0 == ("Heading1", "Bottom line") })
        #expect(headings.contains { $0 == ("Heading1", "(C) Staff assessment") })
        #expect(headings.contains { $0 == ("Heading2", "(R) What the record shows") })
        #expect(headings.contains { $0 == ("Heading2", "Status") })
        #expect(headings.contains { $0 == ("Heading3", "Detention") })
        // Every section is one Heading 1.
        #expect(headings.filter { $0.0 == "Heading1" }.count == document.sections.count)
    }

    @Test func headingStylesCarryOutlineLevelsZeroToTwo() throws {
        let (package, _) = try Self.tree(DOCXLayoutTests.memo())
        let styles = try package.tree("word/styles.xml")
        for level in 0..<3 {
            let style = try #require(styles.all("w:style").first { $0.attributes["w:styleId"] == "Heading\(level + 1)" })
            #expect(style.all("w:outlineLvl").first?.attributes["w:val"] == "\(level)")
        }
        // The contents' own heading has no outline level: the contents do not list themselves.
        let contentsHeading = try #require(styles.all("w:style").first { $0.attributes["w:styleId"] == "TOCHeading" })
        #expect(contentsHeading.all("w:outlineLvl").isEmpty)
        for level in 1...3 {
            #expect(styles.all("w:style").contains { $0.attributes["w:styleId"] == "TOC\(level)" })
        }
    }

    @Test func aTableOfContentsFieldFollowsTheMemoHeader() throws {
        let (_, tree) = try Self.tree(DOCXLayoutTests.memo())
        let body = try Self.bodyElements(tree)
        let memoTable = try #require(body.firstIndex { $0.name == "w:tbl" })
        let contentsHeading = try #require(body.firstIndex { $0.paragraphStyle == "TOCHeading" })
        let firstSection = try #require(body.firstIndex { $0.paragraphStyle == "Heading1" && $0.text == "Bottom line" })
        #expect(memoTable < contentsHeading && contentsHeading < firstSection)
        #expect(body[contentsHeading].text == "Contents")
        let field = body[contentsHeading + 1]
        // One complex field: begin (dirty), the instruction, separate, a placeholder, end.
        let characters = field.all("w:fldChar").map { $0.attributes["w:fldCharType"] ?? "" }
        #expect(characters == ["begin", "separate", "end"])
        #expect(field.all("w:fldChar").first?.attributes["w:dirty"] == "true")
        #expect(field.all("w:instrText").map(\.ownText) == [#" TOC \o "1-3" \h \z \u "#])
        #expect(field.text == DOCXBodyRenderer.contentsPlaceholder)
        // Once only.
        #expect(body.filter { $0.paragraphStyle == "TOCHeading" }.count == 1)
    }

    @Test func wordUpdatesTheFieldsWhenItOpensTheFile() throws {
        let (package, _) = try Self.tree(DOCXLayoutTests.memo())
        let settings = try package.tree("word/settings.xml")
        #expect(settings.child("w:updateFields")?.attributes["w:val"] == "true")
        // Schema order: after characterSpacingControl, before compat.
        let names = settings.children.map(\.name)
        let update = try #require(names.firstIndex(of: "w:updateFields"))
        #expect(try #require(names.firstIndex(of: "w:characterSpacingControl")) < update)
        #expect(update < (try #require(names.firstIndex(of: "w:compat"))))
    }

    @Test func aDocumentWithOneSectionBeyondTheHeaderHasNoContents() throws {
        var document = DOCXLayoutTests.memo()
        document.sections = Array(document.sections.prefix(2))
        let (_, tree) = try Self.tree(document)
        #expect(!tree.all("w:p").contains { $0.paragraphStyle == "TOCHeading" })
        #expect(tree.all("w:instrText").allSatisfy { !$0.ownText.contains("TOC") })
    }

    @Test func theContentsAreTheSameInBothEditions() throws {
        for marks in [true, false] {
            let (_, tree) = try Self.tree(DOCXLayoutTests.memo(marks: marks))
            #expect(tree.all("w:p").filter { $0.paragraphStyle == "TOCHeading" }.map(\.text) == ["Contents"])
        }
    }
}
