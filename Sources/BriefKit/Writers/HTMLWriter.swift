/// Writes a briefing as one self-contained HTML file: no script, no external request (a Content Security Policy
/// forbids both), semantic and accessible markup, print-ready CSS with the banner on every printed page, and
/// charts as inline SVG.
///
/// It reads only the `BriefDocument`. Every data string reaches the output through `HTMLWriter.text(_:)` (which
/// uses `Escaping.xml`, charts too); ids are rebuilt from a safe alphabet; a link is emitted only for an `http` or `https`
/// href. The same document always gives the same bytes, with `\n` line endings and a final newline. The house style
/// (`BriefDocument.style`) sets the letterhead, its image a `data:` URI (the policy allows images from `data:` only),
/// and the accent colour, fonts and page size in the style sheet.
public struct HTMLWriter: Sendable {
    public init() {}

    /// The document as an HTML page.
    public func render(_ document: BriefDocument) -> String {
        var renderer = HTMLRenderer(document: document)
        return renderer.render()
    }

    /// Text for HTML content or a quoted attribute value: XML escaping (bidirectional formatting characters shown
    /// as `\u{202E}`), and line breaks as references, so that every line of the output starts with the writer's own
    /// markup and the output has `\n` line endings only.
    static func text(_ value: String) -> String {
        Escaping.xml(value, breaksAsReferences: true)
    }

    /// Whether an href may become a link: `http:` or `https:` (any case), with nothing before the scheme.
    static func isLinkable(_ href: String) -> Bool {
        let lower = href.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// Base64 (RFC 4648, with padding), for a `data:` URI.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group = 0
            for offset in 0..<3 { group = group << 8 | (offset < count ? Int(bytes[index + offset]) : 0) }
            for digit in 0..<4 {
                out.append(digit <= count ? alphabet[group >> (18 - 6 * digit) & 0x3F] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A CSS string (`"DejaVu Serif"`) that holds `value` as text whatever it is: letters, digits, space, `-`, `_`
    /// and `.` as they are, anything else as a hex escape, so that no font name ends the string, the rule or the
    /// `<style>` element.
    static func cssString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x20, 0x2D, 0x5F, 0x2E: out.unicodeScalars.append(scalar)
            default: out += "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
            }
        }
        return out + "\""
    }

    /// An id made of `[a-z0-9-_]` only, never empty, starting with a letter.
    static func anchor(_ raw: String) -> String {
        var result = ""
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: result.unicodeScalars.append(scalar)
            case 0x41...0x5A: result.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20) ?? "x")
            default: if !result.hasSuffix("-") { result += "-" }
            }
        }
        while result.hasPrefix("-") { result.removeFirst() }
        while result.hasSuffix("-") { result.removeLast() }
        if !(result.unicodeScalars.first.map { (0x61...0x7A).contains($0.value) } ?? false) {
            result = "x-" + result
        }
        return result
    }
}

/// One rendering: the output so far and the ids already used.
private struct HTMLRenderer {
    let document: BriefDocument
    var out = ""
    var usedIDs: Set<String> = ["main", "contents", "contents-heading", "banner-top", "banner-bottom"]
    /// Note numbers that have an anchor (the notes the document prints), for citations.
    let anchoredNotes: Set<Int>
    /// Notes whose anchor is written: a note printed twice is anchored once.
    var writtenAnchors: Set<Int> = []

    init(document: BriefDocument) {
        self.document = document
        self.anchoredNotes = Set(document.notes.map(\.number))
        for number in anchoredNotes { usedIDs.insert("note-\(number)") }
    }

    /// A unique id from `raw`; with `suffixes`, the ids made by appending each suffix are unique and reserved too.
    mutating func id(_ raw: String, suffixes: [String] = []) -> String {
        let base = HTMLWriter.anchor(raw)
        var candidate = base
        var counter = 2
        while ([candidate] + suffixes.map { candidate + $0 }).contains(where: usedIDs.contains) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        usedIDs.insert(candidate)
        for suffix in suffixes { usedIDs.insert(candidate + suffix) }
        return candidate
    }

    func t(_ value: String) -> String { HTMLWriter.text(value) }

    mutating func line(_ text: String) {
        out += text
        out += "\n"
    }

    // MARK: Page

    mutating func render() -> String {
        let sectionIDs = document.sections.map { id($0.anchor) }
        let banner = document.banner
        let metadata = document.metadata

        line("<!DOCTYPE html>")
        line("<html lang=\"\(t(metadata.language.isEmpty ? "en" : metadata.language))\">")
        line("<head>")
        line("<meta charset=\"utf-8\">")
        line("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">")
        line("<meta name=\"referrer\" content=\"no-referrer\">")
        line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        line("<title>\(t(metadata.title))</title>")
        line("<meta name=\"generator\" content=\"\(t(metadata.generator))\">")
        line("<meta name=\"description\" content=\"\(t(metadata.subject))\">")
        if !metadata.keywords.isEmpty {
            line("<meta name=\"keywords\" content=\"\(t(metadata.keywords.joined(separator: ", ")))\">")
        }
        line("<meta name=\"dcterms.date\" content=\"\(t(metadata.date.iso))\">")
        line("<meta name=\"handling-marking\" content=\"\(t(banner.banner))\">")
        line("<style>")
        out += HTMLStyle.css(document.style)
        if document.hasRevisions { out += HTMLStyle.revisions }
        line("</style>")
        line("</head>")
        line("<body class=\"marking-\(banner.name)\">")
        line("<a class=\"skip-link\" href=\"#main\">Skip to the briefing</a>")
        line("<header class=\"banner banner-top banner-\(banner.name)\" id=\"banner-top\" aria-label=\"Handling marking\">\(t(banner.banner))</header>")
        writeLetterhead()
        line("<main id=\"main\">")
        line("<h1>\(t(document.title))</h1>")
        if !metadata.subject.isEmpty {
            line("<p class=\"subtitle\">\(t(metadata.subject))</p>")
        }

        // The memo header first, then the contents, then the rest.
        var tocWritten = false
        for (index, section) in document.sections.enumerated() {
            if !tocWritten && section.kind != .header {
                writeContents(sectionIDs: sectionIDs)
                tocWritten = true
            }
            write(section, id: sectionIDs[index])
        }
        if !tocWritten { writeContents(sectionIDs: sectionIDs) }

        line("</main>")
        line("<footer class=\"banner banner-bottom banner-\(banner.name)\" id=\"banner-bottom\" aria-label=\"Handling marking\">\(t(banner.banner))</footer>")
        line("</body>")
        line("</html>")
        return out
    }

    mutating func writeContents(sectionIDs: [String]) {
        let entries = zip(document.sections, sectionIDs).filter { $0.0.kind != .header }
        guard entries.count > 1 else { return }
        line("<nav class=\"toc\" id=\"contents\" aria-labelledby=\"contents-heading\">")
        line("<h2 id=\"contents-heading\">Contents</h2>")
        line("<ol>")
        for (section, sectionID) in entries {
            line("<li><a href=\"#\(sectionID)\">\(section.headingMarking.map(mark) ?? "")\(t(section.heading))</a></li>")
        }
        line("</ol>")
        line("</nav>")
    }

    /// The letterhead above the memo: the image (inline, as a `data:` URI) and the lines, when the style has them.
    mutating func writeLetterhead() {
        let style = document.style
        guard !style.letterhead.isEmpty || style.letterheadImage != nil else { return }
        line("<div class=\"letterhead\">")
        if let image = style.letterheadImage {
            line("<img class=\"letterhead-image\" src=\"data:image/png;base64,\(HTMLWriter.base64(image.png))\" alt=\"\(t(image.description))\" width=\"\(image.pixelWidth)\" height=\"\(image.pixelHeight)\">")
        }
        if !style.letterhead.isEmpty {
            line("<p class=\"letterhead-lines\">\(style.letterhead.map(t).joined(separator: "<br>"))</p>")
        }
        line("</div>")
    }

    mutating func write(_ section: Section, id sectionID: String) {
        let headingID = id(sectionID + "-heading")
        let newPage = section.startsOnNewPage ? " new-page" : ""
        line("<section id=\"\(sectionID)\" class=\"section-\(section.kind.anchor)\(newPage)\" aria-labelledby=\"\(headingID)\">")
        line("<h2 id=\"\(headingID)\">\(section.headingMarking.map(mark) ?? "")\(t(section.heading))</h2>")
        for block in section.blocks {
            switch block {
            case .paragraph(let paragraph):
                line("<p>\(mark(paragraph.marking))\(inlines(paragraph.content))</p>")
            case .facts(let facts):
                write(facts, heading: section.heading)
            case .table(let table):
                write(table)
            case .chart(let chart):
                write(chart)
            case .bullets(let list):
                write(list)
            case .notes(let notes):
                write(notes)
            case .heading(let heading):
                // Sections are h2: a part of one is h3, a part of that h4.
                let level = 2 + min(max(heading.level, 1), 2)
                line("<h\(level)>\(heading.marking.map(mark) ?? "")\(heading.revisedText.map(inlines) ?? t(heading.text))</h\(level)>")
            }
        }
        line("</section>")
    }

    // MARK: Portion marks and inline content

    /// The portion mark and a space, or nothing in an edition without portion marks.
    func mark(_ marking: Marking) -> String {
        guard document.showsPortionMarks else { return "" }
        return "<span class=\"pm pm-\(marking.name)\" title=\"\(marking.name)\">\(t(marking.portionMark))</span> "
    }

    func inlines(_ content: [Inline]) -> String {
        var result = ""
        for inline in content {
            switch inline {
            case .text(let text): result += t(text)
            case .strong(let text): result += "<strong>\(t(text))</strong>"
            case .emphasis(let text): result += "<em>\(t(text))</em>"
            case .date(let day): result += "<time datetime=\"\(t(day.iso))\">\(t(day.prose))</time>"
            case .code(let text): result += "<code>\(t(text))</code>"
            case .revision(.insertion, let content): result += "<ins>\(inlines(content))</ins>"
            case .revision(.deletion, let content): result += "<del>\(inlines(content))</del>"
            case .link(let text, let href): result += link(text: text, href: href)
            case .citation(let number):
                if anchoredNotes.contains(number) {
                    result += "<sup class=\"cite\"><a href=\"#note-\(number)\" aria-label=\"Note \(number)\">[\(number)]</a></sup>"
                } else {
                    result += "<sup class=\"cite\">[\(number)]</sup>"
                }
            }
        }
        return result
    }

    /// A table cell's content: its text, or its text and citations.
    func content(_ cell: DataTable.Cell) -> String {
        switch cell {
        case .text(let text): t(text)
        case .inlines(let content): inlines(content)
        }
    }

    func link(text: String, href: String) -> String {
        guard HTMLWriter.isLinkable(href) else { return t(text) }
        return "<a href=\"\(t(href))\" rel=\"noopener noreferrer\">\(t(text))</a>"
    }

    // MARK: Blocks

    mutating func write(_ list: BulletList) {
        let element = list.ordered ? "ol" : "ul"
        line("<\(element)>")
        for item in list.items {
            line("<li>\(mark(item.marking))\(inlines(item.content))</li>")
        }
        line("</\(element)>")
    }

    /// Notes, each the target of its citations.
    mutating func write(_ notes: [Note]) {
        line("<ul class=\"notes\">")
        for note in notes {
            let anchor = writtenAnchors.insert(note.number).inserted ? " id=\"note-\(note.number)\"" : ""
            line("<li\(anchor)>\(mark(note.marking))\(inlines(note.content))</li>")
        }
        line("</ul>")
    }

    mutating func write(_ facts: FactTable, heading: String) {
        // A caption that repeats the section heading is kept for screen readers only.
        let captionClass = facts.caption == heading ? " class=\"vh\"" : ""
        line("<table class=\"facts\">")
        line("<caption\(captionClass)>\(t(facts.caption))</caption>")
        line("<tbody>")
        for row in facts.rows {
            let markCell = document.showsPortionMarks ? "<td class=\"pm-cell\">\(mark(row.marking).dropLast())</td>" : ""
            line("<tr>\(markCell)<th scope=\"row\">\(t(row.label))</th><td>\(inlines(row.value))</td></tr>")
        }
        line("</tbody>")
        line("</table>")
    }

    mutating func write(_ table: DataTable) {
        let tableID = id("table-" + table.kind.anchor, suffixes: ["-caption"])
        let captionID = tableID + "-caption"
        let width = max(table.columns.count, table.rows.map(\.cells.count).max() ?? 0)
        let flagged = table.rows.contains(where: \.flagged)
        // The wrap scrolls a wide table sideways on a narrow screen: a keyboard must reach it (tabindex), and a
        // screen reader hears it as a region named by the table's caption (WCAG 2.1.1, axe scrollable-region-focusable).
        line("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"\(captionID)\">")
        // Wide tables (the prisoners table) get a smaller type so that words need not break.
        let tableClass = width + (document.showsPortionMarks ? 1 : 0) > 6 ? "data wide" : "data"
        line("<table class=\"\(tableClass)\" id=\"\(tableID)\">")
        // The legend of flagged rows is part of the caption, so that it stays with the table on paper.
        let legend = flagged ? " <span class=\"legend\" aria-hidden=\"true\"><span class=\"flag\">⚑</span> marks a flagged row</span>" : ""
        line("<caption id=\"\(captionID)\">\(t(table.caption))\(legend)</caption>")
        line("<thead>")
        var header = "<tr>"
        if document.showsPortionMarks { header += "<th scope=\"col\" class=\"pm-cell\">Mark</th>" }
        for index in 0..<width {
            let column = index < table.columns.count ? table.columns[index] : nil
            header += "<th scope=\"col\"\(column?.numeric == true ? " class=\"num\"" : "")>\(t(column?.title ?? ""))</th>"
        }
        line(header + "</tr>")
        line("</thead>")
        line("<tbody>")
        if table.rows.isEmpty {
            let span = width + (document.showsPortionMarks ? 1 : 0)
            line("<tr><td class=\"empty\" colspan=\"\(max(span, 1))\">No entries.</td></tr>")
        }
        for row in table.rows {
            var html = row.flagged ? "<tr class=\"flagged\">" : "<tr>"
            if document.showsPortionMarks { html += "<td class=\"pm-cell\">\(mark(row.marking).dropLast())</td>" }
            for index in 0..<width {
                let numeric = index < table.columns.count && table.columns[index].numeric
                let cell = index < row.cells.count ? row.cells[index] : .text("")
                let value = content(cell)
                if index == 0 {
                    let flag = row.flagged ? "<span class=\"flag\" aria-hidden=\"true\">⚑</span><span class=\"vh\">Flagged: </span>" : ""
                    html += "<th scope=\"row\"\(numeric ? " class=\"num\"" : "")>\(flag)\(value)</th>"
                } else {
                    // A date is kept on one line (`2015-01-06` would otherwise break at a hyphen).
                    var classes: [String] = []
                    if numeric { classes.append("num") }
                    if case .text(let text) = cell, Day(iso: text) != nil { classes.append("date") }
                    if classes.isEmpty {
                        html += "<td>\(value)</td>"
                    } else {
                        html += "<td class=\"\(classes.joined(separator: " "))\">\(value)</td>"
                    }
                }
            }
            line(html + "</tr>")
        }
        line("</tbody>")
        line("</table>")
        line("</div>")
    }

    mutating func write(_ chart: Chart) {
        let chartID = id("chart-" + chart.id, suffixes: ["-title", "-desc"])
        line("<figure class=\"chart\" id=\"\(chartID)\">")
        // The caption comes first: a figcaption must be the first or the last child, and the data follow the chart.
        line("<figcaption>\(mark(chart.marking))<strong>\(t(chart.title)).</strong> \(t(chart.description))</figcaption>")
        if let svg = SVGChartRenderer().render(chart, idPrefix: chartID) {
            line(svg)
        } else {
            line("<p class=\"no-data\">No data to chart.</p>")
        }
        if !chart.points.isEmpty {
            let isTimeline: Bool
            if case .timeline = chart.kind { isTimeline = true } else { isTimeline = false }
            line("<details class=\"chart-data\">")
            line("<summary>Data for this chart</summary>")
            line("<table class=\"data\">")
            line("<caption>\(t(chart.title)): data</caption>")
            line("<thead><tr><th scope=\"col\">\(isTimeline ? "Date" : "Category")</th><th scope=\"col\" class=\"num\">\(isTimeline ? "Cumulative" : "Count")</th></tr></thead>")
            line("<tbody>")
            for point in chart.points {
                line("<tr><th scope=\"row\">\(t(point.label))</th><td class=\"num\">\(point.value)</td></tr>")
            }
            if case .timeline(let target?) = chart.kind {
                line("<tr class=\"target-row\"><th scope=\"row\">Committed</th><td class=\"num\">\(target)</td></tr>")
            }
            line("</tbody>")
            line("</table>")
            line("</details>")
        }
        line("</figure>")
    }
}

/// The page's style sheet: system fonts only, restrained colours, print rules. No data reaches it but the house
/// style's, which is public: its colour as `#RRGGBB` and its font names as escaped CSS strings (`HTMLWriter.cssString`).
private enum HTMLStyle {
    /// The style sheet for a house style: its custom properties, the rules, the page size, and, for a house look
    /// other than the standard one, the accent on headings and rules.
    static func css(_ style: HouseStyle) -> String {
        properties(style) + rules + page(style.pageSize) + (isStandardLook(style) ? "" : house)
    }

    /// Whether the style keeps the standard colours and fonts: the page then looks as it did before house styles
    /// (headings in the body's serif, no accent colour), whatever its letterhead and page size.
    static func isStandardLook(_ style: HouseStyle) -> Bool {
        style.accent == HouseStyle.standard.accent && style.bodyFont == HouseStyle.standard.bodyFont
            && style.headingFont == HouseStyle.standard.headingFont
    }

    static let standardBodyFonts = #"Georgia, "DejaVu Serif", "Times New Roman", serif"#

    static func properties(_ style: HouseStyle) -> String {
        let standard = isStandardLook(style)
        // The committee's fonts first, then the standard ones for a reader that does not have them.
        let body = standard ? standardBodyFonts : HTMLWriter.cssString(style.bodyFont) + ", " + standardBodyFonts
        let heading = standard ? "var(--body-font)"
            : HTMLWriter.cssString(style.headingFont) + #", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif"#
        return """
        :root {
          --accent: \(style.accent.hex);
          --body-font: \(body);
          --heading-font: \(heading);
          --page-width: \(style.pageSize == .a4 ? "210mm" : "8.5in");
        }

        """
    }

    static func page(_ size: HouseStyle.PageSize) -> String {
        "@page { size: \(size == .a4 ? "A4" : "Letter"); margin: 0.55in 0.7in; }\n"
    }

    /// Insertions and deletions of a redline: underlined and struck through (never told by colour alone), and
    /// announced to screen readers by hidden text where each starts and ends, since most say nothing of `ins`/`del`.
    static let revisions = """
    ins { text-decoration: underline; background: #e6f4ea; color: #0b5a1f; }
    del { text-decoration: line-through; background: #fbe7e9; color: #8b1a24; }
    ins::before, ins::after, del::before, del::after {
      position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(100%); white-space: nowrap;
    }
    ins::before { content: " [insertion start] "; }
    ins::after { content: " [insertion end] "; }
    del::before { content: " [deletion start] "; }
    del::after { content: " [deletion end] "; }

    """

    /// The accent of a house look: headings, their rules, the contents' edge.
    static let house = """
    h1, h2, h3 { color: var(--accent); }
    h2 { border-bottom-color: var(--accent); }
    nav.toc { border-left-color: var(--accent); }

    """

    static let rules = """
    :root {
      --ink: #1f2328;
      --muted: #5b6169;
      --rule: #c9ced4;
      --paper: #ffffff;
      --shade: #f4f5f7;
      --flag-bg: #fff4d6;
      --flag-edge: #b7791f;
      --link: #1d4f91;
    }
    * { box-sizing: border-box; }
    html { background: #e9ebee; }
    body {
      margin: 0 auto;
      max-width: var(--page-width);
      background: var(--paper);
      color: var(--ink);
      font: 16px/1.5 var(--body-font);
      box-shadow: 0 0 0 1px var(--rule);
    }
    main { padding: 0.4in 0.65in 0.5in; }
    .skip-link { position: absolute; left: -9999px; }
    .skip-link:focus { left: 1rem; top: 1rem; background: var(--paper); padding: 0.25rem 0.5rem; z-index: 10; }
    .vh {
      position: absolute !important; width: 1px; height: 1px; overflow: hidden;
      clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; padding: 0; margin: -1px;
    }
    .banner {
      display: block;
      margin: 0;
      padding: 0.3rem 1rem;
      text-align: center;
      font: 700 0.95rem/1.4 "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
      letter-spacing: 0.14em;
      text-transform: uppercase;
      border-style: solid;
      border-width: 2px 0;
    }
    .banner-public { background: #e3f1e6; color: #14532d; border-color: #2f7d46; }
    .banner-committee { background: #fff1cc; color: #5c3c00; border-color: #b7791f; }
    .banner-restricted { background: #fbe3e3; color: #7f1d1d; border-color: #b42318; }
    .letterhead {
      display: flex; align-items: center; gap: 0.2in; padding: 0.3in 0.65in 0.15in;
      border-bottom: 2px solid var(--accent); font-family: var(--heading-font);
    }
    .letterhead-image { height: 0.8in; width: auto; }
    .letterhead-lines { margin: 0; line-height: 1.35; }
    h1, h2, h3 { font-family: var(--heading-font); }
    h1 { font-size: 1.65rem; line-height: 1.25; margin: 0.6rem 0 0.25rem; font-weight: 700; }
    .subtitle { margin: 0 0 1.2rem; color: var(--muted); font-style: italic; }
    h2 {
      font-size: 1.15rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem;
      border-bottom: 1px solid var(--rule); letter-spacing: 0.02em;
    }
    h3 { font-size: 1rem; margin: 1.3rem 0 0.4rem; }
    p { margin: 0 0 0.75rem; }
    a { color: var(--link); }
    ul, ol { margin: 0 0 0.9rem; padding-left: 1.4rem; }
    /* An identifier or a hash is never broken across lines: a cut hash reads as two. */
    code {
      font: 0.86em/1 "DejaVu Sans Mono", Menlo, Consolas, monospace;
      white-space: nowrap; overflow-wrap: normal; word-break: keep-all; hyphens: none;
    }
    time { white-space: nowrap; }
    li { margin: 0 0 0.35rem; }
    ul.notes { list-style: none; padding-left: 0; }
    ul.notes li { padding-left: 1.6rem; text-indent: -1.6rem; overflow-wrap: anywhere; }
    :target { background: #fff7d1; }
    .pm {
      font: 700 0.78em/1 "DejaVu Sans Mono", Menlo, Consolas, monospace;
      color: var(--muted);
      white-space: nowrap;
      text-indent: 0;
    }
    .pm-committee { color: #7a4e00; }
    .pm-restricted { color: #991b1b; }
    sup.cite { font-size: 0.7em; line-height: 0; }
    sup.cite a { text-decoration: none; }
    nav.toc {
      margin: 1.2rem 0 0.5rem; padding: 0.6rem 1rem; background: var(--shade); border-left: 3px solid var(--rule);
      font-size: 0.92rem;
    }
    nav.toc h2 { margin: 0 0 0.3rem; border: 0; font-size: 0.95rem; text-transform: uppercase; letter-spacing: 0.08em; }
    nav.toc ol { margin: 0; padding-left: 1.3rem; columns: 2; column-gap: 2rem; }
    nav.toc li { margin: 0; }
    /* Each entry a target at least 24 px high (WCAG 2.2, 2.5.8 Target Size). */
    /* Aligned at the top, so that a wrapped entry keeps its number beside its first line. */
    nav.toc a { display: inline-block; min-height: 24px; padding: 2px 0; vertical-align: top; }
    table { border-collapse: collapse; width: 100%; margin: 0 0 1rem; font-size: 0.86rem; line-height: 1.35; }
    caption { caption-side: top; text-align: left; font-style: italic; color: var(--muted); padding: 0 0 0.35rem; }
    th, td { padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
    table.data thead th {
      background: var(--shade); border-bottom: 2px solid var(--ink); font-weight: 700; white-space: nowrap;
    }
    table.data tbody th { font-weight: 600; white-space: nowrap; }
    table.data tbody tr { border-bottom: 1px solid var(--rule); }
    table.data td, table.data th { overflow-wrap: break-word; hyphens: manual; }
    table.data.wide { font-size: 0.78rem; }
    table.data.wide th, table.data.wide td { padding: 0.25rem 0.3rem; }
    table.data.wide thead th { white-space: normal; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    td.date { white-space: nowrap; }
    .pm-cell { width: 2.8em; white-space: nowrap; }
    tr.flagged { background: var(--flag-bg); }
    tr.flagged > :first-child { box-shadow: inset 3px 0 0 var(--flag-edge); }
    tr.flagged th[scope="row"] .flag { margin-right: 0.3em; }
    .flag { color: var(--flag-edge); font-family: "DejaVu Sans", "Segoe UI Symbol", sans-serif; }
    caption .legend { font-style: normal; white-space: nowrap; margin-left: 0.5em; padding: 0 0.35em; background: var(--flag-bg); }
    .table-wrap { overflow-x: auto; }
    .table-wrap:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
    td.empty { color: var(--muted); font-style: italic; }
    table.facts { width: auto; min-width: 60%; font-size: 0.95rem; }
    table.facts th { width: 9rem; font-weight: 700; padding-left: 0; white-space: nowrap; }
    table.facts td { overflow-wrap: anywhere; }
    table.facts tr { border-bottom: 1px solid #eceef1; }
    .section-header table.facts { border-top: 2px solid var(--ink); border-bottom: 2px solid var(--ink); width: 100%; }
    figure.chart { margin: 0 0 1.5rem; }
    figure.chart svg { display: block; width: 100%; max-width: 640px; height: auto; }
    figcaption { font-size: 0.9rem; color: var(--ink); margin-bottom: 0.4rem; }
    .no-data { padding: 1rem; background: var(--shade); color: var(--muted); font-style: italic; margin: 0; }
    details.chart-data { font-size: 0.86rem; margin-top: 0.4rem; }
    details.chart-data summary { color: var(--link); }
    details.chart-data table { width: auto; min-width: 40%; margin-top: 0.4rem; }
    @media print {
      html { background: none; }
      body {
        max-width: none; margin: 0; box-shadow: none; font-size: 10.5pt;
        /* Room for the fixed banners, repeated on every page. */
        padding: 0.42in 0;
        box-decoration-break: clone; -webkit-box-decoration-break: clone;
      }
      main { padding: 0; }
      .letterhead { padding: 0 0 0.1in; margin-bottom: 0.1in; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .banner { position: fixed; left: 0; right: 0; font-size: 9pt; padding: 0.05in 0; }
      .banner-top { top: 0; }
      .banner-bottom { bottom: 0; }
      nav.toc, .skip-link, details.chart-data { display: none; }
      h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
      /* Case sheets (one a page) and appendices start a page. */
      .new-page { break-before: page; page-break-before: always; }
      tr, figure { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; break-after: avoid; }
      table.data { font-size: 8.5pt; }
      table.data.wide { font-size: 7.5pt; }
      caption { break-after: avoid; }
      .table-wrap { overflow: visible; }
      a { color: inherit; text-decoration: none; }
      :target { background: none; }
    }

    """
}
