import BriefKit
import Foundation
import Testing

/// The machine outputs, checked by the strictest tool of their ecosystem that `make deps` installs: JUnit against the
/// Surefire/Jenkins `junit-10.xsd` (xmllint), SARIF against the SARIF 2.1.0 JSON Schema, and the briefing, diff and
/// diagnostics JSON against the schemas of `schemas/` (Debian's python3-jsonschema). The two foreign schemas are
/// vendored in Fixtures/schemas (README.md there says where from, and their licences).
///
/// A missing tool is a recorded issue, never a silent pass.
@Suite struct ConformanceTests {
    static let vendored = Repository.fixtures.appendingPathComponent("schemas")
    static let junitSchema = vendored.appendingPathComponent("junit-10.xsd").path
    static let sarifSchema = vendored.appendingPathComponent("sarif-2.1.0-rtm.4.json").path
    static let golden = Repository.root.appendingPathComponent("Tests/BriefKitTests/Golden")

    /// The JSON Schema of each JSON format, in schemas/.
    enum JSONFormat: String, CaseIterable {
        case briefing, diff, diagnostics
        var schema: String { Repository.root.appendingPathComponent("schemas/\(rawValue).schema.json").path }
    }

    /// Validates each instance against a JSON Schema with python3-jsonschema (the schema's own draft); the errors, one
    /// a line, or "" when every instance is valid; nil (with a recorded issue) when the validator cannot run.
    static let validatorScript = """
        import json, sys
        try:
            from jsonschema import validators
        except ImportError:
            print("python3 has no jsonschema module: run make deps (Debian's python3-jsonschema)")
            sys.exit(3)
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        validator = cls(schema)
        for path in sys.argv[2:]:
            instance = json.load(open(path, encoding="utf-8"))
            for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
                print(path + ": /" + "/".join(map(str, error.absolute_path)) + ": " + error.message)
        """

    static func jsonSchemaErrors(schema: String, instances: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        guard let python = ExternalTool.find("python3") else {
            Issue.record("python3 is not installed: run make deps; the JSON outputs were not validated", sourceLocation: sourceLocation)
            return nil
        }
        let run = try ExternalTool.run(python, ["-c", validatorScript, schema] + instances)
        if run.status == 3 || (run.status != 0 && run.output.isEmpty) {
            Issue.record("python3-jsonschema cannot run (\(run.output)): run make deps", sourceLocation: sourceLocation)
            return nil
        }
        return run.output
    }

    /// xmllint's complaints about `file` against `schema`, "" when it validates; nil (with a recorded issue) without xmllint.
    static func xsdErrors(schema: String, file: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        guard let xmllint = ExternalTool.find("xmllint") else {
            Issue.record("xmllint is not installed: run make deps (libxml2-utils)", sourceLocation: sourceLocation)
            return nil
        }
        let run = try ExternalTool.run(xmllint, ["--noout", "--schema", schema, file])
        return run.status == 0 ? "" : run.output
    }

    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Runs `brief` in the repository's root, whatever its exit status (validate exits 1 on errors); standard error
    /// holds only the diagnostics `build` prints.
    static func brief(_ arguments: [String]) throws -> String {
        let run = try runBrief(arguments, environment: ["SOURCE_DATE_EPOCH": "1421107200"], in: Repository.root.path)
        #expect(run.stderr.isEmpty || arguments.first == "build", "brief \(arguments.joined(separator: " ")): \(run.stderr)")
        #expect(run.status == 0 || arguments.first == "validate", "brief \(arguments.joined(separator: " ")) exited \(run.status): \(run.stderr)")
        return run.stdout
    }

    /// What `brief validate` checks in the corpus: fixtures (hostile, with errors, clean) and the examples.
    static let validatedCorpus: [[String]] = [
        ["Tests/BriefKitTests/Fixtures/diagnostics", "Tests/BriefKitTests/Fixtures/lists"],
        ["Tests/BriefKitTests/Fixtures/hostile"],
        ["Tests/BriefKitTests/Fixtures/briefs", "briefs"],
        // Absolute paths, under the current folder and not.
        [Repository.fixture("lists/two-errors.xml")],
    ]

    // MARK: JUnit

    @Test func junitOutputsAreValidAgainstTheSurefireSchema() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var files = ["validate.junit.xml", "validate.strict.junit.xml"].map { Self.golden.appendingPathComponent($0).path }
        for (index, paths) in Self.validatedCorpus.enumerated() {
            for strict in [[], ["--strict"]] {
                files.append(try Self.write(try Self.brief(["validate", "--format", "junit"] + strict + paths), "\(index)\(strict.count).xml", in: folder))
            }
        }
        // A file name holding markup, quotes and a line break.
        let hostile = ValidationReport(files: [FileReport(path: "a\"<b>&\n::error::x.xml", diagnostics: [
            Diagnostic(severity: .error, rule: .schema, message: "bad ]]> \u{1B}[2J", file: "a\"<b>&\n::error::x.xml", line: 1, column: 1),
        ])])
        files.append(try Self.write(JUnitRenderer().render(hostile), "hostile.xml", in: folder))
        for file in files {
            guard let errors = try Self.xsdErrors(schema: Self.junitSchema, file: file) else { return }
            #expect(errors.isEmpty, "\(file) is not valid against junit-10.xsd:\n\(errors)")
        }
    }

    /// The check can fail: the strict schema refuses what Surefire does not write (the `file` attribute GitLab reads).
    @Test func theSurefireSchemaRefusesAFileAttributeOnATestCase() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = JUnitRenderer().render(ValidationReport(files: [FileReport(path: "a.xml", diagnostics: [])]))
        #expect(!text.contains(" file="))
        let refused = try Self.write(text.replacingOccurrences(of: "name=\"a.xml\"", with: "name=\"a.xml\" file=\"a.xml\""), "refused.xml", in: folder)
        guard let errors = try Self.xsdErrors(schema: Self.junitSchema, file: refused) else { return }
        #expect(errors.contains("file"), "xmllint accepted a file attribute: \(errors)")
    }

    // MARK: SARIF

    @Test func sarifOutputsAreValidAgainstTheSARIFSchema() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var files = [Self.golden.appendingPathComponent("validate.sarif").path]
        for (index, paths) in Self.validatedCorpus.enumerated() {
            files.append(try Self.write(try Self.brief(["validate", "--format", "sarif"] + paths), "\(index).sarif", in: folder))
        }
        guard let errors = try Self.jsonSchemaErrors(schema: Self.sarifSchema, instances: files) else { return }
        #expect(errors.isEmpty, "not valid SARIF 2.1.0:\n\(errors)")
    }

    static func sarifRun(_ report: ValidationReport, in currentFolder: String) throws -> [String: Any] {
        let text = try SARIFRenderer(currentFolder: currentFolder).render(report)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require((log["runs"] as? [[String: Any]])?.first)
    }

    @Test func sarifRulesHaveHelpAndTwoDescriptions() throws {
        let run = try Self.sarifRun(ValidationReport(files: []), in: "/repo")
        #expect((run["automationDetails"] as? [String: String])?["id"] == "brief/validate/")
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.count == RuleID.allCases.count)
        let page = try String(contentsOf: Repository.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            let short = (rule["shortDescription"] as? [String: String])?["text"] ?? ""
            let full = (rule["fullDescription"] as? [String: String])?["text"] ?? ""
            let help = try #require(rule["help"] as? [String: String], "\(id) has no help")
            #expect(!short.isEmpty && !full.isEmpty && short != full, "\(id): the short and full descriptions must differ")
            #expect(short.count < 60, "\(id): a short description is a few words")
            #expect(help["text"]?.hasSuffix("docs/rules.md#\(id)") == true, "\(id): the help says where the full text is")
            #expect(help["markdown"]?.contains("**Why.**") == true && help["markdown"]?.contains("**Fix.**") == true)
            #expect(help["markdown"]?.contains("(https://github.com/oversight/brief/blob/main/docs/rules.md#\(id))") == true)
            #expect(page.contains("\n## \(id)\n"), "docs/rules.md has no section for \(id), which the help names")
        }
    }

    @Test(arguments: [
        ("lists/a.xml", "lists/a.xml", true),
        ("./lists/./a.xml", "lists/a.xml", true),
        ("/repo/x/b c.xml", "x/b%20c.xml", true),
        ("/repo/x/../y.xml", "y.xml", true),
        ("/elsewhere/c d.xml", "file:///elsewhere/c%20d.xml", false),
        ("../up.xml", "file:///up.xml", false),
        ("/repository/z.xml", "file:///repository/z.xml", false),
    ])
    func sarifPathsAreRelativeToTheSourceRootWhenUnderIt(_ path: String, _ uri: String, _ relative: Bool) throws {
        let diagnostic = Diagnostic(severity: .error, rule: .schema, message: "m", file: path, line: 1, column: 1)
        let run = try Self.sarifRun(ValidationReport(files: [FileReport(path: path, diagnostics: [diagnostic])]), in: "/repo")
        let bases = try #require(run["originalUriBaseIds"] as? [String: [String: String]])
        #expect(bases == ["%SRCROOT%": ["uri": "file:///repo/"]])
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let location = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: String])
        #expect(location["uri"] == uri)
        #expect(location["uriBaseId"] == (relative ? "%SRCROOT%" : nil))
    }

    // MARK: JSON

    /// Every JSON output of the corpus: the golden files, the briefing JSON of the fixtures and examples in both
    /// editions, the diff JSON of the example's revisions in both editions, and the diagnostics JSON of the corpus.
    @Test func everyJSONOutputOfTheCorpusMatchesItsSchema() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var instances: [JSONFormat: [String]] = [:]
        let goldens = try FileManager.default.contentsOfDirectory(atPath: Self.golden.path).filter { $0.hasSuffix(".json") }.sorted()
        for name in goldens {
            let format: JSONFormat = name.hasPrefix("diff.") ? .diff : name.hasPrefix("validate.") ? .diagnostics : .briefing
            instances[format, default: []].append(Self.golden.appendingPathComponent(name).path)
        }
        for brief in ["briefs/cuba-53", "briefs/nicaragua-222", "Tests/BriefKitTests/Fixtures/briefs/markers"] {
            for audience in ["public", "committee", "restricted"] {
                let out = folder.appendingPathComponent("\(brief.split(separator: "/").last ?? "x").\(audience)")
                _ = try Self.brief(["build", brief, "--audience", audience, "--format", "json", "--out", out.path])
                let built = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".json") }
                #expect(built.count == 1, "\(brief) \(audience): \(built)")
                instances[.briefing, default: []] += built.map { out.appendingPathComponent($0).path }
            }
        }
        for audience in ["public", "committee", "restricted"] {
            for (old, new) in [("briefs/cuba-53/history/list-r2.xml", "briefs/cuba-53/list.xml"),
                               ("Tests/BriefKitTests/Fixtures/briefs/markers/list-r1.xml", "Tests/BriefKitTests/Fixtures/briefs/markers/list.xml")] {
                let text = try Self.brief(["diff", old, new, "--audience", audience, "--format", "json"])
                instances[.diff, default: []].append(try Self.write(text, "diff.\(instances[.diff, default: []].count).json", in: folder))
            }
        }
        for (index, paths) in Self.validatedCorpus.enumerated() {
            instances[.diagnostics, default: []].append(try Self.write(try Self.brief(["validate", "--format", "json"] + paths), "validate.\(index).json", in: folder))
        }
        for format in JSONFormat.allCases {
            let files = instances[format, default: []]
            #expect(files.count >= 4, "too few \(format) outputs to check")
            guard let errors = try Self.jsonSchemaErrors(schema: format.schema, instances: files) else { return }
            #expect(errors.isEmpty, "not valid against schemas/\(format).schema.json:\n\(errors)")
        }
    }

    /// The schemas are strict: a key the format does not have, a missing key or a wrong value is refused.
    @Test func theSchemasRefuseWhatTheFormatsDoNotHave() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples: [(JSONFormat, String, (inout [String: Any]) -> Void)] = [
            (.briefing, "markers.public.json", { $0["extra"] = 1 }),
            (.briefing, "markers.public.json", { $0.removeValue(forKey: "withheld") }),
            (.briefing, "markers.public.json", { $0["audience"] = "secret" }),
            (.briefing, "cuba-53.committee.json", { json in
                var people = json["people"] as? [[String: Any]] ?? []
                people[0]["ssn"] = "123"
                json["people"] = people
            }),
            (.diff, "diff.cuba-53.public.json", { $0["version"] = 2 }),
            (.diff, "diff.cuba-53.public.json", { json in
                var changes = json["changes"] as? [[String: Any]] ?? []
                changes[0]["kind"] = "record-renamed"
                json["changes"] = changes
            }),
            (.diagnostics, "validate.json", { json in
                var summary = json["summary"] as? [String: Any] ?? [:]
                summary["errors"] = -1
                json["summary"] = summary
            }),
        ]
        for (index, (format, name, change)) in samples.enumerated() {
            let data = try Data(contentsOf: Self.golden.appendingPathComponent(name))
            var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            change(&object)
            let url = folder.appendingPathComponent("changed.\(index).json")
            try JSONSerialization.data(withJSONObject: object).write(to: url)
            guard let errors = try Self.jsonSchemaErrors(schema: format.schema, instances: [url.path]) else { return }
            #expect(!errors.isEmpty, "schemas/\(format).schema.json accepted a changed \(name) (sample \(index))")
        }
    }

    /// The JSON shown in docs/diagnostics.md is an output too.
    @Test func theDocumentedDiagnosticsJSONMatchesItsSchema() throws {
        let page = try String(contentsOf: Repository.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let start = try #require(page.range(of: "$ brief validate --format json lists\n"))
        let end = try #require(page.range(of: "\n```", range: start.upperBound..<page.endIndex))
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.write(String(page[start.upperBound..<end.lowerBound]), "documented.json", in: folder)
        guard let errors = try Self.jsonSchemaErrors(schema: JSONFormat.diagnostics.schema, instances: [file]) else { return }
        #expect(errors.isEmpty, "docs/diagnostics.md's JSON example:\n\(errors)")
    }

    /// The line counting the annotations GitHub would not show uses singular forms for 1, like the summary.
    @Test func leftOutAnnotationsAreCountedInGoodGrammar() {
        let errors = (1...11).map { Diagnostic(severity: .error, rule: .schema, message: "e", file: "a.xml", line: $0, column: 1) }
        let warnings = (1...12).map { Diagnostic(severity: .warning, rule: .unusedSource, message: "w", file: "a.xml", line: $0, column: 1) }
        let text = GitHubAnnotationRenderer().render(ValidationReport(files: [FileReport(path: "a.xml", diagnostics: errors + warnings)]))
        #expect(text.contains("brief: 1 more error, 2 more warnings and 0 more notes not annotated"))
        #expect(text.hasSuffix("brief: 1 file checked: 11 errors, 12 warnings, 0 notes\n"))
    }

    /// Each schema names the format and version it describes, as its `$id` and in its `version` constant.
    @Test func theSchemasAreVersioned() throws {
        for format in JSONFormat.allCases {
            let data = try Data(contentsOf: URL(fileURLWithPath: format.schema))
            let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
            #expect(schema["$id"] as? String == "https://github.com/oversight/brief/schemas/brief-\(format.rawValue)/1")
            let properties = try #require(schema["properties"] as? [String: Any])
            #expect((properties["version"] as? [String: Int])?["const"] == 1)
            #expect((properties["format"] as? [String: String])?["const"] == "brief-\(format.rawValue)")
            #expect(schema["additionalProperties"] as? Bool == false)
        }
    }
}

/// An external program of the test machine.
enum ExternalTool {
    /// The executable `name` on PATH, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable`; its exit status and its standard output and error together.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try runTool(executable, arguments)
    }
}
