import BriefConfig
import Foundation
import Testing
@testable import BriefKit

/// The project configuration file (docs/configuration.md): found above the input, checked key by key with lines and
/// columns, and overridden by flags.
@Suite struct ConfigTests {
    /// A git repository in a temporary folder holding the example brief and `config` as `.brief.yml`.
    static func repository(config: String?) throws -> URL {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try exampleBriefCopy(), to: folder.appendingPathComponent("cuba-53"))
        if let config { try Data(config.utf8).write(to: folder.appendingPathComponent(".brief.yml")) }
        return folder
    }

    @Test func everyKeyIsReadWithItsLine() throws {
        let config = try ProjectConfig.parse("""
            # settings
            audience: public
            out: build
            formats: [html, pdf]
            strict: true
            rules:
              source-conflict: off
              committed-count: error
            baseline: .brief-baseline.json
            exclude: drafts/**
            """, path: "/repo/.brief.yml")
        #expect(config.audience?.value == .public && config.audience?.line == 2)
        #expect(config.out?.value == "build" && config.resolve("build") == "/repo/build")
        #expect(config.formats?.value == ["html", "pdf"] && config.formats?.line == 4)
        #expect(config.strict?.value == true)
        #expect(config.rules.map(\.value) == ["source-conflict=off", "committed-count=error"])
        #expect(config.rules.map(\.line) == [7, 8])
        #expect(config.baseline?.value == ".brief-baseline.json")
        #expect(config.exclude?.value == ["drafts/**"])
    }

    @Test(arguments: [
        ("colour: red\n", 1, 1, "unknown key 'colour'"),
        ("audience: secret\n", 1, 11, "audience 'secret' is not public, committee or restricted"),
        ("formats: [html, docs]\n", 1, 17, "unknown format 'docs'"),
        ("strict: maybe\n", 1, 9, "strict must be true or false"),
        ("rules:\n  no-such-rule: off\n", 2, 3, "unknown rule 'no-such-rule'"),
        ("rules:\n  source-conflict: loud\n", 2, 3, "rules:"),
        ("out: [a, b]\n", 1, 6, "out must be a single value"),
        ("- a\n- b\n", 1, 1, "must be a mapping"),
        ("audience: [public\n", 2, 1, "is not valid YAML"),
    ])
    func aBadSettingIsAnErrorAtItsLineAndColumn(_ text: String, line: Int, column: Int, message: String) {
        do {
            _ = try ProjectConfig.parse(text, path: ".brief.yml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.description.hasPrefix(".brief.yml:\(line):\(column): error: ") && error.description.contains(message), "\(error)")
        }
    }

    @Test func theNearestFileAboveTheInputIsFoundButNotAboveTheRepository() throws {
        let repository = try Self.repository(config: "audience: public\n")
        defer { try? FileManager.default.removeItem(at: repository) }
        let list = repository.appendingPathComponent("cuba-53/list.xml").path
        #expect(ProjectConfig.find(from: list) == repository.appendingPathComponent(".brief.yml").path)
        // A brief's own file is nearer.
        let own = repository.appendingPathComponent("cuba-53/.brief.yaml")
        try Data("strict: true\n".utf8).write(to: own)
        #expect(ProjectConfig.find(from: list) == own.path)
        // Nothing above a repository's root is read.
        let inner = try Self.repository(config: nil)
        defer { try? FileManager.default.removeItem(at: inner) }
        #expect(ProjectConfig.find(from: inner.appendingPathComponent("cuba-53").path) == nil)
    }

    @Test func flagsOverrideTheFileWhichOverridesTheDefaults() throws {
        let repository = try Self.repository(config: """
            audience: public
            formats: md
            out: briefings
            rules:
              source-conflict: error
            """)
        defer { try? FileManager.default.removeItem(at: repository) }
        // The configuration's rule makes the example's notes errors; a flag puts them back.
        #expect(try runBrief(["validate", "cuba-53"], in: repository.path).status == 1)
        #expect(try runBrief(["validate", "cuba-53", "--rule", "source-conflict=note"], in: repository.path).status == 0)
        #expect(try runBrief(["validate", "cuba-53", "--no-config"], in: repository.path).status == 0)
        // build: the configuration's audience, formats and folder (relative to the file), unless flags say otherwise.
        let built = try runBrief(["build", "cuba-53"], in: repository.path)
        #expect(built.stdout == "wrote \(repository.appendingPathComponent("briefings/cuba-53.public.md").path)\n", "\(built.stdout)\(built.stderr)")
        let flagged = try runBrief(["build", "cuba-53", "--audience", "committee", "--format", "txt", "--out", "here"], in: repository.path)
        #expect(flagged.stdout.contains("here/cuba-53.committee.txt"), "\(flagged.stdout)")
        // brief config says where each setting comes from.
        let shown = try runBrief(["config", "cuba-53"], in: repository.path)
        #expect(shown.stdout.contains("audience: public  (.brief.yml:1)"))
        #expect(shown.stdout.contains("strict: false  (default)"))
        #expect(shown.stdout.contains("rule source-conflict=error  (.brief.yml:5)"))
    }

    @Test func aBadFileStopsEveryCommandWithItsLocation() throws {
        let repository = try Self.repository(config: "audience: public\nformat: html\n")
        defer { try? FileManager.default.removeItem(at: repository) }
        for arguments in [["validate", "cuba-53"], ["build", "cuba-53"], ["diff", "cuba-53/history/list-r2.xml", "cuba-53/list.xml"], ["config"]] {
            let run = try runBrief(arguments, in: repository.path)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains(".brief.yml:2:1: error: unknown key 'format'"), "\(arguments): \(run.stderr)")
        }
    }
}
