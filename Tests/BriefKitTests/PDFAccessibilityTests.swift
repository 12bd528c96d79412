@testable import BriefKit
import Foundation
import Testing

// `@testable` only for `BriefDocument.Metadata.init`, which is internal.

/// The tagged, navigable PDF: structure tree, outline, links, language, title and XMP metadata, read back with qpdf's
/// JSON (`qpdf --json=2`) and poppler's `pdfinfo`.
@Suite(.serialized) struct PDFAccessibilityTests {
    /// A PDF's objects as qpdf's JSON gives them, with references resolved on demand.
    struct Objects {
        var objects: [String: Any]
        var path: String

        init(path: String) throws {
            self.path = path
            let json = try PDFWriterTests.tool("qpdf", ["--json=2", "--json-key=qpdf", path])
            #expect(json.status == 0)
            let top = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
            let qpdf = try #require(top["qpdf"] as? [Any])
            objects = try #require(qpdf.last as? [String: Any])
        }

        /// The value of an object (`"3 0 R"`), or `value` itself when it is not a reference.
        func resolve(_ value: Any?) -> Any? {
            guard let reference = value as? String, reference.hasSuffix(" R"), let entry = objects["obj:" + reference] as? [String: Any] else {
                return value
            }
            if let stream = entry["stream"] as? [String: Any] { return stream["dict"] }
            return entry["value"]
        }

        func dictionary(_ value: Any?) -> [String: Any]? { resolve(value) as? [String: Any] }

        /// A PDF string as qpdf's JSON writes it, `u:` and its text (or `b:` and hex, for bytes that are not text).
        static func text(_ value: Any?) -> String? {
            guard let string = value as? String, string.hasPrefix("u:") else { return nil }
            return String(string.dropFirst(2))
        }

        var trailer: [String: Any] { ((objects["trailer"] as? [String: Any])?["value"] as? [String: Any]) ?? [:] }
        var catalog: [String: Any] { dictionary(trailer["/Root"]) ?? [:] }
        var info: [String: Any] { dictionary(trailer["/Info"]) ?? [:] }

        /// Every structure element under the tree root, in pre-order.
        func structureElements() -> [[String: Any]] {
            var found: [[String: Any]] = []
            func walk(_ value: Any?) {
                if let array = resolve(value) as? [Any] {
                    array.forEach(walk)
                } else if let element = dictionary(value), element["/S"] != nil {
                    found.append(element)
                    walk(element["/K"])
                }
            }
            walk(dictionary(catalog["/StructTreeRoot"])?["/K"])
            return found
        }

        /// Every link annotation of every page.
        func linkAnnotations() -> [[String: Any]] {
            var pages: [[String: Any]] = []
            func walk(_ value: Any?) {
                guard let node = dictionary(value) else { return }
                if let kids = resolve(node["/Kids"]) as? [Any] { kids.forEach(walk) } else { pages.append(node) }
            }
            walk(catalog["/Pages"])
            return pages.flatMap { page in
                ((resolve(page["/Annots"]) as? [Any]) ?? []).compactMap { dictionary($0) }.filter { ($0["/Subtype"] as? String) == "/Link" }
            }
        }

        /// The names of the document's named destinations.
        func destinationNames() -> Set<String> {
            var names: Set<String> = []
            func walk(_ value: Any?) {
                guard let node = dictionary(value) else { return }
                if let pairs = resolve(node["/Names"]) as? [Any] {
                    for (index, name) in pairs.enumerated() where index % 2 == 0 { if let name = Self.text(name) { names.insert(name) } }
                }
                ((resolve(node["/Kids"]) as? [Any]) ?? []).forEach(walk)
            }
            walk(dictionary(catalog["/Names"])?["/Dests"])
            return names
        }

        /// The metadata stream's text.
        func xmp() throws -> String {
            let reference = try #require(catalog["/Metadata"] as? String)
            let number = try #require(reference.split(separator: " ").first)
            return try PDFWriterTests.tool("qpdf", ["--show-object=\(number)", "--filtered-stream-data", path]).output
        }
    }

    /// The outline as qpdf reads it: titles and their children's titles.
    static func outline(_ path: String) throws -> [(title: String, children: [String])] {
        let json = try PDFWriterTests.tool("qpdf", ["--json=2", "--json-key=outlines", path])
        let top = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let items = try #require(top["outlines"] as? [[String: Any]])
        return items.map { item in
            ((item["title"] as? String) ?? "", ((item["kids"] as? [[String: Any]]) ?? []).map { ($0["title"] as? String) ?? "" })
        }
    }

    static func render(_ document: BriefDocument, name: String) throws -> (bytes: [UInt8], path: String) {
        let bytes = try PDFWriter().render(document)
        return (bytes, try PDFWriterTests.write(bytes, name: name))
    }

    @Test(arguments: [Marking.committee, .public])
    func theExampleIsTaggedWithItsLanguageTitleAndMarking(audience: Marking) throws {
        let document = try PDFWriterTests.exampleDocument(audience)
        let (bytes, path) = try Self.render(document, name: "tagged")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try PDFWriterTests.tool("pdfinfo", [path]).output.contains("Tagged:          yes"))
        let check = try PDFWriterTests.tool("qpdf", ["--check", path])
        #expect(check.status == 0, "qpdf --check: \(check.output)")
        #expect(try PDFWriter().render(document) == bytes, "the same document gives the same bytes")

        let objects = try Objects(path: path)
        let catalog = objects.catalog
        #expect(catalog["/Lang"] as? String == "u:" + document.metadata.language)
        #expect((catalog["/ViewerPreferences"] as? [String: Any])?["/DisplayDocTitle"] as? Bool == true)
        #expect((catalog["/MarkInfo"] as? [String: Any])?["/Marked"] as? Bool == true)
        #expect(Objects.text(objects.info["/Marking"]) == document.banner.banner)
        let xmp = try objects.xmp()
        #expect(xmp.contains("<pdfx:Marking>\(document.banner.banner)</pdfx:Marking>"))
        #expect(xmp.contains("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(document.metadata.title)</rdf:li>"))
        #expect(xmp.contains("<rdf:li>\(document.metadata.language)</rdf:li>"))
        if audience == .public {
            // Nothing above public in what a viewer shows of the file.
            for word in ["COMMITTEE", "committee sensitive", "RESTRICTED"] {
                #expect(!xmp.contains(word))
                #expect(!objects.info.values.contains { Objects.text($0)?.contains(word) == true })
            }
        }
    }

    @Test func theStructureTreeHasHeadingsListsTablesAndFiguresWithTheirAttributes() throws {
        let document = try PDFWriterTests.exampleDocument(.committee)
        let (_, path) = try Self.render(document, name: "structure")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let elements = try Objects(path: path).structureElements()
        let roles = elements.compactMap { $0["/S"] as? String }
        #expect(roles.first == "/Document")
        for role in ["/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Lbl", "/LBody", "/Table", "/TR", "/TH", "/TD", "/Caption", "/Figure", "/Link"] {
            #expect(roles.contains(role), "a \(role) element")
        }
        // A heading a section, and the document's title.
        #expect(roles.count { $0 == "/H1" } == document.sections.count + 1)
        let charts = document.sections.flatMap(\.blocks).compactMap { block -> Chart? in if case .chart(let chart) = block { chart } else { nil } }
        let figures = elements.filter { $0["/S"] as? String == "/Figure" }
        #expect(figures.count == charts.filter { !$0.points.isEmpty }.count)
        for figure in figures { #expect(Objects.text(figure["/Alt"])?.isEmpty == false, "a figure has alternative text") }
        for header in elements where header["/S"] as? String == "/TH" {
            let scope = (header["/A"] as? [String: Any])?["/Scope"] as? String
            #expect(scope == "/Column" || scope == "/Row")
        }
        #expect(elements.contains { $0["/S"] as? String == "/TH" && (($0["/A"] as? [String: Any])?["/Scope"] as? String) == "/Row" },
                "a facts table's labels head their rows")
    }

    @Test func theOutlineHasEverySectionAndEveryPerson() throws {
        let document = try PDFWriterTests.exampleDocument(.committee)
        let (_, path) = try Self.render(document, name: "outline")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outline = try Self.outline(path)
        #expect(outline.map(\.title) == document.sections.map { PDFLayout.clean($0.heading) })
        let people = try #require(document.sections.first { $0.kind == .people })
        let names = people.blocks.compactMap { block -> String? in
            if case .heading(let heading) = block, heading.level <= 1 { PDFLayout.clean(heading.text) } else { nil }
        }
        #expect(!names.isEmpty)
        #expect(outline.first { $0.title == PDFLayout.clean(people.heading) }?.children == names)
    }

    @Test func caseSheetsHaveAnOutlineEntryAPerson() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let builder = BriefBuilder(validator: Validator(schemas: try SchemaSet.builtIn()))
        let outcome = try builder.build(BuildRequest(path: PDFWriterTests.example, audience: .committee, formats: [.pdf],
                                                     outputDirectory: folder.path, caseSheets: true))
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let name = try #require(written.first { $0.hasSuffix(".case-sheets.pdf") })
        let outline = try Self.outline(folder.appendingPathComponent(name).path)
        let document = try #require(outcome.document)
        let sheets = document.sections.filter { $0.kind == .people }.flatMap(\.blocks).count { block in
            if case .heading(let heading) = block { heading.level <= 1 } else { false }
        }
        #expect(outline.count >= sheets, "\(outline.count) entries, \(sheets) people")
        #expect(outline.allSatisfy { $0.children.isEmpty })
    }

    @Test func webLinksAndCitationsAreLinkAnnotations() throws {
        let document = try PDFWriterTests.exampleDocument(.committee)
        let (_, path) = try Self.render(document, name: "links")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let objects = try Objects(path: path)
        let links = objects.linkAnnotations()
        let uris = links.compactMap { Objects.text(($0["/A"] as? [String: Any])?["/URI"]) }
        let destinations = links.compactMap { Objects.text($0["/Dest"]) }
        #expect(uris.contains { $0.hasPrefix("https://") })
        #expect(uris.allSatisfy { $0.hasPrefix("http://") || $0.hasPrefix("https://") })
        let notes = Set(document.sections.flatMap(\.blocks).flatMap { block -> [Int] in if case .notes(let notes) = block { notes.map(\.number) } else { [] } })
        #expect(!destinations.isEmpty)
        #expect(Set(destinations) == Set(notes.map { "note-\($0)" }).intersection(destinations))
        let named = objects.destinationNames()
        for destination in Set(destinations) { #expect(named.contains(destination), "\(destination) is a named destination") }
        for link in links { #expect(Objects.text(link["/Contents"])?.isEmpty == false, "a link says where it goes") }
    }

    @Test func onlyWebLinksAndCitedNotesBecomeLinks() throws {
        // The hand-built memo cites note 1, which it does not print, and links to javascript: besides https.
        let (_, path) = try Self.render(PDFWriterTests.handBuilt(rows: 3), name: "hand-links")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let links = try Objects(path: path).linkAnnotations()
        #expect(links.count == 1)
        #expect(Objects.text((links.first?["/A"] as? [String: Any])?["/URI"]) == "https://example.org/r")
        #expect(links.first?["/Dest"] == nil)
    }
}
