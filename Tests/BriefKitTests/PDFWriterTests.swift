@testable import BriefKit
import Foundation
import Testing

// `@testable` only for `BriefDocument.Metadata.init`, which is internal.

/// The PDF writer: a paginated memo from the document IR, checked through poppler's and qpdf's command-line tools.
@Suite(.serialized) struct PDFWriterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let example = root.appendingPathComponent("briefs/cuba-53").path

    /// The example briefing's document for `audience`.
    static func exampleDocument(_ audience: Marking) throws -> BriefDocument {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brief-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let builder = BriefBuilder(validator: Validator(schemas: try SchemaSet.builtIn()))
        let outcome = try builder.build(BuildRequest(path: example, audience: audience, formats: [], outputDirectory: folder.path))
        return try #require(outcome.document, "the example brief builds")
    }

    /// Names in the example list (all carry marking="committee").
    static func committeeNames() throws -> [String] {
        let xml = try String(contentsOfFile: example + "/list.xml", encoding: .utf8)
        return xml.components(separatedBy: "<name marking=\"committee\">").dropFirst().compactMap { $0.components(separatedBy: "</name>").first }
    }

    /// Writes `bytes` to a temporary PDF and returns its path.
    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("brief-pdf-\(name)-\(UUID().uuidString).pdf").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    static func tool(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try runTool("/usr/bin/" + name, arguments)
    }

    /// Pages of `pdftotext -layout` (split at form feeds) and the page count from `pdfinfo`.
    static func text(of path: String) throws -> (pages: [String], count: Int) {
        let info = try tool("pdfinfo", [path]).output
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        let count = Int(line?.split(separator: " ").last ?? "") ?? -1
        let text = try tool("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"]).output
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return (pages, count)
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test(arguments: [Marking.public, .committee])
    func exampleMemo(audience: Marking) throws {
        let document = try Self.exampleDocument(audience)
        let writer = PDFWriter()
        let first = try writer.renderWithReport(document)
        let second = try writer.render(document)
        #expect(first.bytes == second, "two renders are byte-identical")
        #expect(first.unknownGlyphs == 0)
        let path = try Self.write(first.bytes, name: audience.name)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let check = try Self.tool("qpdf", ["--check", path])
        #expect(check.status == 0, "qpdf --check: \(check.output)")

        let (pages, count) = try Self.text(of: path)
        #expect(count == first.pageCount)
        #expect(count >= 2)
        #expect(pages.count == count)
        let banner = document.banner.banner
        for (index, page) in pages.enumerated() {
            let lines = page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            #expect(lines.first == banner, "page \(index + 1) starts with the banner")
            #expect(lines.last == banner, "page \(index + 1) ends with the banner")
            #expect(page.contains("Page \(index + 1) of \(count)"))
        }
        let all = Self.collapsed(pages.joined(separator: "\n"))
        for section in document.sections {
            #expect(all.contains(Self.collapsed(section.heading)), "heading \(section.heading)")
        }
        let marked = ["(P) ", "(C) "].contains { all.contains($0) }
        #expect(marked == document.showsPortionMarks, "portion marks iff committee")
        // The "Mark" column heads the tables only when portions are marked.
        #expect(all.contains("Mark ID Name") == document.showsPortionMarks)

        let names = try Self.committeeNames()
        #expect(names.count > 10)
        let shown = names.filter { all.contains(Self.collapsed($0)) }
        if audience == .public {
            #expect(shown.isEmpty, "committee names in the public PDF: \(shown)")
        } else {
            #expect(!shown.isEmpty, "the committee PDF names prisoners")
        }

        let fonts = try Self.tool("pdffonts", [path]).output
        #expect(fonts.contains("DejaVuSans"))
        #expect(fonts.contains("DejaVuSerif"))
        let info = try Self.tool("pdfinfo", ["-isodates", path]).output.split(separator: "\n").map { Self.collapsed(String($0)) }
        #expect(info.contains("CreationDate: \(document.metadata.date.iso)T00:00:00Z"))
        #expect(info.contains("ModDate: \(document.metadata.date.iso)T00:00:00Z"))
        #expect(info.contains("Title: \(Self.collapsed(document.metadata.title))"))
        #expect(info.contains("Creator: \(Self.collapsed(document.metadata.generator))"))
    }

    static func handBuilt(rows: Int, extra: String = "") -> BriefDocument {
        let metadata = BriefDocument.Metadata(title: "Scripts", subject: "Shaping test", keywords: ["pdf", "test"],
                                              date: Day(ordinal: 16448), language: "en", generator: "brief test")
        let names = ["María José Ñúñez", "Đặng Thị Hương", "Łukasz Żółkiewski", "محمد عبد الله", "<b>Not bold</b> & co"]
        let table = DataTable(kind: .prisoners, caption: "People", columns: [.init("ID"), .init("Name"), .init("Days", numeric: true)],
                              rows: (0..<rows).map { index in
                                  DataTable.Row(cells: ["P\(index + 1)", names[index % names.count] + extra, "\(index * 7)"],
                                                marking: index % 2 == 0 ? .committee : .public, flagged: index % 11 == 0)
                              })
        return BriefDocument(title: "Scripts: María José Ñúñez", audience: .committee, banner: .committee, showsPortionMarks: true, metadata: metadata,
                             sections: [
                                Section(kind: .summary, heading: "Bottom line", blocks: [
                                    .paragraph(Paragraph(marking: .committee, content: [.text("Names: "), .strong(names.joined(separator: "; ")),
                                                                                        .citation(1), .text(" "),
                                                                                        .link(text: "report", href: "https://example.org/r"),
                                                                                        .text(" "), .link(text: "local", href: "javascript:alert(1)")])),
                                ]),
                                Section(kind: .prisoners, heading: "Prisoners", blocks: [.table(table)]),
                             ])
    }

    @Test func scriptsShapeAndSurviveTextExtraction() throws {
        let rendering = try PDFWriter().renderWithReport(Self.handBuilt(rows: 5))
        #expect(rendering.unknownGlyphs == 0)
        let path = try Self.write(rendering.bytes, name: "scripts")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let all = Self.collapsed(try Self.text(of: path).pages.joined(separator: "\n"))
        for name in ["María José Ñúñez", "Đặng Thị Hương", "Łukasz Żółkiewski", "<b>Not bold</b> & co"] {
            #expect(all.contains(name), "\(name) is extractable")
        }
        #expect(all.contains("report (https://example.org/r)"))
        #expect(!all.contains("javascript"))
        #expect(all.contains("[1]"))
        #expect(try Self.tool("qpdf", ["--check", path]).status == 0)
    }

    /// Characters no installed font has are drawn as hex boxes, and counted. (This machine has a CJK fallback
    /// font, so private-use characters stand in for uncovered scripts.)
    @Test func unknownGlyphsAreCounted() throws {
        let rendering = try PDFWriter().renderWithReport(Self.handBuilt(rows: 1, extra: " \u{10FFFD}\u{10FFFC}"))
        #expect(rendering.unknownGlyphs == 2)
    }

    @Test func longTablesBreakWithRepeatedHeaders() throws {
        let document = Self.handBuilt(rows: 400)
        for size in [PDFWriter.PageSize.letter, .a4] {
            let rendering = try PDFWriter(pageSize: size).renderWithReport(document)
            let path = try Self.write(rendering.bytes, name: "long")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let (pages, count) = try Self.text(of: path)
            #expect(count > 5)
            #expect(count == rendering.pageCount)
            // Every page after the first holds only the table: each starts with its header row.
            for page in pages.dropFirst() {
                let lines = page.split(separator: "\n").map { Self.collapsed(String($0)) }.filter { !$0.isEmpty }
                #expect(lines.count > 3)
                if lines.count > 3 { #expect(lines[1] == "Mark ID Name Days", "header repeated: \(lines[1])") }
            }
            // Every row is there once.
            let all = pages.joined(separator: "\n")
            for index in [1, 57, 200, 400] {
                #expect(all.components(separatedBy: " P\(index) ").count == 2, "row P\(index) once")
            }
            let info = try Self.tool("pdfinfo", [path]).output
            #expect(info.contains(size == .letter ? "612 x 792 pts" : "595.276 x 841.89 pts"))
        }
    }

    /// A paragraph and a table row each longer than a page break between lines: every word comes out once, in order.
    @Test func textTallerThanAPageBreaksBetweenLines() throws {
        let words = (1...3000).map { "w\($0)" }
        var document = Self.handBuilt(rows: 0)
        document.sections[0].blocks.append(.paragraph(Paragraph(marking: .public, content: [.text(words.joined(separator: " "))])))
        document.sections[1].blocks = [.table(DataTable(kind: .prisoners, caption: "", columns: [.init("ID"), .init("Words")], rows: [
            .init(cells: ["A", "start"], marking: .public),
            .init(cells: ["B", words.map { "v" + $0.dropFirst() }.joined(separator: " ")], marking: .public),
            .init(cells: ["C", "end"], marking: .public),
        ]))]
        let rendering = try PDFWriter().renderWithReport(document)
        #expect(rendering.pageCount >= 4)
        let path = try Self.write(rendering.bytes, name: "tall")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Self.tool("qpdf", ["--check", path]).status == 0)
        let tokens = try Self.text(of: path).pages.joined(separator: " ").split(whereSeparator: { $0.isWhitespace }).map(String.init)
        #expect(tokens.filter { $0.hasPrefix("w") && Int($0.dropFirst()) != nil } == words, "paragraph words once each, in order")
        #expect(tokens.filter { $0.hasPrefix("v") && Int($0.dropFirst()) != nil } == words.map { "v" + $0.dropFirst() }, "cell words once each, in order")
    }

    /// A text too long to typeset is cut at `PDFLayout.textLimit` characters, and the page says so.
    @Test func anOverlongTextIsCutVisibly() throws {
        var document = Self.handBuilt(rows: 0)
        document.sections[1].blocks = [.table(DataTable(kind: .prisoners, caption: "", columns: [.init("ID"), .init("Name")], rows: [
            .init(cells: ["A", String(repeating: "Q", count: 50_000)], marking: .public),
        ]))]
        let path = try Self.write(try PDFWriter().render(document), name: "overlong")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let all = try Self.text(of: path).pages.joined(separator: "\n")
        #expect(Self.collapsed(all).contains("[30000 more characters not shown in the PDF; the other formats have them]"))
        #expect(all.filter { $0 == "Q" }.count == PDFLayout.textLimit)
    }

    /// A word longer than a line, of one script (which Pango shapes as one item), in a paragraph between other
    /// words and alone in a table cell: cut into full lines, every character once and in order; the other words
    /// wrap whole; nothing is drawn as a box.
    @Test func aWordLongerThanALineIsCutIntoFullLines() throws {
        let paragraphWord = String(repeating: "abcdefghij", count: 1_500), cellWord = String(repeating: "klmnopqrst", count: 1_500)
        let prose = "WORDS AROUND IT WRAP AT THEIR SPACES AS IN ANY OTHER TEXT, EVERY ONE OF THEM WHOLE"
        var document = Self.handBuilt(rows: 0)
        document.sections[1].blocks = [
            .paragraph(Paragraph(marking: .public, content: [.text(prose + " " + paragraphWord + " " + prose)])),
            .table(DataTable(kind: .prisoners, caption: "", columns: [.init("Name")], rows: [.init(cells: [cellWord], marking: .public)])),
        ]
        let rendering = try PDFWriter().renderWithReport(document)
        #expect(rendering.unknownGlyphs == 0)
        let path = try Self.write(rendering.bytes, name: "long-word")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let all = try Self.text(of: path).pages.joined(separator: "\n")
        let lines = all.split(separator: "\n").map { $0.replacingOccurrences(of: "(P)", with: "").trimmingCharacters(in: .whitespaces) }
        for (word, letters) in [(paragraphWord, "abcdefghij"), (cellWord, "klmnopqrst")] {
            // The word's lines, and the lines it shares with the other words (in capitals).
            let shared = lines.filter { $0.allSatisfy { letters.contains($0) || $0.isUppercase || $0 == " " || $0 == "," } }
            #expect(shared.map { String($0.filter(letters.contains)) }.joined() == word)
            let wordLines = lines.filter { !$0.isEmpty && $0.allSatisfy(letters.contains) }
            let widest = wordLines.map(\.count).max() ?? 0
            #expect(wordLines.count > 20)
            #expect(wordLines.dropLast().allSatisfy { $0.count >= widest - 3 }, "full lines: \(wordLines.map(\.count))")
        }
        let tokens = all.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        for word in prose.split(separator: " ") { #expect(tokens.filter { $0 == word }.count == 2 * prose.split(separator: " ").filter { $0 == word }.count, "\(word) whole") }
        #expect(!all.contains("\u{2028}"))
    }

    /// Control characters and bidirectional overrides are shown escaped; NUL does not cut the text.
    @Test func controlCharactersAreShownEscaped() throws {
        var document = Self.handBuilt(rows: 1)
        document.sections[0].blocks.append(.paragraph(Paragraph(marking: .public, content: [.text("esc \u{1B}[31m rlo \u{202E}x nul \u{0}after")])))
        let path = try Self.write(try PDFWriter().render(document), name: "control")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let all = try Self.text(of: path).pages.joined(separator: "\n")
        #expect(all.contains("\\u{1B}[31m"))
        #expect(all.contains("\\u{202E}x"))
        #expect(all.contains("\\u{0}after"))
    }

    /// Renders on several threads at once give the same bytes (each render owns its Cairo and Pango objects).
    @Test func concurrentRendersAgree() async throws {
        let document = Self.handBuilt(rows: 200)
        let expected = try PDFWriter().render(document)
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<4 { group.addTask { try PDFWriter().render(document) } }
            var all: [[UInt8]] = []
            for try await bytes in group { all.append(bytes) }
            return all
        }
        #expect(results.count == 4)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test func chartImagesArePNGsAndDeterministic() throws {
        let chart = Chart(id: "releases", kind: .timeline(target: 53), title: "Releases", description: "Cumulative releases.",
                          points: [.init(label: "2015-01-01", value: 3), .init(label: "2015-01-08", value: 20), .init(label: "2015-01-12", value: 39)],
                          marking: .public)
        let bars = Chart(id: "status", kind: .bars, title: "Status", description: "By status.",
                         points: [.init(label: "released", value: 39), .init(label: "detained", value: 4)], marking: .public)
        for item in [chart, bars] {
            let png = try #require(ChartImage.png(item, width: 1200, height: 600))
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            // IHDR width and height, big-endian.
            #expect(Array(png[16..<24]) == [0, 0, 4, 176, 0, 0, 2, 88])
            #expect(ChartImage.png(item, width: 1200, height: 600) == png)
        }
        #expect(ChartImage.png(Chart(id: "e", kind: .bars, title: "", description: "", points: [], marking: .public), width: 100, height: 100) == nil)
        #expect(ChartImage.png(chart, width: 0, height: 100) == nil)
    }
}
