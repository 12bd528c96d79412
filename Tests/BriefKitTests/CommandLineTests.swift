import Foundation
import Testing

/// The executable: exit codes, paths, formats, options.
@Suite(.serialized) struct CommandLineTests {
    let clean = Repository.fixture("lists/clean.xml")
    let broken = Repository.fixture("lists/two-errors.xml")

    @Test func exitsZeroWithoutErrors() throws {
        let run = try runBrief(["validate", clean])
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("1 file checked: 0 errors, 0 warnings, 0 notes\n"))
    }

    /// `build` tells the operator what the inputs' warnings and notes are, one line each on stderr, and still builds.
    @Test func buildPrintsTheInputsFindingsCompactly() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try runBrief(["build", Repository.root.appendingPathComponent("briefs/cuba-53").path, "--format", "txt", "--out", out.path],
                               environment: ["NO_COLOR": "1"])
        #expect(run.status == 0)
        let lines = run.stderr.split(separator: "\n")
        let notes = lines.filter { $0.contains(": note: ") && $0.hasSuffix("[source-conflict]") }
        #expect(notes.count == 4, "\(run.stderr)")
        #expect(notes.allSatisfy { $0.contains("briefs/cuba-53/list.xml:") })
        #expect(!run.stderr.contains(" | "), "no source snippet: one line per finding")
        #expect(run.stdout.contains("wrote "))
    }

    @Test func exitsOneOnErrors() throws {
        #expect(try runBrief(["validate", broken]).status == 1)
    }

    @Test func strictFailsOnWarnings() throws {
        #expect(try runBrief(["validate", broken, "--rule", "date-order=warning", "--rule", "future-date=off"]).status == 0)
        #expect(try runBrief(["validate", "--strict", broken, "--rule", "date-order=warning", "--rule", "future-date=off"]).status == 1)
    }

    @Test func exitsTwoOnUsageProblems() throws {
        // A path that cannot be read is an error on it, not a usage problem: every other file is still checked.
        let missing = try runBrief(["validate", "/no/such/file.xml", clean])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("/no/such/file.xml:1:1: error: cannot be read: no such file or folder [unreadable]"))
        #expect(missing.stdout.hasSuffix("2 files checked: 1 error, 0 warnings, 0 notes\n"))
        #expect(try runBrief(["validate"]).status == 2)
        #expect(try runBrief(["validate", clean, "--format", "nope"]).status == 2)
        #expect(try runBrief(["validate", clean, "--rule", "schema=off"]).status == 2)
        #expect(try runBrief(["frobnicate"]).status == 2)
    }

    @Test func foldersAreSearchedAndReportedInOrder() throws {
        let run = try runBrief(["validate", "--format", "json", Repository.fixture("lists")])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let paths = (object["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? []
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["clean.xml", "two-errors.xml"])
    }

    @Test func theExampleBriefValidatesWithItsLists() throws {
        let run = try runBrief(["validate", Repository.root.appendingPathComponent("briefs/cuba-53/brief.xml").path])
        #expect(run.status == 0, "\(run.stdout)")
        // brief.xml, then the list and the previous list it names.
        let summary = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.hasPrefix("3 files checked: 0 errors, 0 warnings, "), "a manifest is validated with its lists: \(summary)")
        #expect(!run.stdout.contains(": error:"))
        #expect(!run.stdout.contains(": warning:"))
    }

    @Test func aManifestPathOutsideItsFolderIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = """
        <brief xmlns="urn:oversight:brief:1" id="b">
          <memo><to>Members</to><from>Staff</from><date>2015-01-13</date><subject>S</subject></memo>
          <audience>public</audience>
          <list href="../../etc/passwd"/>
        </brief>
        """
        try manifest.write(to: folder.appendingPathComponent("brief.xml"), atomically: true, encoding: .utf8)
        let run = try runBrief(["validate", folder.appendingPathComponent("brief.xml").path])
        #expect(run.status == 1)
        #expect(run.stdout.contains(":4:9: error: path '../../etc/passwd' leaves the brief's folder [manifest-path]"), "\(run.stdout)")
    }

    @Test func schemaOverrideIsUsed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let permissive = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:oversight:prisoner-list:1">
          <xs:element name="prisonerList"><xs:complexType><xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType></xs:element>
        </xs:schema>
        """
        let path = folder.appendingPathComponent("permissive.xsd").path
        try permissive.write(toFile: path, atomically: true, encoding: .utf8)
        let broken = Repository.fixture("hostile/schema-location.xml")
        #expect(try runBrief(["validate", broken]).status == 1)
        let run = try runBrief(["validate", "--schema", path, "--format", "json", broken])
        #expect(!run.stdout.contains("\"rule\" : \"schema\""), "\(run.stdout)")
    }
}
