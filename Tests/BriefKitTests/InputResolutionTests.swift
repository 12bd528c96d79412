@testable import BriefKit
import Foundation
import Testing

/// One resolver for every command (`BriefInputs`): a brief whose manifest's `list` is refused fails `validate`,
/// `build` and `diff` alike, with the same diagnostic (`textconv` prints a manifest alone, never its list);
/// `REV:PATH` briefs resolve inside their revision.
@Suite(.serialized) struct InputResolutionTests {
    static let refusals: [(href: String, message: String)] = [
        ("../list.xml", "path '../list.xml' leaves the brief's folder"),
        ("/etc/passwd", "path '/etc/passwd' must be relative to the brief's folder"),
        ("missing.xml", "path 'missing.xml' names no file in the brief's folder"),
        ("brief.xml", "path 'brief.xml' names a file that is not a prisoner list"),
    ]

    @Test(arguments: refusals.indices) func aRefusedListFailsEveryCommandTheSameWay(_ index: Int) throws {
        let (href, message) = Self.refusals[index]
        let folder = try exampleBriefCopy(listHref: href)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out").path
        let expected = "brief.xml:14:9: error: \(message)"
        let runs: [(command: String, run: (status: Int32, stdout: String, stderr: String), status: Int32)] = [
            ("validate", try runBrief(["validate", folder.path]), 1),
            ("build", try runBrief(["build", folder.path, "--out", out]), 1),
            ("diff", try runBrief(["diff", folder.appendingPathComponent("history/list-r2.xml").path, folder.path]), 2),
        ]
        for (command, run, status) in runs {
            #expect(run.status == status, "\(command) exits \(run.status)")
            #expect((run.stdout + run.stderr).contains(expected), "\(command) says: \(run.stdout + run.stderr)")
        }
        // The diff does not fall back on the manifest's previous list, and the build writes nothing.
        #expect(runs[2].run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// git hands textconv a copy of a manifest away from its folder: it prints the manifest itself, one line per
    /// setting and per paragraph, whatever its list, and says nothing about validity on standard output.
    @Test func textconvPrintsAManifestAloneCanonically() throws {
        let folder = try exampleBriefCopy(listHref: "missing.xml")
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = folder.appendingPathComponent("brief.xml")
        let run = try runBrief(["textconv", manifest.path])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("brief cuba-53 audience committee\n"))
        #expect(run.stdout.contains("list: missing.xml\n"))
        #expect(run.stdout.contains("  p [committee]: At least {figure warned} of those released were warned by State Security"))
        #expect(!run.stdout.contains("validate") && run.stderr.isEmpty)
        // Reflowed prose and re-indented markup are no change.
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "\n        ", with: "\n  ").replacingOccurrences(of: " the same releases.", with: "\n the same\n releases.")
            .write(to: manifest, atomically: true, encoding: .utf8)
        #expect(try runBrief(["textconv", manifest.path]).stdout == run.stdout)
        // A file that does not validate is shown as it is, and only standard error says so.
        try Data("<brief>".utf8).write(to: manifest)
        let broken = try runBrief(["textconv", manifest.path])
        #expect(broken.status == 0 && broken.stdout == "<brief>" && broken.stderr.contains("does not validate"))
    }

    @Test func aBriefOfAGitRevisionIsReadFromThatRevision() throws {
        let folder = try exampleBriefCopy(listHref: "list.xml")
        defer { try? FileManager.default.removeItem(at: folder) }
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"] + arguments
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments)")
        }
        try git("init", "-q")
        try git("add", ".")
        try git("commit", "-qm", "r3")
        // The working tree's list drops a prisoner: the revision's brief still has it.
        let list = folder.appendingPathComponent("list.xml")
        let text = try String(contentsOf: list, encoding: .utf8)
        let start = try #require(text.range(of: "<prisoner id=\"CU-053\""))
        let end = try #require(text.range(of: "</prisoner>", range: start.upperBound..<text.endIndex))
        try text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "").write(to: list, atomically: true, encoding: .utf8)

        let run = try runBrief(["diff", "HEAD:.", ".", "--format", "json"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("CU-053"))
        let same = try runBrief(["diff", "HEAD:list.xml", "HEAD:.", "--exit-code"], in: folder.path)
        #expect(same.status == 0, "\(same.stderr)")
        let missing = try runBrief(["diff", "HEAD:nope.xml", "."], in: folder.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("HEAD:nope.xml"))
    }

    @Test func aManifestInMemoryIsCheckedAsOnDisk() throws {
        let manifest = try String(contentsOf: Repository.root.appendingPathComponent("briefs/cuba-53/brief.xml"), encoding: .utf8)
            .replacingOccurrences(of: #"<list href="list.xml"/>"#, with: #"<list href="../list.xml"/>"#)
        let store = InputStore.memory(["b/brief.xml": Array(manifest.utf8), "list.xml": Array(listXML().utf8)])
        let inputs = try BriefInputs.resolve(path: "b", in: store, validator: Validator(schemas: sharedSchemas))
        #expect(inputs.hasErrors)
        #expect(inputs.list == nil)
        #expect(inputs.manifest?.diagnostics.first?.message == "path '../list.xml' leaves the brief's folder")
        #expect(throws: Briefing.Refusal.self) { try Briefing.make(inputs: inputs, audience: .public, date: nil) }
    }

    @Test func pathsAreNormalizedWithinTheirFolder() {
        #expect(ManifestPaths.normalized("a/./b//c/../d.xml") == "a/b/d.xml")
        #expect(ManifestPaths.syntaxProblem("a/../../x.xml") == .leavesFolder("a/../../x.xml"))
        #expect(ManifestPaths.syntaxProblem("https://example.org/list.xml") == .notRelative("https://example.org/list.xml"))
        #expect(ManifestPaths.syntaxProblem("history/list-r2.xml") == nil)
    }
}
