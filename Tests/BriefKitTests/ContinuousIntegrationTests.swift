import BriefKit
import Foundation
import Testing

/// `brief validate` as a required check (docs/ci.md): fingerprints, baselines, suppressions, excludes, changed
/// files from git, annotations under GitHub's cap, the job summary, per-file read failures and paths from the root.
@Suite struct ContinuousIntegrationTests {
    // MARK: Fingerprints and baselines

    /// A list whose agreement commits `committed` releases (one agreed prisoner: a committed-count warning unless 1),
    /// with `padding` blank lines before the prisoners.
    static func list(committed: Int, padding: Int = 0, extraPrisoner: Bool = false) -> String {
        let agreement = #"<agreement announced="2014-12-17" committed="\#(committed)"><party>United States</party><party>Cuba</party></agreement>"#
        let extra = extraPrisoner ? """
          <prisoner id="P2" list="other" marking="public">
            <name marking="committee">Juan Díaz</name>
            <detention arrested="2012-03-01"/>
            <status value="detained" date="2015-01-10" source="usg"/>
          </prisoner>
        """ : ""
        return listXML(agreement: String(repeating: "\n", count: padding) + agreement, prisoners: extra + defaultPrisoner)
    }

    static func report(_ files: [(name: String, xml: String)]) -> ValidationReport {
        ValidationReport(files: files.map { FileReport(path: $0.name, diagnostics: check($0.xml, name: $0.name).diagnostics) })
            .relativized(RepositoryPaths(root: "/repo", currentFolder: "/repo"))
    }

    @Test func aFingerprintSurvivesMovedLinesAndChangedCounts() throws {
        let before = Self.report([("lists/a.xml", Self.list(committed: 3))])
        let after = Self.report([("lists/a.xml", Self.list(committed: 4, padding: 7, extraPrisoner: true))])
        let old = try #require(before.files[0].diagnostics.first { $0.rule == .committedCount })
        let new = try #require(after.files[0].diagnostics.first { $0.rule == .committedCount })
        #expect(old.line != new.line, "the test must move the finding")
        #expect(old.message != new.message, "the test must change the finding's count")
        #expect(old.fingerprint != nil)
        #expect(old.fingerprint == new.fingerprint)
        // Another file, or another rule, is another finding.
        let elsewhere = Self.report([("lists/b.xml", Self.list(committed: 3))])
        #expect(elsewhere.files[0].diagnostics.first { $0.rule == .committedCount }?.fingerprint != old.fingerprint)
        // However the path was spelled.
        let spelled = ValidationReport(files: [FileReport(path: "./lists//a.xml", diagnostics: check(Self.list(committed: 3), name: "./lists//a.xml").diagnostics)])
            .relativized(RepositoryPaths(root: "/repo", currentFolder: "/repo"))
        #expect(spelled.files[0].diagnostics.first?.file == "lists/a.xml")
        #expect(spelled.files[0].diagnostics.first { $0.rule == .committedCount }?.fingerprint == old.fingerprint)
        #expect(Fingerprint.stableMessage("commits 53 releases but 52 on 2015-01-12") == "commits # releases but # on #-#-#")
    }

    @Test func aBaselineReportsOnlyNewFindingsAndCountsTheGoneOnes() throws {
        let legacy = Self.report([("lists/a.xml", Self.list(committed: 3))])
        #expect(legacy.count(.warning) == 1)
        let baseline = Baseline(legacy)
        // Round trip through its file.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("baseline.json").path
        try baseline.text().write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try Baseline.load(path: path)
        #expect(loaded == baseline)
        // The legacy warning, moved and recounted, is baselined; a new file's warning is new.
        let head = Self.report([("lists/a.xml", Self.list(committed: 5, padding: 3)), ("lists/b.xml", Self.list(committed: 2))])
        let applied = loaded.apply(to: head)
        #expect(applied.count(.warning) == 1)
        #expect(applied.files[1].diagnostics.map(\.rule) == [.committedCount])
        #expect(applied.baseline == BaselineComparison(matched: 1, gone: 0))
        #expect(applied.baselined.count == 1)
        // Fixed: the entry is gone.
        let fixed = loaded.apply(to: Self.report([("lists/a.xml", Self.list(committed: 1))]))
        #expect(fixed.baseline == BaselineComparison(matched: 0, gone: 1))
        #expect(fixed.baseline?.summary == "0 findings baselined, 1 baselined finding gone (refresh the baseline with --write-baseline)")
        // SARIF marks each result's state.
        let sarif = try JSONSerialization.jsonObject(with: Data(try SARIFRenderer(currentFolder: "/repo").render(applied).utf8)) as? [String: Any]
        let run = try #require((sarif?["runs"] as? [[String: Any]])?.first)
        let states = (run["results"] as? [[String: Any]] ?? []).compactMap { $0["baselineState"] as? String }
        #expect(states == ["new", "unchanged"])
        let garbage = folder.appendingPathComponent("garbage.json").path
        try "{}".write(toFile: garbage, atomically: true, encoding: .utf8)
        #expect(throws: Baseline.LoadError.self) { try Baseline.load(path: garbage) }
    }

    // MARK: Suppressions and excludes

    @Test func aSuppressionSilencesItsRuleOnItsElementAndIsItselfChecked() {
        let prisoner = """
          <prisoner id="P1" list="agreed" marking="public">
            <name marking="committee">Ana Pérez</name>
            <detention arrested="2012-03-01"/>
            <status value="released" date="2011-01-10" source="usg"/>
          </prisoner>
        """
        let plain = check(listXML(prisoners: prisoner))
        #expect(plain.rules(.error) == [.dateOrder])
        let silenced = check(listXML(prisoners: "<?brief-ignore date-order?>\n" + prisoner))
        #expect(silenced.diagnostics.isEmpty, "\(silenced.diagnostics)")
        let comment = check(listXML(prisoners: "<!-- brief-ignore date-order -->\n" + prisoner))
        #expect(comment.diagnostics.isEmpty, "\(comment.diagnostics)")
        // Another rule named: the error stays, and the suppression that silenced nothing is a warning.
        let wrong = check(listXML(prisoners: "<?brief-ignore unused-source?>\n" + prisoner))
        #expect(wrong.rules(.error) == [.dateOrder])
        #expect(wrong.diagnostics.contains { $0.rule == .suppression && $0.message == "the suppression of unused-source silences nothing" })
        let unknown = check(listXML(prisoners: "<?brief-ignore date-order no-such-rule?>\n" + prisoner))
        #expect(unknown.rules() == [.suppression])
        #expect(unknown.diagnostics.first?.message == "unknown rule 'no-such-rule' in a suppression")
        let reading = check(listXML(prisoners: "<?brief-ignore schema?>\n" + prisoner))
        #expect(reading.rules(.warning) == [.suppression])
    }

    @Test func excludeGlobsMatchPathsFromTheRoot() {
        let exclusion = PathExclusion(globs: ["drafts/**", "*.draft.xml", "lists/legacy", "lists/b?.xml"])
        #expect(exclusion.excludes("drafts/a/b.xml"))
        #expect(exclusion.excludes("lists/x.draft.xml"))
        #expect(exclusion.excludes("lists/legacy/old.xml"))
        #expect(exclusion.excludes("lists/b1.xml"))
        #expect(!exclusion.excludes("lists/b12.xml"))
        #expect(!exclusion.excludes("lists/a.xml"))
        #expect(PathExclusion(globs: ["**/*.xml"]).excludes("a.xml"))
        #expect(!PathExclusion().excludes("a.xml"))
    }

    // MARK: Annotations and the job summary

    static func diagnostic(_ severity: Severity, _ file: String, line: Int, rule: RuleID = .dateOrder) -> Diagnostic {
        Diagnostic(severity: severity, rule: rule, message: "\(severity.rawValue) at \(line)", file: file, line: line, column: 1)
    }

    @Test func theCapAnnotatesChangedFilesFirstAndEveryFileOnce() {
        let many = (1...14).map { Self.diagnostic(.error, "a-many.xml", line: $0) } + [Self.diagnostic(.note, "a-many.xml", line: 20, rule: .sourceConflict)]
        let middle = (1...3).map { Self.diagnostic(.warning, "m-mid.xml", line: $0, rule: .unusedSource) }
        let one = [Self.diagnostic(.error, "z-one.xml", line: 7)]
        var report = ValidationReport(files: [FileReport(path: "a-many.xml", diagnostics: many), FileReport(path: "m-mid.xml", diagnostics: middle),
                                              FileReport(path: "z-one.xml", diagnostics: one)])
        let selection = AnnotationSelection(report, limitPerKind: 10)
        let errors = selection.chosen.filter { $0.severity == .error }
        #expect(errors.count == 10)
        #expect(errors.contains { $0.file == "z-one.xml" }, "z-one's only error is annotated although a-many comes first")
        #expect(selection.chosen.map(\.severity) == Array(repeating: .error, count: 10) + Array(repeating: .warning, count: 3) + [.note])
        #expect(selection.omitted == [.error: 5, .warning: 0, .note: 0])
        // Changed files first.
        report.changedFiles = ["z-one.xml"]
        let changedFirst = AnnotationSelection(report, limitPerKind: 10)
        #expect(changedFirst.chosen.first?.file == "z-one.xml")
        // With a cap of 1 per kind, the files left without any annotation are named.
        let tight = AnnotationSelection(ValidationReport(files: [FileReport(path: "a-many.xml", diagnostics: Array(many.prefix(2))), FileReport(path: "z-one.xml", diagnostics: one)]), limitPerKind: 1)
        #expect(tight.unannotatedFiles == ["z-one.xml"])
        let text = GitHubAnnotationRenderer().render(report)
        #expect(text.hasPrefix("::error file=z-one.xml,line=7"))
        #expect(text.contains("brief: 5 more errors, 0 more warnings and 0 more notes not annotated"))
    }

    @Test func theJobSummaryMatchesItsGolden() throws {
        var report = ValidationReport(files: [
            FileReport(path: "lists/a-many.xml", diagnostics: [
                Self.diagnostic(.error, "lists/a-many.xml", line: 3), Self.diagnostic(.warning, "lists/a-many.xml", line: 9, rule: .unusedSource),
                Diagnostic(severity: .note, rule: .sourceConflict, message: "sources 'a|b' and `c` disagree about *x*", file: "lists/a-many.xml", line: 12, column: 5),
            ]),
            FileReport(path: "lists/clean.xml", diagnostics: []),
            FileReport(path: "lists/z-one.xml", diagnostics: [Self.diagnostic(.warning, "lists/z-one.xml", line: 16, rule: .committedCount)]),
        ])
        report.changedFiles = ["lists/z-one.xml"]
        report.baseline = BaselineComparison(matched: 4, gone: 1)
        let text = StepSummary().render(report)
        let golden = Repository.root.appendingPathComponent("Tests/BriefKitTests/Golden/ci/step-summary.md")
        if ProcessInfo.processInfo.environment["BRIEF_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(text == (try String(contentsOf: golden, encoding: .utf8)))
    }

    // MARK: End to end, in a git repository

    /// Runs git in `folder`, failing the test when git fails.
    @discardableResult
    static func git(_ folder: URL, _ arguments: String...) throws -> String {
        let run = try runTool("/usr/bin/git", ["-C", folder.path] + arguments)
        #expect(run.status == 0, "git \(arguments.joined(separator: " ")): \(run.output)")
        return run.output
    }

    /// A repository with a brief (manifest, list, previous list) and two lists, one with a non-ASCII name; `main`
    /// is the base, `pr` changes the brief's list and the non-ASCII list.
    static func repository() throws -> URL {
        let folder = try temporaryFolder()
        let brief = try exampleBriefCopy()
        defer { try? FileManager.default.removeItem(at: brief) }
        try git(folder, "init", "-q", "-b", "main")
        try git(folder, "config", "user.name", "Test")
        try git(folder, "config", "user.email", "test@example.org")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("lists"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: brief, to: folder.appendingPathComponent("lists/cuba"))
        try list(committed: 1).write(to: folder.appendingPathComponent("lists/belarús 2024.xml"), atomically: true, encoding: .utf8)
        try list(committed: 1).write(to: folder.appendingPathComponent("lists/other.xml"), atomically: true, encoding: .utf8)
        try git(folder, "add", "-A")
        try git(folder, "commit", "-q", "-m", "base")
        try git(folder, "checkout", "-q", "-b", "pr")
        try list(committed: 2).write(to: folder.appendingPathComponent("lists/belarús 2024.xml"), atomically: true, encoding: .utf8)
        let listPath = folder.appendingPathComponent("lists/cuba/list.xml")
        try (try String(contentsOf: listPath, encoding: .utf8)).replacingOccurrences(of: "committed=\"53\"", with: "committed=\"60\"")
            .write(to: listPath, atomically: true, encoding: .utf8)
        try git(folder, "commit", "-q", "-a", "-m", "pr")
        return folder
    }

    @Test func changedSinceChecksChangedListsAndTheManifestsThatNameThem() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runBrief(["validate", "--changed-since", "main", "--format", "json"], in: folder.appendingPathComponent("lists").path)
        #expect(run.status == 0, "\(run.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let paths = Set(((document?["files"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String })
        #expect(paths.contains("lists/belarús 2024.xml"), "\(paths)")
        #expect(paths.contains("lists/cuba/list.xml"))
        #expect(paths.contains("lists/cuba/brief.xml"), "the manifest naming a changed list is checked too")
        #expect(!paths.contains("lists/other.xml"))
        // Annotations from a subfolder name files from the root; the job summary is appended to its file.
        let summary = folder.appendingPathComponent("summary.md")
        try "earlier step\n".write(to: summary, atomically: true, encoding: .utf8)
        let github = try runBrief(["validate", "--changed-since", "main", "--format", "github"], environment: ["GITHUB_STEP_SUMMARY": summary.path],
                                  in: folder.appendingPathComponent("lists").path)
        #expect(github.stdout.contains("::warning file=lists/belarús 2024.xml,line="), "\(github.stdout)")
        let markdown = try String(contentsOf: summary, encoding: .utf8)
        #expect(markdown.hasPrefix("earlier step\n## brief validate\n"), "\(markdown)")
        #expect(markdown.contains("| lists/belarús 2024.xml (changed) | 0 | 1 | 0 |"), "\(markdown)")
        // A renamed list is checked under its new name, not its old one.
        try Self.git(folder, "mv", "lists/other.xml", "lists/renamed ü.xml")
        try Self.git(folder, "commit", "-q", "-m", "rename")
        let renamed = try runBrief(["validate", "--changed-since", "main", "--format", "json"], in: folder.path)
        #expect(renamed.stdout.contains("\"path\" : \"lists/renamed ü.xml\""), "\(renamed.stdout)")
        #expect(!renamed.stdout.contains("\"path\" : \"lists/other.xml\""))
        // No changed list: success, said.
        let none = try runBrief(["validate", "--changed-since", "HEAD"], in: folder.path)
        #expect(none.status == 0)
        #expect(none.stderr.contains("no list or manifest changed since HEAD; nothing to check"))
        // The machine formats still write whole, empty reports (a SARIF upload needs a file that parses).
        let sarif = try runBrief(["validate", "--changed-since", "HEAD", "--format", "sarif"], in: folder.path)
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        #expect(sarif.status == 0 && (log?["runs"] as? [[String: Any]])?.first?["results"] as? [Any] != nil, "\(sarif.stdout)")
        let junit = try runBrief(["validate", "--changed-since", "HEAD", "--format", "junit"], in: folder.path)
        #expect(junit.stdout.contains("<testsuites"))
        // A shallow clone says what to fetch; the usage problem is exit 2.
        let shallow = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: shallow) }
        _ = try runTool("/usr/bin/git", ["clone", "-q", "--depth", "1", "--branch", "pr", "file://" + folder.path, shallow.appendingPathComponent("c").path])
        let clone = shallow.appendingPathComponent("c")
        let missing = try runBrief(["validate", "--changed-since", "origin/main"], in: clone.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("is not in this shallow clone; fetch it first: git fetch"), "\(missing.stderr)")
        try Self.git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
        let unrelated = try runBrief(["validate", "--changed-since", "origin/main"], in: clone.path)
        #expect(unrelated.status == 2)
        #expect(unrelated.stderr.contains("fetch more history: git fetch --deepen"), "\(unrelated.stderr)")
        try Self.git(clone, "fetch", "-q", "--unshallow", "origin")
        let deepened = try runBrief(["validate", "--changed-since", "origin/main"], in: clone.path)
        #expect(deepened.status == 0, "\(deepened.stderr)")
        #expect(deepened.stdout.contains("lists/belarús 2024.xml:"))
    }

    @Test func filesFromReadsNULSeparatedNamesAndBaselinesWorkEndToEnd() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = folder.appendingPathComponent("changed").path
        try Data("lists/belarús 2024.xml\0lists/other.xml\0README.md\0".utf8).write(to: URL(fileURLWithPath: names))
        let run = try runBrief(["validate", "--files-from", names, "--format", "json"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"path\" : \"lists/belarús 2024.xml\""), "\(run.stdout)")
        #expect(run.stdout.contains("\"path\" : \"lists/other.xml\""))
        // Record today's findings, then change a count and move lines: nothing new.
        let baseline = folder.appendingPathComponent(".brief-baseline.json").path
        let written = try runBrief(["validate", "--write-baseline", baseline, "lists"], in: folder.path)
        #expect(written.status == 0)
        #expect(written.stderr.contains("brief: recorded"))
        try Self.list(committed: 3, padding: 4).write(to: folder.appendingPathComponent("lists/belarús 2024.xml"), atomically: true, encoding: .utf8)
        try Self.list(committed: 9).write(to: folder.appendingPathComponent("lists/other.xml"), atomically: true, encoding: .utf8)
        let checked = try runBrief(["validate", "--strict", "--baseline", baseline, "lists"], in: folder.path)
        #expect(checked.status == 1, "other.xml's new warning fails under --strict")
        #expect(checked.stdout.contains("lists/other.xml:"))
        #expect(!checked.stdout.contains("lists/belarús 2024.xml:"), "\(checked.stdout)")
        #expect(checked.stdout.contains("baseline: "))
        let excluded = try runBrief(["validate", "--strict", "--baseline", baseline, "--exclude", "other.xml", "lists"], in: folder.path)
        #expect(excluded.status == 0, "\(excluded.stdout)")
    }

    @Test func filesFromReadsStandardInputOneNameALine() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.executable)
        process.arguments = ["validate", "--files-from", "-", "--format", "github"]
        process.currentDirectoryURL = folder
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("lists/belarús 2024.xml\r\n\nnotes.txt\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("::warning file=lists/belarús 2024.xml,"), "\(text)")
        #expect(text.hasSuffix("brief: 1 file checked: 0 errors, 1 warning, 0 notes\n"), "\(text)")
    }

    @Test func anUnreadablePathIsAnErrorOnThatPathAndEveryFormatStaysComplete() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.list(committed: 1).write(to: folder.appendingPathComponent("good.xml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("zero.xml").path, withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("gone.xml").path, withDestinationPath: "nothing.xml")
        for format in ["human", "json", "github", "sarif", "junit"] {
            let run = try runBrief(["validate", "--format", format, folder.path, folder.appendingPathComponent("zero.xml").path])
            #expect(run.status == 1, "\(format): \(run.stderr)")
            #expect(run.stdout.contains("unreadable"), "\(format)")
            #expect(run.stdout.contains("gone.xml") && run.stdout.contains("zero.xml"), "\(format): \(run.stdout)")
            if format == "human" || format == "github" {
                #expect(run.stdout.contains("4 files checked: 3 errors"), "every other file is still checked: \(run.stdout)")
            }
            if format == "json" || format == "sarif" {
                #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) }
            }
        }
        let empty = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(try runBrief(["validate", empty.path]).status == 0)
        let failed = try runBrief(["validate", "--fail-on-empty", empty.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("no list or manifest found"))
    }

    /// SARIF with baseline states and an unreadable path stays valid against SARIF 2.1.0, JUnit against Surefire.
    @Test func baselinedAndUnreadableOutputsStayValid() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("lists/zero.xml").path, withDestinationPath: "/dev/zero")
        let baseline = folder.appendingPathComponent("baseline.json").path
        try runBrief(["validate", "--write-baseline", baseline, "lists/cuba"], in: folder.path)
        let sarif = try runBrief(["validate", "--format", "sarif", "--baseline", baseline, "lists"], in: folder.path)
        #expect(sarif.status == 1)
        #expect(sarif.stdout.contains("\"baselineState\" : \"unchanged\"") && sarif.stdout.contains("\"baselineState\" : \"new\""))
        let junit = try runBrief(["validate", "--format", "junit", "lists"], in: folder.path)
        #expect(junit.stdout.contains("name=\"lists/zero.xml\""))
        let sarifFile = try ConformanceTests.write(sarif.stdout, "run.sarif", in: folder)
        let junitFile = try ConformanceTests.write(junit.stdout, "run.junit.xml", in: folder)
        if let errors = try ConformanceTests.jsonSchemaErrors(schema: ConformanceTests.sarifSchema, instances: [sarifFile]) {
            #expect(errors.isEmpty, "\(errors)")
        }
        if let errors = try ConformanceTests.xsdErrors(schema: ConformanceTests.junitSchema, file: junitFile) {
            #expect(errors.isEmpty, "\(errors)")
        }
    }

    @Test func pathsAndFingerprintsDoNotDependOnHowThePathWasSpelled() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        func results(_ arguments: [String], in directory: String) throws -> [(uri: String, fingerprint: String)] {
            let run = try runBrief(["validate", "--format", "sarif"] + arguments, in: directory)
            let log = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
            return results.map { result in
                let location = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
                return (location?["uri"] as? String ?? "", (result["partialFingerprints"] as? [String: String])?[Fingerprint.sarifKey] ?? "")
            }
        }
        let plain = try results(["lists/cuba"], in: folder.path)
        #expect(!plain.isEmpty)
        #expect(plain.allSatisfy { $0.uri.hasPrefix("lists/cuba/") })
        let link = try temporaryFolder().appendingPathComponent("repository-link")
        defer { try? FileManager.default.removeItem(at: link.deletingLastPathComponent()) }
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder)
        for (arguments, directory) in [(["./lists/cuba/"], folder.path), (["--root", folder.path, folder.path + "/lists/cuba"], "/"),
                                       (["cuba"], folder.path + "/lists"), ([link.path + "/lists/cuba"], folder.path)] {
            let other = try results(arguments, in: directory)
            #expect(other.map(\.uri) == plain.map(\.uri), "\(arguments)")
            #expect(other.map(\.fingerprint) == plain.map(\.fingerprint), "\(arguments)")
        }
    }
}
