import BriefKit
import Foundation
import Testing

/// What a manifest names must be what the format (docs/format.md) says: `list` a prisoner list, `previous` an earlier revision of it.
@Suite struct ManifestReferenceTests {
    static func manifest(list: String, previous: String?) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <brief xmlns="urn:oversight:brief:1" id="t">
          <memo><to>Members</to><from>Staff</from><date>2015-01-13</date><subject>Test</subject></memo>
          <audience>public</audience>
          <list href="\(list)"/>\(previous.map { "<previous href=\"\($0)\"/>" } ?? "")
        </brief>

        """
    }

    /// A brief folder with `brief.xml` and the given files; returns its path.
    static func brief(list: String, previous: String?, files: [String: String]) throws -> URL {
        let folder = try temporaryFolder()
        try manifest(list: list, previous: previous).write(to: folder.appendingPathComponent("brief.xml"), atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    static func manifestErrors(_ folder: URL) throws -> [Diagnostic] {
        let report = try Validator(schemas: sharedSchemas).validate(paths: [folder.appendingPathComponent("brief.xml").path])
        return report.files.first?.diagnostics.filter { $0.rule == .manifestPath } ?? []
    }

    @Test func aListThatIsNotAPrisonerListIsAnError() throws {
        let folder = try Self.brief(list: "brief.xml", previous: nil, files: [:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let errors = try Self.manifestErrors(folder)
        #expect(errors.map(\.message) == ["path 'brief.xml' names a file that is not a prisoner list"])
        #expect(errors.first?.line == 5)
        // The build stops with the same error instead of writing nothing and succeeding.
        let outcome = try BriefBuilder(validator: Validator(schemas: sharedSchemas))
            .build(BuildRequest(path: folder.path, audience: nil, formats: [.txt], outputDirectory: folder.appendingPathComponent("out").path))
        #expect(!outcome.succeeded)
        #expect(outcome.written.isEmpty)
    }

    @Test func thePreviousListMustBeAnEarlierRevisionOfTheSameList() throws {
        let current = listXML()  // id "test", revision 2
        let other = current.replacingOccurrences(of: "id=\"test\"", with: "id=\"other\"").replacingOccurrences(of: "revision=\"2\"", with: "revision=\"1\"")
        let later = current.replacingOccurrences(of: "revision=\"2\"", with: "revision=\"3\"")
        let earlier = current.replacingOccurrences(of: "revision=\"2\"", with: "revision=\"1\"")
        for (previous, message) in [(other, "the previous list is list 'other', not an earlier revision of list 'test'"),
                                    (later, "the previous list has revision 3, not earlier than the list's revision 2"),
                                    (earlier, nil)] {
            let folder = try Self.brief(list: "list.xml", previous: "old.xml", files: ["list.xml": current, "old.xml": previous])
            defer { try? FileManager.default.removeItem(at: folder) }
            #expect(try Self.manifestErrors(folder).map(\.message) == (message.map { [$0] } ?? []))
        }
    }
}
