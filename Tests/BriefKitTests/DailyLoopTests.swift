import Foundation
import Testing
@testable import BriefKit

/// The tools around the core: diffs that say what they show, a command line that says what it has, progress that
/// stays off logs.
@Suite struct DailyLoopTests {
    static let old = "briefs/cuba-53/history/list-r2.xml"
    static let new = "briefs/cuba-53/list.xml"

    static func diff(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try runBrief(["diff", old, new] + arguments, in: Repository.root.path)
    }

    @Test(arguments: ["human", "markdown", "html"])
    func everyDiffSaysItsEditionAndWhatItWithholdsFirst(format: String) throws {
        let run = try Self.diff(["--format", format])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = "Public edition: this diff compares what a public briefing shows of each revision; revision 2 withholds 29 records entirely"
        // The first line of text a reader meets (after the banner and title of a document).
        let firstProse = run.stdout.split(separator: "\n").first { $0.contains("edition") }.map(String.init) ?? ""
        #expect(firstProse.contains(expected), "\(format): \(firstProse)")
        #expect(firstProse.contains("revision 3 withholds 30 records entirely"))
        if format == "human" { #expect(run.stdout.hasPrefix("Public edition: ")) }
        let committee = try Self.diff(["--format", format, "--audience", "committee"])
        #expect(committee.stdout.contains("Committee edition: this diff compares what a committee briefing shows"))
    }

    @Test func theJSONDiffCountsWhatEachSideWithholds() throws {
        let run = try Self.diff(["--format", "json"])
        let export = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(export["audience"] as? String == "public")
        let withheld = (export["old"] as? [String: Any])?["withheld"] as? [String: Any]
        #expect(withheld?["records"] as? Int == 29)
        #expect(withheld?["sources"] as? Int == 1)
        #expect(withheld?["agreement"] as? Bool == false)
        let restricted = try Self.diff(["--format", "json", "--audience", "restricted"])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(restricted.stdout.utf8)) as? [String: Any])
        #expect(((all["new"] as? [String: Any])?["withheld"] as? [String: Any])?["records"] as? Int == 0)
    }

    @Test func aDiffIsBanneredWithItsAudienceWhateverItShows() throws {
        // Two public-only lists: a restricted diff of them is still a restricted diff.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("old.xml"), new = folder.appendingPathComponent("new.xml")
        try Data(listXML(rootMarking: "public").utf8).write(to: old)
        try Data(listXML(asOf: "2015-01-14", rootMarking: "public").utf8).write(to: new)
        let run = try runBrief(["diff", old.path, new.path, "--audience", "restricted", "--format", "markdown"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("**RESTRICTED"), "\(run.stdout.prefix(80))")
    }

    @Test func anUnknownCommandIsNamedWithTheCommands() throws {
        let run = try runBrief(["frobnicate", "nicaragua"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown command 'frobnicate'"))
        #expect(run.stderr.contains("validate, build, diff, textconv"))
        #expect(try runBrief(["help"]).status == 0)
    }

    @Test func versionAndCompletionScripts() throws {
        let version = try runBrief(["--version"])
        #expect(version.status == 0 && version.stdout == BriefVersion.current + "\n")
        for shell in ["bash", "zsh", "fish"] {
            let script = try runBrief(["--generate-completion-script", shell])
            #expect(script.status == 0 && script.stdout.contains("validate") && script.stdout.contains("textconv"), "\(shell)")
        }
    }

    @Test(arguments: ["validate", "build", "diff", "textconv"])
    func everyCommandsHelpHasAnExample(command: String) throws {
        let run = try runBrief([command, "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Example") && run.stdout.contains("brief \(command) "), "\(command) --help")
    }

    @Test func progressStaysOffStandardErrorWhenItIsNoTerminal() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try runBrief(["build", "briefs/cuba-53", "--out", out.path], in: Repository.root.path)
        #expect(run.status == 0)
        #expect(!run.stderr.contains("rendered") && !run.stderr.contains("\u{1B}[K"))
    }
}
