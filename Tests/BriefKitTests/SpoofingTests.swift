@testable import BriefKit
import Foundation
import Testing

/// Spoofing and injection through data (issue 12, items 8–11), each test built from the attack itself: bidirectional
/// controls that reorder the text around them, CSV cells that become formulas in a `;`-separated spreadsheet,
/// Markdown that mentions people and links on GitHub, and lines that a CI runner reads as workflow commands.
@Suite(.serialized) struct SpoofingTests {
    // MARK: Inputs

    /// A list whose data carries the attacks: a source description ending in an unbalanced RIGHT-TO-LEFT OVERRIDE
    /// (so "say 39" would read "93 yas"), a name that is three cells in a `;` spreadsheet, mentions, autolinks and
    /// workflow commands.
    static func hostileList(name: String = "Juan;=1+1;=HYPERLINK(\"https://evil.example/x\",\"y\")",
                            note: String = "ping @octocat and @org/team, see www.evil.example or https://evil.example/x, write lists@example.org, fixes #12",
                            revision: Int = 2) -> String {
        listXML(
            agreement: """
            <agreement announced="2014-12-17" committed="1"><party>United States</party><party>\(note)</party></agreement>
            """,
            sources: #"""
            <source id="usg" kind="government" marking="public" href="https://example.org/officials">US officials\#u{202E}</source>
            <source id="ngo" kind="ngo" marking="public">::add-mask::Dissidents \#u{2067}##[error]x</source>
            """#,
            counts: #"<counts><count source="usg" date="2015-01-12" of="released">39</count><count source="ngo" date="2015-01-12" of="released">53</count></counts>"#,
            prisoners: """
              <prisoner id="P1" list="agreed" marking="public">
                <name marking="public">\(name)</name>
                <born>1970</born>
                <province>\u{202E}53\u{202C} ::add-mask::secret</province>
                <detention arrested="2012-03-01"/>
                <status value="released" date="2015-01-10" source="usg"/>
                <condition kind="reporting" since="2015-01-10" source="usg">\(note)</condition>
                <warning kind="rearrest" date="2015-01-11" source="ngo">::error title=spoofed::injected ##[add-mask]secret</warning>
                <note>\(note)</note>
              </prisoner>
            """
        ).replacingOccurrences(of: "revision=\"2\"", with: "revision=\"\(revision)\"")
    }

    static func inputs(_ xml: String, name: String = "list.xml") throws -> BriefInputs {
        let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1))
        let inputs = try BriefInputs.resolve(path: name, in: .memory([name: Array(xml.utf8)]), validator: validator)
        #expect(!inputs.hasErrors, "\(inputs.report.files.flatMap(\.diagnostics).map(\.message))")
        return inputs
    }

    static func briefing(_ xml: String = hostileList(), audience: Marking = .committee) throws -> Briefing {
        try Briefing.make(inputs: try inputs(xml), audience: audience, date: Day(iso: "2015-01-13"))
    }

    static func diff(audience: Marking = .public) throws -> DiffBriefing {
        let old = try inputs(hostileList(name: "Ana Pérez", note: "old note", revision: 1))
        return try DiffBriefing.make(old: old, new: try inputs(hostileList()), audience: audience, date: Day(iso: "2015-01-13"))
    }

    /// Every text output of a briefing, and the text of its DOCX parts, by name.
    static func outputs(_ briefing: Briefing) throws -> [String: String] {
        let document = briefing.document
        var texts = [
            "html": HTMLWriter().render(document), "md": MarkdownWriter().render(document), "txt": TextWriter().render(document),
            "json": JSONWriter().render(briefing.export), "csv": CSVWriter().render(document),
        ]
        for part in DOCXWriter().parts(document) where part.name.hasSuffix(".xml") || part.name.hasSuffix(".rels") {
            texts["docx " + part.name] = String(decoding: part.bytes, as: UTF8.self)
        }
        return texts
    }

    /// The outputs of `brief diff` in every format.
    static func diffOutputs(_ briefing: DiffBriefing) throws -> [String: String] {
        [
            "diff human": DiffTerminalRenderer(color: false).render(briefing.document),
            "diff markdown": MarkdownWriter().render(briefing.document),
            "diff html": HTMLWriter().render(briefing.document),
            "diff json": try JSONOutput.encode(briefing.export),
        ]
    }

    // MARK: 8. Bidirectional controls

    /// No bidirectional formatting character from data reaches any output raw, in any format: none can reorder the
    /// text around it ("say 39" read "93 yas", 53 read 35).
    @Test func noBidiControlReachesAnyOutputRaw() throws {
        var texts = try Self.outputs(try Self.briefing())
        texts.merge(try Self.diffOutputs(try Self.diff()), uniquingKeysWith: { $1 })
        texts["textconv"] = ListTextConverter.render(try #require(try Self.inputs(Self.hostileList()).prisonerList))
        #expect(texts.count > 10)
        for (format, text) in texts {
            let raw = text.unicodeScalars.filter(Escaping.isBidiControl)
            #expect(raw.isEmpty, "\(format) holds \(raw.map { String($0.value, radix: 16) }) raw")
        }
        // What readers see instead: the control, escaped, where it was; the text after it in order.
        let html = try #require(texts["html"])
        #expect(html.contains("39 (US officials\\u{202E}, "), "the bottom line keeps its order")
        #expect(html.contains("\\u{202E}53\\u{202C}"))
        #expect(texts["csv"]?.contains("\\u{202E}53\\u{202C}") == true)
        #expect(texts["docx word/document.xml"]?.contains("US officials\\u{202E}") == true)
    }

    /// JSON keeps the data faithful: each control is written as a `\u` escape, which decodes to the same string.
    @Test func jsonWritesBidiControlsAsEscapesOfTheSameValue() throws {
        let briefing = try Self.briefing()
        let json = JSONWriter().render(briefing.export)
        #expect(json.contains(#"US officials\u202e"#))
        #expect(json == (try JSONOutput.encode(briefing.export)), "the stream writer and JSONEncoder escape alike")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sources = try #require(object["sources"] as? [[String: Any]])
        #expect(sources.compactMap { $0["description"] as? String }.contains("US officials\u{202E}"))
        #expect(sources.compactMap { $0["description"] as? String }.contains("::add-mask::Dissidents \u{2067}##[error]x"))
        // JSONEncoder's outputs (diff, diagnostics, SARIF) are written the same way, and decode the same.
        let diff = try JSONOutput.encode(["name": "a\u{202E}b\u{200F}##[c"])
        #expect(diff.contains(#""a\u202eb\u200f##\u005bc""#))
        #expect(try JSONDecoder().decode([String: String].self, from: Data(diff.utf8)) == ["name": "a\u{202E}b\u{200F}##[c"])
        var bytes: [UInt8] = []
        Escaping.appendJSONString("x\u{61C}\u{2066}\u{2069}\u{200E}\"\\\n\u{1}é—", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #""x\u061c\u2066\u2069\u200e\"\\\n\u0001é—""#)
    }

    // MARK: 9. CSV formulas

    /// `Juan;=1+1;=HYPERLINK(...)`: a spreadsheet that splits at `;` (or `,` or tab, by locale) sees no cell that
    /// starts a formula, quotes honoured or not.
    @Test func noCellStartsAFormulaWhateverTheSeparator() throws {
        let csv = try #require(try Self.outputs(try Self.briefing())["csv"])
        let row = try #require(csv.components(separatedBy: "\r\n").first { $0.contains("Juan") })
        #expect(row.contains(#""Juan;'=1+1;'=HYPERLINK(""https://evil.example/x"",""y"")""#), "quoted, each formula start neutralised")
        for separator in [",", ";", "\t"] {
            for cell in row.components(separatedBy: separator) {
                var text = Substring(cell).drop { $0 == " " }
                if text.first == "\"" { text = text.dropFirst().drop { $0 == " " } }
                #expect(!(text.first.map { "=+-@\t\r".contains($0) } ?? false), "a '\(separator)' reader sees a formula in \(cell.debugDescription)")
            }
        }
        #expect(CSVWriter.field("Juan;=1+1") == #""Juan;'=1+1""#)
        #expect(CSVWriter.field("a\tb") == "\"a\tb\"", "a tab is a separator: quoted")
        #expect(CSVWriter.field("a, -1, @x") == #""a, '-1, '@x""#)
        #expect(CSVWriter.field("  =1") == "  '=1")
        #expect(CSVWriter.field("line\n=cmd") == "\"line\n'=cmd\"")
        #expect(CSVWriter.field("2015-01-10") == "2015-01-10")
        #expect(CSVWriter.field("Pérez-Gómez") == "Pérez-Gómez")
        #expect(CSVWriter.field("=1+2") == "'=1+2")
        #expect(CSVWriter.field("a\u{202E}b") == "a\\u{202E}b")
    }

    // MARK: 10. Markdown mentions and autolinks

    /// Data renders as text on GitHub: no `@mention`, `@org/team`, issue reference, `www.`, `https://` or e-mail
    /// autolink comes from data, in the briefing or in `brief diff --format markdown`; links of the document stay.
    @Test func markdownDataMentionsNoOneAndLinksNothing() throws {
        let texts = ["md": try #require(try Self.outputs(try Self.briefing())["md"]),
                     "diff markdown": try #require(try Self.diffOutputs(try Self.diff())["diff markdown"])]
        for (format, markdown) in texts {
            #expect(markdown.contains("@<!-- -->octocat") && markdown.contains("@<!-- -->org/team"), "\(format)")
            #expect(markdown.contains("www\\.evil.example") && markdown.contains("https\\://evil.example/x"), "\(format)")
            #expect(markdown.contains("lists@<!-- -->example.org") && markdown.contains("\\#<!-- -->12"), "\(format)")
            for live in ["@octocat", "@org/team", "www.evil", "https://evil", "lists@example", "#12"] {
                #expect(!markdown.contains(live), "\(format) holds \(live) live")
            }
        }
        let md = try #require(texts["md"])
        #expect(md.contains("](https://example.org/officials)"), "the document's own link stays a link")
        #expect(MarkdownWriter.escape("@ana") == "@<!-- -->ana")
        #expect(MarkdownWriter.escape("a @ b") == "a @ b")
        #expect(MarkdownWriter.escape("WWW.example.org") == "WWW\\.example.org")
        #expect(MarkdownWriter.escape("ftp://x") == "ftp\\://x")
        #expect(MarkdownWriter.escape("Note: 12:30") == "Note: 12:30")
        #expect(MarkdownWriter.escape("example.org") == "example.org", "a bare domain is no GFM autolink")
    }

    // MARK: 11. Workflow commands in logs

    /// Whether the GitHub Actions runner reads `line` as a workflow command (`ActionCommand.TryParseV2` and
    /// `TryParse`): after .NET's `TrimStart`, it starts with `::`, or it holds `##[` anywhere.
    static func isWorkflowCommand(_ line: Substring) -> Bool {
        let trimmed = line.unicodeScalars.drop { $0.properties.isWhitespace || (0x09...0x0D).contains($0.value) }
        return String(String.UnicodeScalarView(trimmed)).hasPrefix("::") || line.contains("##[")
    }

    /// The lines a runner reads, split as it splits them: at LF, CR and CRLF.
    static func commandLines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.filter(isWorkflowCommand)
    }

    /// No line of a human output starts a workflow command or holds `##[`: the text edition, `brief diff`, textconv,
    /// Markdown printed by `brief diff --format markdown`, and HTML and JSON printed by `brief diff`.
    @Test func noHumanOutputLineIsAWorkflowCommand() throws {
        var texts = try Self.outputs(try Self.briefing(audience: .public))
        texts.merge(try Self.diffOutputs(try Self.diff()), uniquingKeysWith: { $1 })
        texts["textconv"] = ListTextConverter.render(try #require(try Self.inputs(Self.hostileList()).prisonerList))
        for format in ["txt", "md", "html", "json", "diff human", "diff markdown", "diff html", "diff json", "textconv"] {
            let text = try #require(texts[format])
            #expect(Self.commandLines(text).isEmpty, "\(format): \(Self.commandLines(text))")
        }
        // The text edition wraps: whatever lands at the start of a line is escaped, not only what starts a string.
        #expect(texts["txt"]?.contains(":\\u{3A}add-mask:\\u{3A}secret") == true)
        #expect(texts["txt"]?.contains("##\\u{5B}add-mask]") == true)
        #expect(Escaping.terminal("x ##[a] ::b") == "x ##\\u{5B}a] :\\u{3A}b")
        #expect(Escaping.commandSafeLines(" \u{A0}\u{3000}::a::b\r::c\n##[d]") == " \u{A0}\u{3000}:\\u{3A}a::b\r:\\u{3A}c\n##\\u{5B}d]")
        #expect(Escaping.commandSafeLines("a::b: ##c [") == "a::b: ##c [")
    }

    /// A file named `::error::x.xml` (and one whose line holds `##[add-mask]`) starts no workflow command in human
    /// diagnostics; JUnit and JSON keep line breaks of a file name inside their markup.
    @Test func diagnosticsOfAHostileFileNameStartNoCommand() throws {
        let checked = check("<notXML ##[add-mask]secret", name: "::error title=spoofed::x.xml")
        let report = ValidationReport(files: [FileReport(checked)])
        let human = HumanDiagnosticRenderer(color: false).render(report)
        #expect(human.contains(":\\u{3A}error title=spoofed:\\u{3A}x.xml:1:"))
        #expect(Self.commandLines(human).isEmpty, "\(Self.commandLines(human))")
        let junit = JUnitRenderer().render(ValidationReport(files: [FileReport(check("<x", name: "a\n::error::x.xml"))]))
        #expect(Self.commandLines(junit).isEmpty, "\(Self.commandLines(junit))")
        #expect(junit.contains("name=\"a&#10;::error::x.xml\""))
        #expect(Self.commandLines(try JSONDiagnosticRenderer().render(report)).isEmpty)
        #expect(Self.commandLines(try SARIFRenderer().render(report)).isEmpty)
    }

    /// `--format github`: one command per diagnostic, whatever the file name and message hold; properties and data
    /// read back (by the runner's rules) as what brief meant.
    @Test func githubAnnotationsCannotBeGivenASecondCommand() throws {
        let name = "a,b::error::c%0A::add-mask::d\r::warning::e\n.xml"
        let report = ValidationReport(files: [FileReport(check("<x>%0A::add-mask::s\r\n::error::t ##[error]u", name: name))])
        let output = GitHubAnnotationRenderer().render(report)
        let lines = output.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        let commands = lines.filter { $0.hasPrefix("::") }
        #expect(commands.count == report.files[0].diagnostics.count)
        #expect(lines.filter { !$0.isEmpty }.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") || $0.hasPrefix("brief: ") })
        for command in commands {
            // TryParseV2: the command info runs to the first `::` after the leading one; properties split at `,`.
            let body = command.dropFirst(2)
            let info = try #require(body.range(of: "::")).lowerBound
            let properties = body[..<info].split(separator: " ", maxSplits: 1).last?.split(separator: ",") ?? []
            let file = try #require(properties.first { $0.hasPrefix("file=") }).dropFirst(5)
            let unescaped = file.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
                .replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",").replacingOccurrences(of: "%25", with: "%")
            #expect(unescaped == Escaping.visible(name))
            #expect(properties.count == 4, "file, line, col, title: \(properties)")
        }
    }

    /// The executable: a file named as a command, a folder entry whose name holds a line break (an error message),
    /// and textconv of a list that does not validate (printed as it is, but for its commands).
    @Test func theCommandLinePrintsNoWorkflowCommand() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<x ##[add-mask]s".write(to: folder.appendingPathComponent("::error title=spoofed::x.xml"), atomically: true, encoding: .utf8)
        let validate = try runBrief(["validate", "::error title=spoofed::x.xml"], in: folder.path)
        #expect(validate.status == 1)
        #expect(Self.commandLines(validate.stdout + validate.stderr).isEmpty, "\(validate)")
        let textconv = try runBrief(["textconv", "::error title=spoofed::x.xml"], in: folder.path)
        #expect(textconv.status == 0)
        #expect(textconv.stdout == "<x ##\\u{5B}add-mask]s")
        #expect(Self.commandLines(textconv.stdout + textconv.stderr).isEmpty, "\(textconv)")
        // A pipe cannot be read: its name ends up in an `unreadable` error on it.
        let pipe = folder.appendingPathComponent("sub/a\n::add-mask::secret.xml").path
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        #expect(mkfifo(pipe, 0o600) == 0)
        let failed = try runBrief(["validate", "sub"], in: folder.path)
        #expect(failed.status == 1)
        #expect(failed.stdout.contains(":\\u{3A}add-mask:\\u{3A}secret.xml:1:1: error: cannot be read"), "\(failed.stdout)")
        #expect(Self.commandLines(failed.stdout + failed.stderr).isEmpty, "\(failed)")
    }
}
