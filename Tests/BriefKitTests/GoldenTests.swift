import BriefKit
import Foundation
import Testing

/// Writers' output compared byte for byte with reviewed golden files in Tests/BriefKitTests/Golden.
///
/// After a deliberate change, regenerate them with `make golden` (BRIEF_UPDATE_GOLDEN=1) and review the diff.
@Suite(.serialized) struct GoldenTests {
    static let folder = Repository.root.appendingPathComponent("Tests/BriefKitTests/Golden")
    static let updating = ProcessInfo.processInfo.environment["BRIEF_UPDATE_GOLDEN"] == "1"

    struct Case: CustomTestStringConvertible, Sendable {
        var brief: String
        var audience: Marking
        var format: OutputFormat
        var testDescription: String { "\(brief) \(audience.name) \(format.rawValue)" }
    }

    static let cases: [Case] = {
        var all: [Case] = []
        for format in [OutputFormat.html, .md, .txt, .json, .csv] {
            all.append(Case(brief: "Tests/BriefKitTests/Fixtures/briefs/markers", audience: .public, format: format))
            all.append(Case(brief: "Tests/BriefKitTests/Fixtures/briefs/markers", audience: .committee, format: format))
            all.append(Case(brief: "briefs/cuba-53", audience: .committee, format: format))
            all.append(Case(brief: "briefs/nicaragua-222", audience: .committee, format: format))
        }
        return all
    }()

    @Test(arguments: cases)
    func writerOutputMatchesTheGoldenFile(_ golden: Case) throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let builder = BriefBuilder(validator: Validator(schemas: sharedSchemas))
        let outcome = try builder.build(BuildRequest(path: Repository.root.appendingPathComponent(golden.brief).path, audience: golden.audience,
                                                     formats: [golden.format], outputDirectory: out.path))
        let written = try #require(outcome.written.first)
        let actual = try Data(contentsOf: URL(fileURLWithPath: written))
        let name = (golden.brief as NSString).lastPathComponent + "." + golden.audience.name + "." + golden.format.rawValue
        let expected = Self.folder.appendingPathComponent(name)
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try actual.write(to: expected)
            return
        }
        let reference = try #require(try? Data(contentsOf: expected), "missing golden file \(name): run make golden")
        #expect(actual == reference, "\(name) differs from its golden file; if the change is deliberate, run make golden and review the diff")
    }
}
