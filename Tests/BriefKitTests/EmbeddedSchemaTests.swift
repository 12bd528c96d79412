@testable import BriefKit
import Foundation
import Testing

/// The XSDs in schemas/ are the source of truth; the copies built into the binary must equal them.
@Suite struct EmbeddedSchemaTests {
    @Test(arguments: [("schemas/prisoner-list.xsd", EmbeddedSchemas.prisonerList), ("schemas/brief.xsd", EmbeddedSchemas.brief)])
    func embeddedCopyEqualsTheSchemaFile(_ pair: (String, String)) throws {
        let file = try String(contentsOf: Repository.root.appendingPathComponent(pair.0), encoding: .utf8)
        #expect(file == pair.1 + "\n", "run make schemas after editing \(pair.0)")
    }

    @Test func theExampleBriefIsValidAgainstBothSchemas() throws {
        let validator = Validator(schemas: sharedSchemas)
        let report = try validator.validate(paths: [Repository.root.appendingPathComponent("briefs").path])
        #expect(report.count(.error) == 0)
        #expect(report.count(.warning) == 0, "the example validates with notes only")
        #expect(report.files.count == 10, "cuba-53 (brief, list, and its earlier brief and list in history), nicaragua-222 (brief, list) and venezuela-merged (brief, list, two submissions)")
    }
}
