import Foundation
import Testing

/// The `brief` executable's outputs, compared byte for byte with reviewed golden files in
/// Tests/BriefKitTests/Golden: every format of `brief diff` on the example's two revisions, and every format of
/// `brief validate` on files with errors, warnings and notes.
///
/// `brief` runs in the repository's root on relative paths, so the paths in the outputs are the same on every
/// machine; the build date is pinned to the newer list's `asOf`. `make golden` (BRIEF_UPDATE_GOLDEN=1) rewrites
/// these files with the writers' ones; review the diff.
@Suite struct CommandGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        /// The golden file's name in Tests/BriefKitTests/Golden.
        var golden: String
        var arguments: [String]
        /// The exit status the command must end with.
        var status: Int32
        var testDescription: String { golden }
    }

    static let diffCases: [Case] = ["committee", "public"].flatMap { audience in
        [("human", "txt"), ("markdown", "md"), ("html", "html"), ("json", "json")].map { format, ext in
            Case(golden: "diff.cuba-53.\(audience).\(ext)",
                 arguments: ["diff", "briefs/cuba-53/history/list-r2.xml", "briefs/cuba-53/list.xml", "--audience", audience, "--format", format],
                 status: 0)
        }
    }

    /// Two errors, six warnings and two notes in three files: one with errors (and warnings and a note), one with
    /// warnings and a note only, one clean.
    static let validated = ["Tests/BriefKitTests/Fixtures/diagnostics/mixed.xml", "Tests/BriefKitTests/Fixtures/diagnostics/warnings.xml",
                            "Tests/BriefKitTests/Fixtures/lists/clean.xml"]

    static let validateCases: [Case] = [
        Case(golden: "validate.human.txt", arguments: ["validate"] + validated, status: 1),
        Case(golden: "validate.json", arguments: ["validate", "--format", "json"] + validated, status: 1),
        Case(golden: "validate.github.txt", arguments: ["validate", "--format", "github"] + validated, status: 1),
        Case(golden: "validate.sarif", arguments: ["validate", "--format", "sarif"] + validated, status: 1),
        Case(golden: "validate.junit.xml", arguments: ["validate", "--format", "junit"] + validated, status: 1),
        Case(golden: "validate.strict.junit.xml", arguments: ["validate", "--format", "junit", "--strict"] + validated, status: 1),
    ]

    @Test(arguments: diffCases + validateCases)
    func commandOutputMatchesTheGoldenFile(_ golden: Case) throws {
        // 2015-01-13, the newer list's asOf, which is also the date without SOURCE_DATE_EPOCH.
        let run = try runBrief(golden.arguments, environment: ["SOURCE_DATE_EPOCH": "1421107200"], in: Repository.root.path)
        #expect(run.status == golden.status, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        try expectGolden(Data(Self.placingSourceRoot(run.stdout).utf8), named: golden.golden)
    }

    /// SARIF's `%SRCROOT%` is the folder brief ran in, an absolute URI that differs between checkouts: the golden file
    /// holds `file:///SRCROOT/` in its place.
    static func placingSourceRoot(_ text: String) -> String {
        guard let base = text.range(of: "\"%SRCROOT%\" : {\n"), let start = text.range(of: "\"uri\" : \"", range: base.upperBound..<text.endIndex),
              let end = text.range(of: "\"", range: start.upperBound..<text.endIndex) else { return text }
        return text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: "file:///SRCROOT/")
    }

    /// The validate goldens are worth reading only if the fixtures still hold every severity.
    @Test func theValidatedFilesHaveErrorsWarningsAndNotes() throws {
        let run = try runBrief(["validate"] + Self.validated, in: Repository.root.path)
        #expect(run.stdout.hasSuffix("3 files checked: 2 errors, 6 warnings, 2 notes\n"))
        // Only the file with errors fails, unless warnings fail too.
        #expect(try runBrief(["validate", Self.validated[1], Self.validated[2]], in: Repository.root.path).status == 0)
        #expect(try runBrief(["validate", "--strict", Self.validated[1], Self.validated[2]], in: Repository.root.path).status == 1)
    }
}

/// Compares `actual` with the golden file `name` in Tests/BriefKitTests/Golden, or writes it when updating.
func expectGolden(_ actual: Data, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let expected = GoldenTests.folder.appendingPathComponent(name)
    if GoldenTests.updating {
        try FileManager.default.createDirectory(at: GoldenTests.folder, withIntermediateDirectories: true)
        try actual.write(to: expected)
        return
    }
    let reference = try #require(try? Data(contentsOf: expected), "missing golden file \(name): run make golden", sourceLocation: sourceLocation)
    #expect(actual == reference, "\(name) differs from its golden file; if the change is deliberate, run make golden and review the diff",
            sourceLocation: sourceLocation)
}
