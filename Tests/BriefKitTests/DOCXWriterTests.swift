@testable import BriefKit
import BriefXML
import Foundation
import Testing
import ZIPFoundation

// `@testable` only for `BriefDocument.Metadata.init`, which is internal.

/// The DOCX writer: a Word package that Word's stricter rules accept, with nothing above the edition in any part.
@Suite struct DOCXWriterTests {
    static let hostile = "<script>alert(1)</script> & \"Ana\" O'Neil\u{7}"

    /// A hand-built document with hostile strings in every kind of place.
    static func document(showsPortionMarks: Bool = true, banner: Marking = .committee) -> BriefDocument {
        let metadata = BriefDocument.Metadata(
            title: "Briefing <b> & co\u{7}", subject: "Oversight briefing t-1 </dc:subject><script>x</script>",
            keywords: ["oversight", "a&b<c>"], date: Day(year: 2015, month: 1, day: 13) ?? Day.epoch, language: "en",
            generator: "brief test")
        let header = Section(kind: .header, heading: "Memorandum", blocks: [
            .facts(FactTable(caption: "Memorandum", rows: [
                .init(label: "To", value: [.text("Members <i>all</i>")], marking: .public),
                .init(label: "Subject", value: [.text(hostile)], marking: .committee),
            ])),
        ])
        let summary = Section(kind: .summary, heading: "Bottom line <h1>", blocks: [
            .paragraph(Paragraph(marking: .committee, content: [
                .text("  Name: "), .strong(hostile), .text(" tab\there, line\r\nbreak "), .emphasis("<img src=x onerror=alert(1)>"),
                .citation(1), .text(" "), .link(text: "click me", href: "javascript:alert(1)"), .text(" "),
                .link(text: "data link", href: " JAVASCRIPT:alert(2)"), .text(" "),
                .link(text: "good", href: "HTTPS://example.org/a b?c=1&d=\"2\""), .citation(7),
            ])),
            .bullets(BulletList(items: [Paragraph(marking: .restricted, content: [.text("bullet <b>")])])),
        ])
        let prisoners = Section(kind: .prisoners, heading: "Prisoners", blocks: [
            .table(DataTable(kind: .prisoners, caption: "Prisoners <caption>", columns: [.init("ID"), .init("Name"), .init("Days", numeric: true)], rows: [
                .init(cells: ["P1", hostile, "12"], marking: .committee, flagged: true),
                .init(cells: ["P2", "", "3"], marking: .public),
                .init(cells: ["P3"], marking: .public),
            ])),
            .table(DataTable(kind: .other, caption: "", columns: [.init("Nothing")], rows: [])),
        ])
        let charts = Section(kind: .charts, heading: "Charts", blocks: [
            .chart(Chart(id: "releases", kind: .timeline(target: 53), title: "Releases <over> time", description: "Cumulative \"releases\" & more.",
                         points: [.init(label: "2015-01-01", value: 3), .init(label: "2015-01-08", value: 20), .init(label: "2015-01-12", value: 39)],
                         marking: .committee)),
            .chart(Chart(id: "status", kind: .bars, title: "Status", description: "By status.",
                         points: [.init(label: "<script>released</script>", value: 39), .init(label: "detained", value: 4)], marking: .public)),
            .chart(Chart(id: "empty", kind: .bars, title: "Nothing", description: "No data.", points: [], marking: .public)),
        ])
        let sources = Section(kind: .sources, heading: "Sources", blocks: [
            .notes([Note(number: 1, text: "Officials \"quoted\"", href: "https://example.org/x", marking: .public)]),
        ])
        let provenance = Section(kind: .provenance, heading: "Provenance", blocks: [
            .facts(FactTable(caption: "Provenance", rows: [.init(label: "List", value: [.text("list.xml (SHA-256 00ff)")], marking: .public)])),
        ])
        return BriefDocument(title: "Briefing <b> & co\u{7}", audience: showsPortionMarks ? .committee : .public, banner: banner,
                             showsPortionMarks: showsPortionMarks, metadata: metadata,
                             sections: [header, summary, prisoners, charts, sources, provenance])
    }

    // MARK: Hand-built document

    @Test func aHandBuiltDocumentIsAWellFormedCompletePackage() throws {
        let package = try DOCXPackageReader(DOCXWriter().render(Self.document()))
        #expect(Set(package.names).isSuperset(of: [
            "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml", "word/numbering.xml",
            "word/header1.xml", "word/footer1.xml", "word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml",
        ]))
        try package.checkStructure()
    }

    @Test func hostileStringsAreEscapedAndOnlyHTTPLinksAreHyperlinks() throws {
        let package = try DOCXPackageReader(DOCXWriter().render(Self.document()))
        for name in package.names {
            if name.hasSuffix(".xml") || name.hasSuffix(".rels") {
                let hasBell = (package.parts[name] ?? []).contains(0x07)
                #expect(!hasBell, "a raw control character in \(name)")
                let text = package.text(name)
                #expect(!text.lowercased().contains("<script"), "unescaped markup in \(name)")
                #expect(!text.lowercased().contains("javascript:"), "a javascript: href in \(name)")
            }
        }
        let body = package.text("word/document.xml")
        #expect(body.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Ana&quot; O&apos;Neil\u{FFFD}"))
        #expect(body.contains("Members &lt;i&gt;all&lt;/i&gt;"))
        #expect(body.contains("<w:t xml:space=\"preserve\">  Name: </w:t>"))
        #expect(body.contains("<w:t xml:space=\"preserve\"> tab</w:t><w:tab/><w:t>here, line</w:t><w:br/><w:t xml:space=\"preserve\">break </w:t>"))
        #expect(!body.contains("<w:br/><w:br/>"), "CR LF is one break")
        #expect(body.contains("<w:r><w:t>click me</w:t></w:r>"), "a javascript: link keeps its text only")
        #expect(body.contains("<w:r><w:t>data link</w:t></w:r>"))
        let core = package.text("docProps/core.xml")
        #expect(core.contains("<dc:subject>Oversight briefing t-1 &lt;/dc:subject&gt;&lt;script&gt;x&lt;/script&gt;</dc:subject>"))
        #expect(core.contains("<cp:keywords>oversight, a&amp;b&lt;c&gt;</cp:keywords>"))
        #expect(core.contains("<dc:title>Briefing &lt;b&gt; &amp; co\u{FFFD}</dc:title>"))

        let relationships = package.relationships("word/_rels/document.xml.rels")
        let hyperlinks = relationships.filter { $0.type.hasSuffix("/hyperlink") }
        #expect(hyperlinks.map(\.target).sorted() == ["HTTPS://example.org/a%20b?c=1&d=%222%22", "https://example.org/x"])
        #expect(hyperlinks.allSatisfy { $0.external })
        #expect(Set(relationships.map(\.id)).count == relationships.count)
        // The https link is a real hyperlink; citations link to the note's bookmark, unknown notes stay plain.
        let document = try package.tree("word/document.xml")
        let links = document.all("w:hyperlink")
        #expect(links.contains { $0.attributes["r:id"] == hyperlinks.first { $0.target.hasPrefix("HTTPS") }?.id && $0.text == "good" })
        #expect(links.contains { $0.attributes["w:anchor"] == "note_1" && $0.text == "[1]" })
        #expect(!links.contains { $0.text == "[7]" })
        #expect(document.all("w:bookmarkStart").map { $0.attributes["w:name"] } == ["note_1"])
    }

    @Test func stylesAreRealAndUsedByID() throws {
        let package = try DOCXPackageReader(DOCXWriter().render(Self.document()))
        let styles = try package.tree("word/styles.xml")
        let defined = Set(styles.all("w:style").compactMap { $0.attributes["w:styleId"] })
        #expect(defined.isSuperset(of: ["Normal", "Title", "Heading1", "Heading2", "Heading3", "Caption", "Banner", "BriefTable",
                                        "Hyperlink", "TableText", "TableHeading", "ListBullet", "PortionMark", "CitationReference"]))
        let document = try package.tree("word/document.xml")
        var used = Set<String>()
        for name in ["w:pStyle", "w:rStyle", "w:tblStyle"] {
            for element in document.all(name) { used.insert(element.attributes["w:val"] ?? "") }
        }
        for part in ["word/header1.xml", "word/footer1.xml"] {
            for element in try package.tree(part).all("w:pStyle") { used.insert(element.attributes["w:val"] ?? "") }
        }
        #expect(used.isSubset(of: defined), "undefined styles: \(used.subtracting(defined).sorted())")
        #expect(used.isSuperset(of: ["Title", "Heading1", "Normal", "Caption", "BriefTable", "MemoTable", "Banner", "Hyperlink", "PortionMark"]))
        // Body text carries no direct formatting beyond alignment: the look comes from the styles.
        #expect(document.all("w:rFonts").isEmpty && document.all("w:sz").isEmpty && document.all("w:b").isEmpty)
        let numbering = try package.tree("word/numbering.xml")
        #expect(numbering.all("w:num").count == 1)
    }

    @Test func tablesFollowWordsRules() throws {
        let package = try DOCXPackageReader(DOCXWriter().render(Self.document()))
        let document = try package.tree("word/document.xml")
        let tables = document.all("w:tbl")
        let images = package.names.filter { $0.hasPrefix("word/media/") }.count
        #expect(tables.count == (images == 0 ? 6 : 4), "memo, prisoners, empty, two chart fallbacks or none, provenance")
        for table in tables {
            #expect(table.children.first?.name == "w:tblPr")
            #expect(table.children.dropFirst().first?.name == "w:tblGrid")
            #expect(table.children.dropFirst(2).allSatisfy { $0.name == "w:tr" })
            let grid = table.child("w:tblGrid")?.children.count ?? 0
            #expect(grid > 0)
            for row in table.children where row.name == "w:tr" {
                #expect(row.children.first?.name == "w:trPr")
                #expect(row.child("w:trPr")?.child("w:cantSplit") != nil, "every row keeps together")
                let cells = row.children.filter { $0.name == "w:tc" }
                #expect(cells.count == grid)
                for cell in cells {
                    #expect(cell.children.first?.name == "w:tcPr")
                    #expect(cell.children.last?.name == "w:p", "Word needs a paragraph last in every cell")
                }
            }
        }
        // Tables are never adjacent (Word would merge them).
        let body = try #require(document.child("w:body"))
        for (a, b) in zip(body.children, body.children.dropFirst()) {
            #expect(!(a.name == "w:tbl" && b.name == "w:tbl"))
        }
        #expect(body.children.last?.name == "w:sectPr")
        // The prisoners table: header row repeated, Mark column, flagged row shaded, numbers right-aligned.
        let prisoners = try #require(tables.first { $0.child("w:tblPr")?.child("w:tblCaption")?.attributes["w:val"] == "Prisoners <caption>" })
        let rows = prisoners.children.filter { $0.name == "w:tr" }
        #expect(rows.count == 4)
        #expect(rows[0].child("w:trPr")?.child("w:tblHeader") != nil)
        #expect(rows.dropFirst().allSatisfy { $0.child("w:trPr")?.child("w:tblHeader") == nil })
        #expect(rows[0].text == "MarkIDNameDays")
        #expect(rows[1].text.hasPrefix("(C)P1<script>"))
        #expect(rows[1].all("w:shd").count == 4)
        #expect(rows[2].all("w:shd").isEmpty)
        #expect(rows[1].children.last?.all("w:jc").first?.attributes["w:val"] == "right")
        // The caption says what the table is.
        #expect(body.children.contains { $0.name == "w:p" && $0.text == "Table 1: Prisoners <caption>" && $0.paragraphStyle == "Caption" })
    }

    @Test func portionMarksOnlyWhenTheEditionShowsThem() throws {
        let marked = try DOCXPackageReader(DOCXWriter().render(Self.document()))
        let body = try marked.tree("word/document.xml")
        let paragraphs = body.all("w:p")
        #expect(paragraphs.contains { $0.paragraphStyle == "Normal" && $0.text.hasPrefix("(C)   Name: ") })
        #expect(paragraphs.contains { $0.paragraphStyle == "ListBullet" && $0.text == "(R) bullet <b>" })
        #expect(paragraphs.contains { $0.paragraphStyle == "SourceNote" && $0.text.hasPrefix("(P) [1] Officials") })
        #expect(paragraphs.contains { $0.paragraphStyle == "Caption" && $0.text == "(C) Figure 1: Releases <over> time" })
        #expect(paragraphs.contains { $0.paragraphStyle == "MemoText" && $0.text == "(C)" })

        let plain = try DOCXPackageReader(DOCXWriter().render(Self.document(showsPortionMarks: false, banner: .public)))
        for name in plain.names where name.hasSuffix(".xml") || name.hasSuffix(".rels") {
            let text = plain.text(name)
            for mark in ["(C)", "(P)", "(R)", ">Mark<", "COMMITTEE"] {
                #expect(!text.contains(mark), "found \(mark) in \(name)")
            }
        }
        try plain.checkStructure()
    }

    @Test func theBannerIsInTheHeaderAndFooterWithPageXOfY() throws {
        let package = try DOCXPackageReader(DOCXWriter().render(Self.document(banner: .restricted)))
        let header = try package.tree("word/header1.xml")
        let footer = try package.tree("word/footer1.xml")
        #expect(header.all("w:p").contains { $0.text == "RESTRICTED" && $0.paragraphStyle == "Banner" })
        #expect(footer.all("w:p").contains { $0.text == "RESTRICTED" && $0.paragraphStyle == "Banner" })
        let instructions = footer.all("w:instrText").map(\.ownText).joined(separator: "|")
        #expect(instructions.contains(" PAGE ") && instructions.contains(" NUMPAGES "))
        #expect(footer.all("w:p").contains { $0.text.hasPrefix("Page ") && $0.text.contains(" of ") })
        let document = try package.tree("word/document.xml")
        let section = try #require(document.child("w:body")?.child("w:sectPr"))
        #expect(section.all("w:headerReference").first?.attributes["w:type"] == "default")
        #expect(section.all("w:footerReference").first?.attributes["w:type"] == "default")
        #expect(section.child("w:titlePg") == nil, "the first page has the same header and footer")
        let styles = package.text("word/styles.xml")
        #expect(styles.contains("w:styleId=\"Banner\""))
    }

    @Test func propertiesAreSetAndDeterministic() throws {
        let package = try DOCXPackageReader(DOCXWriter().render(Self.document()))
        let core = try package.tree("docProps/core.xml")
        #expect(core.all("dc:title").first?.text == "Briefing <b> & co\u{FFFD}")
        #expect(core.all("dc:subject").first?.text == "Oversight briefing t-1 </dc:subject><script>x</script>")
        #expect(core.all("cp:keywords").first?.text == "oversight, a&b<c>")
        #expect(core.all("dc:creator").first?.text == "brief")
        #expect(core.all("dcterms:created").first?.text == "2015-01-13T00:00:00Z")
        #expect(core.all("dcterms:modified").first?.text == "2015-01-13T00:00:00Z")
        #expect(core.all("dcterms:created").first?.attributes["xsi:type"] == "dcterms:W3CDTF")
        let app = try package.tree("docProps/app.xml")
        #expect(app.all("Application").first?.text == "brief test")
        let entries = package.entryDates
        #expect(Set(entries).count == 1)
    }

    @Test func twoRendersAreByteIdentical() throws {
        let first = try DOCXWriter().render(Self.document())
        let second = try DOCXWriter().render(Self.document())
        #expect(first == second)
        #expect(first.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }

    @Test func chartsAreImagesWithAltTextOrTables() throws {
        let package = try DOCXPackageReader(DOCXWriter().render(Self.document()))
        let document = try package.tree("word/document.xml")
        let pictures = document.all("wp:docPr")
        let media = package.names.filter { $0.hasPrefix("word/media/") }
        #expect(pictures.count == media.count)
        if media.isEmpty {
            // No image engine: each chart with data is a table of its points.
            #expect(document.all("w:tblCaption").contains { $0.attributes["w:val"] == "Releases <over> time" })
            #expect(document.all("w:tc").contains { $0.text == "<script>released</script>" })
        } else {
            #expect(media == ["word/media/chart1.png", "word/media/chart2.png"])
            #expect(pictures.map { $0.attributes["descr"] } == ["Cumulative \"releases\" & more.", "By status."])
            #expect(pictures.map { $0.attributes["title"] } == ["Releases <over> time", "Status"])
            #expect(package.text("[Content_Types].xml").contains("Extension=\"png\" ContentType=\"image/png\""))
            for item in media { #expect(package.parts[item]?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true) }
        }
        #expect(document.all("w:p").contains { $0.paragraphStyle == "FigureNote" && $0.text == "No data." })
    }

    @Test func aNotesSectionIsWrittenLikeTheSourcesList() throws {
        var document = Self.document()
        let notes = try #require(document.sections.firstIndex { $0.kind == .sources })
        document.sections[notes] = Section(kind: .notes, heading: "Notes", blocks: document.sections[notes].blocks)
        document.sections.append(document.sections.remove(at: notes))
        let package = try DOCXPackageReader(DOCXWriter().render(document))
        let tree = try package.tree("word/document.xml")
        let paragraphs = tree.all("w:p")
        #expect(paragraphs.contains { $0.paragraphStyle == "Heading1" && $0.text == "Notes" })
        #expect(paragraphs.contains { $0.paragraphStyle == "SourceNote" && $0.text == "(P) [1] Officials \"quoted\" https://example.org/x" })
        #expect(tree.all("w:bookmarkStart").map { $0.attributes["w:name"] } == ["note_1"])
        try package.checkStructure()
    }

    @Test(arguments: [true, false])
    func degenerateTablesStayValid(marks: Bool) throws {
        var document = Self.document(showsPortionMarks: marks, banner: marks ? .committee : .public)
        document.sections = [Section(kind: .other, heading: "", blocks: [
            .table(DataTable(kind: .other, caption: "No columns", columns: [], rows: [.init(cells: ["x"], marking: .public)])),
            .table(DataTable(kind: .prisoners, caption: "Wide", columns: (1...12).map { DataTable.Column("C\($0)") },
                             rows: [.init(cells: (1...12).map { String(repeating: "w", count: $0 * 9) }, marking: .public)])),
            .facts(FactTable(caption: "", rows: [])),
            .bullets(BulletList(items: [])),
        ]), Section(kind: .summary, heading: "After", blocks: [.paragraph(Paragraph(marking: .public, content: [.text("Portrait again.")]))])]
        let package = try DOCXPackageReader(DOCXWriter().render(document))
        try package.checkStructure()
        let tree = try package.tree("word/document.xml")
        for table in tree.all("w:tbl") {
            let grid = table.child("w:tblGrid")?.children.count ?? 0
            #expect(grid > 0)
            #expect(table.children.filter { $0.name == "w:tr" }.allSatisfy { $0.children.filter { $0.name == "w:tc" }.count == grid })
        }
        // The 12-column table is set on a landscape page, then the document goes back to portrait.
        let sections = tree.all("w:sectPr")
        #expect(sections.count == 3)
        #expect(sections.map { $0.child("w:pgSz")?.attributes["w:orient"] } == [nil, "landscape", nil])
    }

    @Test func linkTargetsAreHTTPOnlyAndValidURIs() {
        #expect(DOCXWriter.linkTarget("javascript:alert(1)") == nil)
        #expect(DOCXWriter.linkTarget(" https://x.org") == nil)
        #expect(DOCXWriter.linkTarget("file:///etc/passwd") == nil)
        #expect(DOCXWriter.linkTarget("http://x.org/ä b%20c%zz") == "http://x.org/%C3%A4%20b%20c%25zz")
        #expect(DOCXWriter.linkTarget("HTTP://x.org/<a>") == "HTTP://x.org/%3Ca%3E")
    }

    // MARK: The example briefing

    static func example(_ audience: Marking) throws -> BriefDocument {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("brief-docx-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let builder = BriefBuilder(validator: Validator(schemas: sharedSchemas))
        let outcome = try builder.build(BuildRequest(path: Repository.root.appendingPathComponent("briefs/cuba-53").path, audience: audience,
                                                     formats: [], outputDirectory: output))
        return try #require(outcome.document)
    }

    /// Every `<name>` of the example list (all marked committee).
    static func exampleNames() throws -> [String] {
        let bytes = try [UInt8](Data(contentsOf: Repository.root.appendingPathComponent("briefs/cuba-53/list.xml")))
        let tree = try XMLTree.parse(bytes)
        let names = tree.all("name")
        #expect(!names.isEmpty && names.allSatisfy { $0.attributes["marking"] == "committee" })
        return names.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    @Test func thePublicExampleCarriesNothingAbovePublic() throws {
        let document = try Self.example(.public)
        #expect(document.banner == .public)
        let package = try DOCXPackageReader(DOCXWriter().render(document))
        try package.checkStructure()
        let names = try Self.exampleNames()
        #expect(names.count > 10)
        for part in package.names {
            let text = part.hasSuffix(".png") ? "" : package.text(part)
            for forbidden in ["(C)", "(R)", "COMMITTEE", "RESTRICTED"] {
                #expect(!text.contains(forbidden), "\(forbidden) in \(part)")
            }
            for name in names {
                #expect(!text.contains(name) && !text.contains(Escaping.xml(name)), "committee name \(name) in \(part)")
            }
        }
        // Alt text is part of the document and checked above; the header and footer say PUBLIC.
        #expect(package.text("word/header1.xml").contains(">PUBLIC<"))
        #expect(package.text("word/footer1.xml").contains(">PUBLIC<"))
        #expect(try package.tree("docProps/core.xml").all("cp:contentStatus").first?.text == "PUBLIC")
    }

    @Test func theCommitteeExampleIsACompleteMemo() throws {
        let document = try Self.example(.committee)
        let bytes = try DOCXWriter().render(document)
        #expect(try DOCXWriter().render(document) == bytes)
        let package = try DOCXPackageReader(bytes)
        try package.checkStructure()
        let body = package.text("word/document.xml")
        let names = try Self.exampleNames()
        #expect(names.contains { body.contains(Escaping.xml($0)) }, "the committee edition names people")
        #expect(package.text("word/header1.xml").contains(">COMMITTEE SENSITIVE<"))
        let tree = try package.tree("word/document.xml")
        let headerRows = tree.all("w:tr").filter { $0.child("w:trPr")?.child("w:tblHeader") != nil }
        #expect(headerRows.contains { $0.text.hasPrefix("MarkIDName") })
        #expect(tree.all("w:p").contains { $0.paragraphStyle == "Heading1" && $0.text == "Key figures" })
        #expect(tree.all("w:tbl").first?.child("w:tblPr")?.child("w:tblStyle")?.attributes["w:val"] == "MemoTable")
        // An external link to the press source.
        #expect(package.relationships("word/_rels/document.xml.rels").contains {
            $0.target == "https://news.example.org/cuba/2015/01/releases" && $0.external
        })
        if let directory = ProcessInfo.processInfo.environment["BRIEF_DOCX_OUT"] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: directory).appendingPathComponent("cuba-53.committee.docx"))
            try Data(DOCXWriter().render(Self.example(.public))).write(to: URL(fileURLWithPath: directory).appendingPathComponent("cuba-53.public.docx"))
        }
    }

    /// Opt-in timing: `BRIEF_DOCX_BENCH=/path/to/list.xml` builds that list's committee edition and times the render.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BRIEF_DOCX_BENCH"] != nil))
    func renderTime() throws {
        let path = try #require(ProcessInfo.processInfo.environment["BRIEF_DOCX_BENCH"])
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("brief-docx-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let builder = BriefBuilder(validator: Validator(schemas: sharedSchemas))
        let document = try #require(try builder.build(BuildRequest(path: path, audience: .committee, formats: [], outputDirectory: output)).document)
        let example = try Self.example(.committee)
        for (label, item) in [("example", example), ("list", document)] {
            var times: [Double] = []
            var size = 0
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                size = try DOCXWriter().render(item).count
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            print("DOCX render \(label): \(times.map { String(format: "%.1f", $0) }.joined(separator: ", ")) ms, \(size) bytes")
        }
        if let directory = ProcessInfo.processInfo.environment["BRIEF_DOCX_OUT"] {
            try Data(DOCXWriter().render(document)).write(to: URL(fileURLWithPath: directory).appendingPathComponent("bench.committee.docx"))
        }
    }
}

// MARK: Reading the package back

/// The parts of a DOCX, read with ZIPFoundation, with structural checks.
struct DOCXPackageReader {
    var names: [String] = []
    var parts: [String: [UInt8]] = [:]
    var entryDates: [Date] = []
    /// The package as the writer made it.
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            #expect(entry.type == .file, "\(entry.path) is not a file entry")
            #expect(parts[entry.path] == nil, "duplicate entry \(entry.path)")
            names.append(entry.path)
            parts[entry.path] = [UInt8](data)
            entryDates.append(entry.fileAttributes[.modificationDate] as? Date ?? .distantPast)
        }
    }

    func text(_ name: String) -> String { String(decoding: parts[name] ?? [], as: UTF8.self) }

    func tree(_ name: String) throws -> XMLTree {
        try XMLTree.parse(try #require(parts[name], "no part \(name)"))
    }

    struct Relationship {
        var id: String
        var type: String
        var target: String
        var external: Bool
    }

    func relationships(_ name: String) -> [Relationship] {
        guard parts[name] != nil, let tree = try? tree(name) else { return [] }
        return tree.all("Relationship").map {
            Relationship(id: $0.attributes["Id"] ?? "", type: $0.attributes["Type"] ?? "", target: $0.attributes["Target"] ?? "",
                         external: $0.attributes["TargetMode"] == "External")
        }
    }

    /// Well-formed XML everywhere, no directory entries, every part typed, every relationship resolvable and every
    /// `r:` reference defined.
    func checkStructure() throws {
        #expect(!names.isEmpty)
        #expect(names.first == "[Content_Types].xml")
        for name in names {
            #expect(!name.hasSuffix("/") && !name.hasPrefix("/"), "bad entry name \(name)")
            if name.hasSuffix(".xml") || name.hasSuffix(".rels") { _ = try tree(name) }
        }
        // Content types: every part has one, every override names a part.
        let types = try tree("[Content_Types].xml")
        let defaults = Set(types.all("Default").compactMap { $0.attributes["Extension"]?.lowercased() })
        let overrides = Set(types.all("Override").compactMap { $0.attributes["PartName"]?.lowercased() })
        for name in names where name != "[Content_Types].xml" {
            let file = name.split(separator: "/").last.map(String.init) ?? name
            let ext = file.split(separator: ".", omittingEmptySubsequences: false).last.map { $0.lowercased() } ?? ""
            #expect(overrides.contains("/" + name.lowercased()) || defaults.contains(ext), "no content type for \(name)")
        }
        for override in overrides {
            #expect(names.contains { "/" + $0.lowercased() == override }, "override for a missing part \(override)")
        }
        #expect(overrides.contains("/word/document.xml"))
        // Relationships: unique ids, internal targets exist.
        for name in names where name.hasSuffix(".rels") {
            let relationships = relationships(name)
            #expect(Set(relationships.map(\.id)).count == relationships.count, "duplicate ids in \(name)")
            let source = (name as NSString).deletingLastPathComponent.replacingOccurrences(of: "_rels", with: "")
            for relationship in relationships where !relationship.external {
                let target = DOCXPackageReader.resolve(relationship.target, from: source)
                #expect(parts[target] != nil, "\(name): \(relationship.id) → missing \(target)")
            }
            for relationship in relationships where relationship.external {
                let lower = relationship.target.lowercased()
                #expect(lower.hasPrefix("http://") || lower.hasPrefix("https://"))
            }
        }
        // Every r:id / r:embed used by a part exists in its relationships.
        for name in names where name.hasPrefix("word/") && name.hasSuffix(".xml") {
            let relsName = "word/_rels/" + (name as NSString).lastPathComponent + ".rels"
            let ids = Set(relationships(relsName).map(\.id))
            let used = try tree(name).allNodes.flatMap { node in
                node.attributes.filter { $0.key.hasPrefix("r:") }.map(\.value)
            }
            for id in used { #expect(ids.contains(id), "\(name) uses \(id), not in \(relsName)") }
        }
        // Fonts and sizes are deterministic; no XML 1.0-forbidden characters raw.
        for name in names where name.hasSuffix(".xml") || name.hasSuffix(".rels") {
            let hasControl = (parts[name] ?? []).contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            #expect(!hasControl, "control byte in \(name)")
        }
        // `unzip -t` agrees, when installed.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("brief-docx-\(UUID().uuidString).docx")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(bytes).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
            process.arguments = ["-tqq", file.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "unzip -t failed")
        }
    }

    static func resolve(_ target: String, from directory: String) -> String {
        var components = target.hasPrefix("/") ? [] : directory.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = components.popLast() } else if piece != "." { components.append(String(piece)) }
        }
        return components.joined(separator: "/")
    }
}


// MARK: A small tree from the project's own secure parser

/// An element tree built from `SecureXMLParser` events, for checking parts. Names are `prefix:local` with the
/// usual OOXML prefixes.
final class XMLTree {
    let name: String
    var attributes: [String: String] = [:]
    var children: [XMLTree] = []
    var ownText = ""

    init(name: String) { self.name = name }

    static let prefixes: [String: String] = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": "wp",
        "http://schemas.openxmlformats.org/drawingml/2006/main": "a",
        "http://schemas.openxmlformats.org/drawingml/2006/picture": "pic",
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "cp",
        "http://purl.org/dc/elements/1.1/": "dc",
        "http://purl.org/dc/terms/": "dcterms",
        "http://www.w3.org/2001/XMLSchema-instance": "xsi",
        "http://www.w3.org/XML/1998/namespace": "xml",
    ]

    static func qualified(_ local: String, _ namespace: String?) -> String {
        guard let namespace, let prefix = prefixes[namespace] else { return local }
        return prefix + ":" + local
    }

    /// Parses well-formed XML, or fails the test with the parser's problems.
    static func parse(_ bytes: [UInt8]) throws -> XMLTree {
        let text: XMLInputText
        switch XMLInputText.decode(bytes) {
        case .success(let decoded): text = decoded
        case .failure(let problem):
            Issue.record("not decodable: \(problem.message)")
            throw problem
        }
        let builder = TreeBuilder()
        let wellFormed = SecureXMLParser().parse(text, handler: builder)
        #expect(wellFormed && builder.problems.isEmpty, "not well-formed: \(builder.problems.map(\.message))")
        if let problem = builder.problems.first { throw problem }
        return try #require(builder.root)
    }

    /// The text of this element and its descendants, in order (tabs and breaks not included).
    var text: String { name == "w:instrText" ? "" : ownText + children.map(\.text).joined() }

    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    var allNodes: [XMLTree] { [self] + children.flatMap(\.allNodes) }

    func all(_ name: String) -> [XMLTree] { allNodes.filter { $0.name == name } }

    /// For a `w:p`: its `w:pStyle`.
    var paragraphStyle: String? { child("w:pPr")?.child("w:pStyle")?.attributes["w:val"] }
}

private final class TreeBuilder: XMLContentHandler {
    var root: XMLTree?
    var stack: [XMLTree] = []
    var problems: [XMLProblem] = []

    func schema(forRootNamespace namespace: String?, localName: String) -> CompiledSchema? { nil }

    func startElement(name: XMLName, attributes: borrowing XMLAttributes, index: Int, offset: Int) {
        let node = XMLTree(name: XMLTree.qualified(name.localName, name.namespace))
        for position in attributes.indices {
            let attributeName = attributes.name(at: position)
            // libxml2 (without entity substitution) hands `&amp;` in attribute values over as `&#38;`.
            node.attributes[XMLTree.qualified(attributeName.localName, attributeName.namespace)] =
                attributes.stringValue(at: position).replacingOccurrences(of: "&#38;", with: "&")
        }
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func characters(_ bytes: Span<UInt8>) {
        // Text only where it is content: w:t, w:instrText and the non-Word parts' leaf elements.
        stack.last?.ownText += String(utf8: bytes)
    }

    func endElement() { stack.removeLast() }

    func problem(_ problem: XMLProblem) { problems.append(problem) }
}
