import BriefKit
import Foundation
import Testing

/// Each diagnostic format renders the same report, and each is well-formed for its consumer.
@Suite struct OutputFormatTests {
    static func report(_ fixtures: [String] = ["lists/two-errors.xml", "lists/clean.xml"]) throws -> ValidationReport {
        let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 2))
        return try validator.validate(paths: fixtures.map(Repository.fixture))
    }

    static func relative(_ report: ValidationReport) -> ValidationReport {
        var copy = report
        let prefix = Repository.root.path + "/"
        for i in copy.files.indices {
            copy.files[i].path = copy.files[i].path.replacingOccurrences(of: prefix, with: "")
            for j in copy.files[i].diagnostics.indices {
                copy.files[i].diagnostics[j].file = copy.files[i].diagnostics[j].file.replacingOccurrences(of: prefix, with: "")
            }
        }
        return copy
    }

    @Test func humanFirstLinesAreCompilerStyle() throws {
        let text = HumanDiagnosticRenderer(color: false).render(Self.relative(try Self.report()))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("Tests/BriefKitTests/Fixtures/lists/two-errors.xml:7:13: warning: source 'idle' is not cited by any count, status, condition or warning [unused-source]"))
        #expect(lines.contains("Tests/BriefKitTests/Fixtures/lists/two-errors.xml:12:30: error: prisoner 'CU-001' is released on 2011-03-01 per 'usg', before the arrest on 2012-03-01 [date-order]"))
        #expect(lines.contains("Tests/BriefKitTests/Fixtures/lists/two-errors.xml:16:30: error: the released status of prisoner 'CU-002' is dated 2015-02-01, after the list's asOf 2015-01-13 [future-date]"))
        // The snippet and the caret under column 30.
        let index = try #require(lines.firstIndex { $0.contains(":12:30:") })
        #expect(lines[index + 1] == " 12 |     <status value=\"released\" date=\"2011-03-01\" source=\"usg\"/>")
        #expect(lines[index + 2] == "    |                              ^")
        #expect(lines.last(where: { !$0.isEmpty }) == "2 files checked: 2 errors, 1 warning, 0 notes")
        #expect(!text.contains("\u{1B}["), "no colour unless asked")
    }

    @Test func humanColourIsOnlyWhenAsked() throws {
        let text = HumanDiagnosticRenderer(color: true).render(try Self.report())
        #expect(text.contains("\u{1B}[1;31merror"))
    }

    @Test func terminalControlCharactersAreEscaped() {
        let diagnostic = Diagnostic(severity: .error, rule: .schema, message: "bad \u{1B}[2J name\u{7}", file: "x.xml", line: 1, column: 1,
                                    sourceLine: "<name>\u{1B}]0;pwned\u{7}</name>")
        let text = HumanDiagnosticRenderer(color: false).render(diagnostic)
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{7}"))
        #expect(text.contains("\\u{1B}[2J"))
    }

    @Test func jsonIsStableAndComplete() throws {
        let text = try JSONDiagnosticRenderer().render(Self.relative(try Self.report()))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "brief-diagnostics")
        #expect(object["version"] as? Int == 1)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["files": 2, "errors": 2, "warnings": 1, "notes": 0])
        let files = try #require(object["files"] as? [[String: Any]])
        let first = try #require((files[0]["diagnostics"] as? [[String: Any]])?.first)
        #expect(Set(first.keys).isSuperset(of: ["file", "line", "column", "severity", "rule", "message"]))
        #expect(try text == JSONDiagnosticRenderer().render(Self.relative(try Self.report())), "deterministic")
    }

    @Test func githubAnnotationsPutErrorsFirstAndCapEachKind() throws {
        let text = GitHubAnnotationRenderer().render(Self.relative(try Self.report()))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("::error file=Tests/BriefKitTests/Fixtures/lists/two-errors.xml,line=12,col=30,title=brief [date-order]::prisoner 'CU-001'"))
        #expect(lines[2].hasPrefix("::warning "))
        // 25 errors: only 10 are annotations, one line counts the rest.
        let many = (1...25).map { Diagnostic(severity: .error, rule: .schema, message: "m,%\n\($0)", file: "a:b.xml", line: $0, column: 1) }
        let capped = GitHubAnnotationRenderer().render(ValidationReport(files: [FileReport(path: "a:b.xml", diagnostics: many)]))
        #expect(capped.split(separator: "\n").filter { $0.hasPrefix("::error") }.count == 10)
        #expect(capped.contains("15 more errors"))
        #expect(capped.contains("file=a%3Ab.xml"))
        #expect(capped.contains("::m,%25"), "percent signs are escaped")
    }

    @Test func sarifIsVersion210WithRulesRegionsAndFingerprints() throws {
        let text = try SARIFRenderer().render(Self.relative(try Self.report()))
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } .contains("source-conflict"))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String])
            #expect(!fingerprints.isEmpty)
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let region = try #require(location["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) > 0)
            #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "Tests/BriefKitTests/Fixtures/lists/two-errors.xml")
        }
    }

    @Test func junitHasOneCasePerFile() throws {
        // Errors fail either way; a file with warnings only (warnings.xml) fails only when strict.
        let report = Self.relative(try Self.report(["lists/two-errors.xml", "lists/clean.xml", "diagnostics/warnings.xml"]))
        let text = JUnitRenderer().render(report)
        #expect(text.contains("<testsuites name=\"brief validate\" tests=\"3\" failures=\"1\""))
        #expect(text.components(separatedBy: "<testcase ").count == 4)
        #expect(text.contains("<failure type=\"brief\" message=\"2 errors, 1 warning\">"))
        #expect(!text.contains("message=\"0 errors"), "warnings alone do not fail")
        #expect(text.contains("&lt;status value=&quot;released&quot;"), "diagnostic text is escaped")
        let strict = JUnitRenderer(strict: true).render(report)
        #expect(strict.contains("<testsuites name=\"brief validate\" tests=\"3\" failures=\"2\""))
        #expect(strict.contains("<failure type=\"brief\" message=\"0 errors, 3 warnings\">"))
    }
}
