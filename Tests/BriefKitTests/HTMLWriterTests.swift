@testable import BriefKit
import Foundation
import Testing

// `@testable` only for `BriefDocument.Metadata.init`, which is internal.

/// The HTML writer: one safe, self-contained, accessible page from the document IR.
@Suite struct HTMLWriterTests {
    static let hostileName = "<script>alert(1)</script> \"Ana\" O'Neil"

    /// A hand-built document with hostile strings in every kind of place.
    static func document(showsPortionMarks: Bool, banner: Marking = .committee) -> BriefDocument {
        let metadata = BriefDocument.Metadata(
            title: "Briefing \"<b>\" & co", subject: "Oversight briefing t-1 as of 2015-01-13 </title><script>x</script>",
            keywords: ["oversight", "a\"b"], date: Day(year: 2015, month: 1, day: 13) ?? Day.epoch, language: "en",
            generator: "brief test")
        let header = Section(kind: .header, heading: "Memorandum", blocks: [
            .facts(FactTable(caption: "Memorandum", rows: [
                .init(label: "To", value: [.text("Members <i>all</i>")], marking: .public),
                .init(label: "Subject", value: [.text(hostileName)], marking: .committee),
            ])),
        ])
        let summary = Section(kind: .summary, heading: "Bottom line", blocks: [
            .paragraph(Paragraph(marking: .committee, content: [
                .text("Name: "), .strong(hostileName), .text(" [x](javascript:alert(1)) "), .emphasis("<img src=x onerror=alert(1)>"),
                .citation(1), .text(" "), .link(text: "click me", href: "javascript:alert(1)"), .text(" "),
                .link(text: "data link", href: " JAVASCRIPT:alert(2)"), .text(" "),
                .link(text: "good", href: "HTTPS://example.org/a?b=1&c=\"2\""),
            ])),
            .bullets(BulletList(items: [Paragraph(marking: .restricted, content: [.text("bullet <b>")])])),
        ])
        let table = Section(kind: .prisoners, heading: "Prisoners", blocks: [
            .table(DataTable(kind: .prisoners, caption: "Prisoners <caption>", columns: [.init("ID"), .init("Name"), .init("Days", numeric: true)], rows: [
                .init(cells: ["P1", hostileName, "12"], marking: .committee, flagged: true),
                .init(cells: ["P2", "Plain", "3"], marking: .public),
            ])),
        ])
        let charts = Section(kind: .charts, heading: "Charts", blocks: [
            .chart(Chart(id: "releases", kind: .timeline(target: 53), title: "Releases <over> time", description: "Cumulative \"releases\".",
                         points: [.init(label: "2015-01-01", value: 3), .init(label: "2015-01-08", value: 20), .init(label: "2015-01-12", value: 39)],
                         marking: .committee)),
            .chart(Chart(id: "status", kind: .bars, title: "Status", description: "By status.",
                         points: [.init(label: "<script>released</script>", value: 39), .init(label: "detained", value: 4)], marking: .public)),
            .chart(Chart(id: "empty", kind: .bars, title: "Nothing", description: "No data.", points: [], marking: .public)),
        ])
        let sources = Section(kind: .sources, heading: "Sources", blocks: [
            .notes([Note(number: 1, text: "Officials \"quoted\"", href: "https://example.org/x", marking: .public)]),
        ])
        return BriefDocument(title: "Briefing \"<b>\" & co", audience: showsPortionMarks ? .committee : .public, banner: banner,
                             showsPortionMarks: showsPortionMarks, metadata: metadata,
                             sections: [header, summary, table, charts, sources])
    }

    @Test func everyDataStringIsEscaped() {
        let html = HTMLWriter().render(Self.document(showsPortionMarks: true))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<i>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;Ana&quot; O&apos;Neil"))
        #expect(html.contains("<title>Briefing &quot;&lt;b&gt;&quot; &amp; co</title>"))
        #expect(html.contains("<meta name=\"description\" content=\"Oversight briefing t-1 as of 2015-01-13 &lt;/title&gt;&lt;script&gt;x&lt;/script&gt;\">"))
        #expect(html.contains("[x](javascript:alert(1))"), "markdown-looking text stays text")
        #expect(html.contains("&lt;script&gt;released&lt;/script&gt;"), "SVG labels are escaped")
    }

    @Test func onlyHTTPLinksBecomeLinks() {
        let html = HTMLWriter().render(Self.document(showsPortionMarks: true))
        #expect(!html.lowercased().contains("href=\"javascript:"))
        #expect(!html.lowercased().contains("href=\" javascript:"))
        #expect(html.contains(" click me "), "a javascript: link keeps its text only")
        #expect(html.contains("<a href=\"HTTPS://example.org/a?b=1&amp;c=&quot;2&quot;\" rel=\"noopener noreferrer\">good</a>"))
        #expect(html.contains("<a href=\"https://example.org/x\" rel=\"noopener noreferrer\">https://example.org/x</a>"))
    }

    @Test func theFileIsSelfContainedAndScriptFree() {
        let html = HTMLWriter().render(Self.document(showsPortionMarks: true))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:"))
        #expect(html.contains("<meta name=\"generator\" content=\"brief test\">"))
        #expect(html.contains("<meta name=\"keywords\" content=\"oversight, a&quot;b\">"))
        for forbidden in ["<script", "<link", "<iframe", "<object", "<embed", "@import", "url(", " src=\"", " onerror=\"", " onload=\"", "javascript:alert(1)\""] {
            #expect(!html.lowercased().contains(forbidden), "found \(forbidden)")
        }
        #expect(html.hasSuffix("</html>\n"))
        #expect(!html.contains("\r"))
    }

    @Test func theBannerIsAtTopAndBottomAndPrintsOnEveryPage() throws {
        let html = HTMLWriter().render(Self.document(showsPortionMarks: true, banner: .restricted))
        let top = try #require(html.range(of: "<header class=\"banner banner-top banner-restricted\""))
        let main = try #require(html.range(of: "<main id=\"main\">"))
        let bottom = try #require(html.range(of: "<footer class=\"banner banner-bottom banner-restricted\""))
        #expect(top.lowerBound < main.lowerBound && main.lowerBound < bottom.lowerBound)
        #expect(html.components(separatedBy: ">RESTRICTED</").count == 3)
        #expect(html.contains("@page { size: Letter;"))
        #expect(html.contains("position: fixed"))
        #expect(html.contains("tr, figure { break-inside: avoid;"))
        #expect(html.contains("thead { display: table-header-group;"))
    }

    @Test func portionMarksAppearOnlyWhenShown() {
        let marked = HTMLWriter().render(Self.document(showsPortionMarks: true))
        #expect(marked.contains("<p><span class=\"pm pm-committee\" title=\"committee\">(C)</span> Name: "))
        #expect(marked.contains("<li><span class=\"pm pm-restricted\" title=\"restricted\">(R)</span> bullet &lt;b&gt;</li>"))
        #expect(marked.contains("<th scope=\"col\" class=\"pm-cell\">Mark</th>"))
        #expect(marked.contains("<tr class=\"flagged\"><td class=\"pm-cell\"><span class=\"pm pm-committee\" title=\"committee\">(C)</span></td><th scope=\"row\">"))
        #expect(marked.contains("<figcaption><span class=\"pm pm-committee\" title=\"committee\">(C)</span> <strong>Releases &lt;over&gt; time.</strong>"))
        let plain = HTMLWriter().render(Self.document(showsPortionMarks: false, banner: .public))
        for mark in ["(C)", "(P)", "(R)", "class=\"pm", ">Mark<"] {
            #expect(!plain.contains(mark), "found \(mark) in the public edition")
        }
    }

    @Test func tablesAreAccessible() {
        let html = HTMLWriter().render(Self.document(showsPortionMarks: false))
        #expect(html.contains("<th scope=\"col\">ID</th><th scope=\"col\">Name</th><th scope=\"col\" class=\"num\">Days</th>"))
        #expect(html.contains("<tr class=\"flagged\"><th scope=\"row\"><span class=\"flag\" aria-hidden=\"true\">⚑</span><span class=\"vh\">Flagged: </span>P1</th>"))
        #expect(html.contains("<td class=\"num\">12</td>"))
        #expect(html.contains("<th scope=\"row\">To</th><td>Members &lt;i&gt;all&lt;/i&gt;</td>"))
        #expect(html.contains("<caption id=\"table-prisoners-caption\">Prisoners &lt;caption&gt; <span class=\"legend\" aria-hidden=\"true\"><span class=\"flag\">⚑</span> marks a flagged row</span></caption>"))
        #expect(html.contains("<section id=\"summary\" class=\"section-summary\" aria-labelledby=\"summary-heading\">\n<h2 id=\"summary-heading\">Bottom line</h2>"))
        #expect(html.contains("<h1>Briefing &quot;&lt;b&gt;&quot; &amp; co</h1>"))
    }

    @Test func aScrollableTableIsFocusableAndNamedByItsCaption() throws {
        let html = HTMLWriter().render(Self.document(showsPortionMarks: true))
        // Every wrap is a keyboard stop and a region named by the caption of the table it holds.
        let wraps = html.components(separatedBy: "<div class=\"table-wrap\"").dropFirst()
        #expect(wraps.count == 1)
        for wrap in wraps {
            let opening = try #require(wrap.components(separatedBy: ">").first)
            #expect(opening.contains(" tabindex=\"0\""))
            #expect(opening.contains(" role=\"region\""))
            let label = try #require(opening.components(separatedBy: "aria-labelledby=\"").dropFirst().first?.components(separatedBy: "\"").first)
            #expect(wrap.contains("<caption id=\"\(label)\">"), "the wrap's name is not its table's caption")
        }
        #expect(html.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"table-prisoners-caption\">\n<table class=\"data\" id=\"table-prisoners\">"))
    }

    @Test func twoTablesOfOneKindHaveDistinctCaptionIDs() {
        var document = Self.document(showsPortionMarks: false)
        document.sections.append(document.sections[2])
        let html = HTMLWriter().render(document)
        #expect(html.contains("aria-labelledby=\"table-prisoners-caption\""))
        #expect(html.contains("aria-labelledby=\"table-prisoners-2-caption\""))
        #expect(html.contains("<caption id=\"table-prisoners-2-caption\">"))
    }

    @Test func aChartsCaptionIsTheFirstChildOfItsFigure() {
        let html = HTMLWriter().render(Self.document(showsPortionMarks: false))
        let figures = html.components(separatedBy: "<figure class=\"chart\"").dropFirst()
        #expect(figures.count == 3)
        for figure in figures {
            // The opening tag's line, then the caption on the next line.
            let lines = figure.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count > 2 && lines[1].hasPrefix("<figcaption>"), "the figcaption is not the figure's first child")
            #expect(figure.components(separatedBy: "<figcaption").count == 2)
        }
        #expect(html.contains("<figcaption><strong>Releases &lt;over&gt; time.</strong> Cumulative &quot;releases&quot;.</figcaption>\n<svg "))
    }

    @Test func contentsLinksAreLargeEnoughTargets() {
        let html = HTMLWriter().render(Self.document(showsPortionMarks: false))
        #expect(html.contains("nav.toc a { display: inline-block; min-height: 24px;"))
    }

    @Test func citationsLinkToTheSourcesList() throws {
        let html = HTMLWriter().render(Self.document(showsPortionMarks: false))
        #expect(html.contains("<sup class=\"cite\"><a href=\"#note-1\" aria-label=\"Note 1\">[1]</a></sup>"))
        #expect(html.contains("<li id=\"note-1\"><strong>[1] </strong>Officials &quot;quoted&quot;"))
        #expect(!html.contains("id=\"notes\""), "the sources section holds the notes")
        // A Notes section lists its notes as the sources section does, and the contents name it.
        var document = Self.document(showsPortionMarks: false)
        let sources = try #require(document.sections.firstIndex { $0.kind == .sources })
        document.sections[sources] = Section(kind: .notes, heading: "Notes", blocks: document.sections[sources].blocks)
        let withNotes = HTMLWriter().render(document)
        #expect(withNotes.contains("<section id=\"notes\" class=\"section-notes\" aria-labelledby=\"notes-heading\">\n<h2 id=\"notes-heading\">Notes</h2>"))
        #expect(withNotes.contains("<li><a href=\"#notes\">Notes</a></li>"))
        #expect(withNotes.contains("<li id=\"note-1\"><strong>[1] </strong>Officials &quot;quoted&quot; <a href=\"https://example.org/x\""))
        // A citation whose note the document does not print is no link.
        document.sections.remove(at: sources)
        #expect(document.danglingCitations == [1])
        #expect(HTMLWriter().render(document).contains("<sup class=\"cite\">[1]</sup>"))
    }

    @Test func chartsAreInlineSVGWithTextAlternatives() {
        let html = HTMLWriter().render(Self.document(showsPortionMarks: true))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" role=\"img\" aria-labelledby=\"chart-releases-title chart-releases-desc\""))
        #expect(html.contains("<title id=\"chart-releases-title\">Releases &lt;over&gt; time</title>"))
        #expect(html.contains("<desc id=\"chart-releases-desc\">Cumulative &quot;releases&quot;.</desc>"))
        #expect(html.contains(">committed 53</text>"))
        #expect(html.contains("stroke-dasharray"))
        #expect(html.contains("<summary>Data for this chart</summary>"))
        #expect(html.contains("<tr><th scope=\"row\">2015-01-12</th><td class=\"num\">39</td></tr>"))
        #expect(html.contains("<p class=\"no-data\">No data to chart.</p>"))
        #expect(html.components(separatedBy: "<svg ").count == 3, "no SVG for the empty chart")
    }

    @Test func outputIsDeterministic() {
        let document = Self.document(showsPortionMarks: true)
        let first = HTMLWriter().render(document)
        #expect(first == HTMLWriter().render(document))
        #expect(first == HTMLWriter().render(Self.document(showsPortionMarks: true)))
    }

    @Test func idsAreSafeAndUnique() {
        var document = Self.document(showsPortionMarks: false)
        document.sections.append(Section(kind: .summary, heading: "Again", blocks: []))
        document.sections.append(Section(kind: .summary, heading: "And again", blocks: []))
        let html = HTMLWriter().render(document)
        #expect(html.contains("<section id=\"summary-2\""))
        #expect(html.contains("<section id=\"summary-3\" class=\"section-summary\" aria-labelledby=\"summary-3-heading\">"))
        #expect(HTMLWriter.anchor("\" onclick=\"x") == "onclick-x")
    }

    @Test(arguments: [-0.04, 0.0, 0.05, 1.25, 12.0, -3.26, 639.99])
    func coordinatesHaveAtMostOneDecimal(value: Double) {
        let text = SVGChartRenderer.number(value)
        let expected: [Double: String] = [-0.04: "0", 0.0: "0", 0.05: "0.1", 1.25: "1.3", 12.0: "12", -3.26: "-3.3", 639.99: "640"]
        #expect(text == expected[value])
    }

    /// The example brief, composed and rendered in both editions; written to `$BRIEF_HTML_SAMPLE_DIR` when set
    /// (to look at it in a browser).
    @Test func rendersTheExampleBrief() throws {
        let reader = DocumentReader(schemas: sharedSchemas)
        let folder = Repository.root.appendingPathComponent("briefs/cuba-53")
        let manifestFile = try reader.read(path: folder.appendingPathComponent("brief.xml").path)
        let listFile = try reader.read(path: folder.appendingPathComponent("list.xml").path)
        guard case .manifest(let manifest)? = manifestFile.document, case .list(let list)? = listFile.document else {
            Issue.record("the example brief does not read")
            return
        }
        for audience in [Marking.public, .committee, .restricted] {
            let reconciliation = Reconciliation(edition: Edition(list: list, audience: audience))
            let context = BriefContext(briefID: manifest.id, memo: manifest.memo, sections: manifest.sections,
                                       inputs: [.init(name: "list.xml", sha256: String(repeating: "0", count: 64), role: "List")],
                                       date: manifest.memo.date)
            let document = BriefComposer(reconciliation: reconciliation, context: context).compose()
            let html = HTMLWriter().render(document)
            #expect(html == HTMLWriter().render(document))
            #expect(!html.lowercased().contains("<script"))
            #expect(html.contains(">\(document.banner.banner)</header>"))
            #expect(html.contains("(C)") == (audience != .public))
            if let directory = ProcessInfo.processInfo.environment["BRIEF_HTML_SAMPLE_DIR"] {
                try html.write(toFile: directory + "/cuba-53-\(audience.name).html", atomically: true, encoding: .utf8)
            }
        }
    }
}

/// The memo a Member reads, in HTML: subheadings, marked authored headings, numbered lists, dates, code, pages and
/// the house style.
@Suite struct HTMLWriterMemoTests {
    static let pm = "<span class=\"pm pm-committee\" title=\"committee\">(C)</span> "

    @Test func subheadingsAreH3InsideTheirSectionAndMarkedWhenAuthored() throws {
        let html = HTMLWriter().render(MemoDocument.make())
        let section = try #require(html.range(of: "<section id=\"background-of-the-deal\""))
        let subheading = try #require(html.range(of: "<h3>\(Self.pm)Who was released</h3>"))
        #expect(section.upperBound < subheading.lowerBound)
        #expect(html.contains("<h3>Next steps</h3>"), "a generated subheading has no mark")
        let plain = HTMLWriter().render(MemoDocument.make(marks: false))
        #expect(plain.contains("<h3>Who was released</h3>"))
    }

    @Test func anAuthoredSectionHeadingShowsItsMarkAndItsAnchor() {
        let html = HTMLWriter().render(MemoDocument.make())
        #expect(html.contains("<section id=\"background-of-the-deal\" class=\"section-authored\" aria-labelledby=\"background-of-the-deal-heading\">\n<h2 id=\"background-of-the-deal-heading\">\(Self.pm)Background</h2>"))
        #expect(html.contains("<li><a href=\"#background-of-the-deal\">\(Self.pm)Background</a></li>"))
        #expect(html.contains("<section id=\"case-cu-001\""))
        #expect(!HTMLWriter().render(MemoDocument.make(marks: false)).contains("(C)"))
    }

    @Test func anOrderedListIsNumbered() {
        let html = HTMLWriter().render(MemoDocument.make())
        #expect(html.contains("<ol>\n<li><span class=\"pm pm-public\" title=\"public\">(P)</span> Ask the Department for the list.</li>"))
    }

    @Test func aDateReadsAsProse() {
        let html = HTMLWriter().render(MemoDocument.make())
        #expect(html.contains("received on <time datetime=\"2015-01-13\">January 13, 2015</time> and"))
    }

    @Test func codeIsSetAsCodeThatNeverWraps() {
        let html = HTMLWriter().render(MemoDocument.make())
        #expect(html.contains("recorded as <code>\(MemoDocument.hash)</code>."))
        #expect(html.contains("white-space: nowrap; overflow-wrap: normal; word-break: keep-all;"))
    }

    @Test func aSectionThatStartsAPageBreaksBeforeItInPrint() {
        let html = HTMLWriter().render(MemoDocument.make())
        #expect(html.contains("<section id=\"case-cu-002\" class=\"section-casesheet new-page\""))
        #expect(html.contains("<section id=\"case-cu-001\" class=\"section-casesheet\""))
        #expect(html.contains(".new-page { break-before: page; page-break-before: always; }"))
    }

    @Test func theHouseStyleSetsAccentFontsAndPageSize() {
        let html = HTMLWriter().render(MemoDocument.make(style: MemoDocument.houseStyle))
        #expect(html.contains("--accent: #8B1A1A;"))
        #expect(html.contains("--body-font: \"Source Serif 4\", Georgia,"))
        #expect(html.contains("h1, h2, h3 { color: var(--accent); }"))
        #expect(html.contains("@page { size: A4;"))
        #expect(html.contains("--page-width: 210mm;"))
        // A font name cannot end its string, its rule or the style element.
        #expect(html.contains("--heading-font: \"Font\\22 \\3B  \\7D  \\3C \\2F style\\3E \\3C script\\3E \", "))
        #expect(html.components(separatedBy: "</style>").count == 2)
        #expect(!html.contains("<script"))
    }

    @Test func theStandardStyleKeepsTheStandardLook() {
        let html = HTMLWriter().render(MemoDocument.make())
        #expect(html.contains("--body-font: Georgia, \"DejaVu Serif\", \"Times New Roman\", serif;"))
        #expect(html.contains("--heading-font: var(--body-font);"))
        #expect(html.contains("@page { size: Letter; margin: 0.55in 0.7in; }"))
        #expect(!html.contains("color: var(--accent)"))
        #expect(!html.contains("class=\"letterhead\""))
    }

    @Test func theLetterheadImageIsADataURIWithItsDescription() throws {
        let html = HTMLWriter().render(MemoDocument.make(style: MemoDocument.houseStyle))
        #expect(html.contains("<img class=\"letterhead-image\" src=\"data:image/png;base64,\(MemoDocument.pngBase64)\" alt=\"Seal of the &quot;Committee&quot;\" width=\"1\" height=\"1\">"))
        #expect(html.contains("<p class=\"letterhead-lines\">Committee on Foreign Affairs<br>2170 Rayburn &lt;House&gt; Office Building</p>"))
        // The letterhead is above the title, below the banner.
        let banner = try #require(html.range(of: "id=\"banner-top\""))
        let letterhead = try #require(html.range(of: "<div class=\"letterhead\">"))
        let title = try #require(html.range(of: "<h1>"))
        #expect(banner.upperBound < letterhead.lowerBound && letterhead.upperBound < title.lowerBound)
        // Only images from `data:`: the policy is as it was, no source but the data URI.
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"))
        #expect(html.components(separatedBy: " src=\"").count == 2)
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    /// The memo in both styles gives the same bytes each time; written to `$BRIEF_HTML_SAMPLE_DIR` when set.
    @Test func theMemoIsDeterministic() throws {
        for (name, style) in [("standard", HouseStyle.standard), ("house", MemoDocument.houseStyle)] {
            let html = HTMLWriter().render(MemoDocument.make(style: style))
            #expect(html == HTMLWriter().render(MemoDocument.make(style: style)))
            if let directory = ProcessInfo.processInfo.environment["BRIEF_HTML_SAMPLE_DIR"] {
                try html.write(toFile: directory + "/memo-\(name).html", atomically: true, encoding: .utf8)
                try MarkdownWriter().render(MemoDocument.make(style: style)).write(toFile: directory + "/memo-\(name).md", atomically: true, encoding: .utf8)
                try TextWriter().render(MemoDocument.make(style: style)).write(toFile: directory + "/memo-\(name).txt", atomically: true, encoding: .utf8)
            }
        }
    }

    @Test(arguments: [0, 1, 2, 3, 4, 5, 200])
    func base64MatchesFoundation(count: Int) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        #expect(HTMLWriter.base64(bytes) == Data(bytes).base64EncodedString())
    }
}
