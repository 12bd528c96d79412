import BriefKit
import Foundation
import Testing

/// `brief diff` and `brief textconv`.
@Suite(.serialized) struct DiffTests {
    static func list(_ xml: String) throws -> PrisonerList {
        let result = check(xml)
        return try #require(result.list, "\(result.diagnostics)")
    }

    static let base = listXML(asOf: "2015-01-06",
                              counts: #"<counts><count source="usg" date="2015-01-05" of="released">1</count><count source="ngo" date="2015-01-05" of="released">0</count></counts>"#,
                              prisoners: """
      <prisoner id="P1" list="agreed" marking="public">
        <name marking="public">Ana Pérez</name>
        <born>1970</born>
        <province>Holguín</province>
        <status value="detained" date="2015-01-02" source="ngo"/>
      </prisoner>
    """)

    func diff(_ old: String, _ new: String, audience: Marking = .restricted) throws -> ListDiff {
        ListDiff(oldList: try Self.list(old), newList: try Self.list(new), audience: audience)
    }

    func kinds(_ diff: ListDiff) -> [String] { diff.changes.map(\.kind.rawValue) }

    @Test func reorderedAndReindentedListsHaveNoChange() throws {
        let reordered = """
        <?xml version="1.0" encoding="UTF-8"?>
        <prisonerList   asOf="2015-01-06" revision="2" id="test" xmlns="urn:oversight:prisoner-list:1"   marking="committee"><title>  Test
          list </title><submitter>Test office</submitter>
        <agreement committed="1" announced="2014-12-17"><party>United States</party><party>Cuba</party></agreement>
        <sources><source kind="government" id="usg" marking="public">US officials</source><source marking="public" kind="ngo" id="ngo">Dissidents</source></sources>
        <counts><count of="released" source="ngo" date="2015-01-05" >0</count><count source="usg" date="2015-01-05" of="released">1</count></counts>
        <prisoner marking="public" list="agreed" id="P1"><name marking="public">Ana   Pérez</name><born>1970</born><province>Holguín</province>
        <status source="ngo" date="2015-01-02" value="detained"/></prisoner></prisonerList>
        """
        let result = try diff(Self.base, reordered)
        #expect(result.isEmpty, "\(result.changes)")
    }

    @Test func changeKindsKeepTheirNamesAndTheirSigns() throws {
        typealias Kind = ListDiff.Change.Kind
        // The names are output (JSON, docs/diff.md): they must not change with the type that holds them.
        #expect(Kind.allCases.map(\.rawValue) == [
            "record-added", "record-removed", "id-changed", "field-changed", "status-changed", "claim-added", "claim-withdrawn",
            "condition-added", "condition-removed", "condition-changed", "warning-added", "warning-removed", "warning-changed",
            "note-added", "note-removed", "marking-changed", "source-added", "source-removed", "source-changed", "count-added",
            "count-withdrawn", "count-changed", "figure-changed", "list-changed",
        ])
        for kind in Kind.allCases {
            // The oracle reads the name; the library never does.
            let expected: ListDiff.Change.Effect = kind.rawValue.hasSuffix("-added") ? .addition
                : (kind.rawValue.hasSuffix("-removed") || kind.rawValue.hasSuffix("-withdrawn") ? .removal : .modification)
            #expect(kind.effect == expected, "\(kind)")
            #expect(kind.isNews == (expected == .addition || kind == .statusChanged || kind == .countChanged), "\(kind)")
            #expect(kind.label == kind.rawValue.replacingOccurrences(of: "-", with: " "))
        }
        #expect("\(Kind.recordAdded)" == "record-added")
        // JSON and the terminal show the same kinds, with their signs.
        let newer = Self.base.replacingOccurrences(of: "revision=\"2\"", with: "revision=\"3\"")
            .replacingOccurrences(of: "<count source=\"ngo\" date=\"2015-01-05\" of=\"released\">0</count>", with: "")
            .replacingOccurrences(of: "<status value=\"detained\" date=\"2015-01-02\" source=\"ngo\"/>",
                                  with: "<status value=\"released\" date=\"2015-01-05\" source=\"usg\"/>")
        let result = try diff(Self.base, newer)
        let json = try JSONOutput.encode(DiffExport(diff: result))
        for kind in ["claim-added", "claim-withdrawn", "count-withdrawn", "status-changed", "list-changed"] {
            #expect(json.contains("\"kind\" : \"\(kind)\""), "\(kind)")
        }
        let terminal = DiffTerminalRenderer(color: false).render(DiffComposer(diff: result).document(title: "t", date: result.new.list.asOf))
        #expect(terminal.contains("+ P1 claim added status: released per usg"))
        #expect(terminal.contains("- P1 claim withdrawn status: detained per ngo"))
        #expect(terminal.contains("- ngo count withdrawn released: 0"))
        #expect(terminal.contains("~ P1 status changed status: detained → released"))
    }

    @Test func statusChangesAreClassedHappenedOrLearned() throws {
        let newer = Self.base.replacingOccurrences(of: "asOf=\"2015-01-06\"", with: "asOf=\"2015-01-13\"")
            .replacingOccurrences(of: "revision=\"2\"", with: "revision=\"3\"")
            .replacingOccurrences(of: "<status value=\"detained\" date=\"2015-01-02\" source=\"ngo\"/>", with: """
              <status value="detained" date="2015-01-02" source="ngo"/>
              <status value="released" date="2015-01-04" source="usg"/>
              <status value="rearrested" date="2015-01-10" source="ngo"/>
            """)
        let result = try diff(Self.base, newer)
        let added = result.changes.filter { $0.kind == .claimAdded }
        #expect(added.count == 2)
        #expect(added.first { $0.after?.hasPrefix("released") == true }?.timing == .learned, "dated before the old asOf")
        #expect(added.first { $0.after?.hasPrefix("rearrested") == true }?.timing == .happened)
        let move = try #require(result.changes.first { $0.kind == .statusChanged })
        #expect(move.before == "detained" && move.after == "rearrested")
        #expect(kinds(result).contains("list-changed"))
        #expect(kinds(result).contains("figure-changed"))
    }

    @Test func everyRecordLevelChangeKindIsReported() throws {
        let changed = Self.base.replacingOccurrences(of: "<province>Holguín</province>", with: "<province>Granma</province><affiliation>UNPACU</affiliation>")
            .replacingOccurrences(of: "<status value=\"detained\" date=\"2015-01-02\" source=\"ngo\"/>", with: """
              <status value="released" date="2015-01-03" source="usg"/>
              <condition kind="parole" since="2015-01-03" source="usg">Parole</condition>
              <warning kind="rearrest" date="2015-01-04" source="ngo">Warned</warning>
              <note>New note</note>
            """)
        let result = try diff(Self.base, changed)
        let found = Set(kinds(result))
        for kind in ["field-changed", "claim-added", "claim-withdrawn", "status-changed", "condition-added", "warning-added", "note-added"] {
            #expect(found.contains(kind), "\(kind) missing from \(found)")
        }
        #expect(result.changes.contains { $0.field == "province" && $0.before == "Holguín" && $0.after == "Granma" })
        let back = try diff(changed, Self.base)
        let reverse = Set(kinds(back))
        for kind in ["condition-removed", "warning-removed", "note-removed"] { #expect(reverse.contains(kind)) }
    }

    @Test func addedRemovedAndRenamedRecords() throws {
        let added = Self.base.replacingOccurrences(of: "</prisonerList>", with: """
          <prisoner id="P2" list="other" marking="public"><name marking="public">Luis Gómez</name><status value="detained" date="2015-01-05" source="ngo"/></prisoner>
        </prisonerList>
        """)
        #expect(kinds(try diff(Self.base, added)).contains("record-added"))
        #expect(kinds(try diff(added, Self.base)).contains("record-removed"))
        let renamed = Self.base.replacingOccurrences(of: "id=\"P1\"", with: "id=\"CU-001\"")
        let result = try diff(Self.base, renamed)
        #expect(kinds(result) == ["id-changed"])
        #expect(result.changes.first?.before == "P1" && result.changes.first?.after == "CU-001")
    }

    @Test func sourcesAndCountsAreCompared() throws {
        let changed = Self.base.replacingOccurrences(of: ">0</count>", with: ">4</count>")
            .replacingOccurrences(of: "<source id=\"ngo\" kind=\"ngo\" marking=\"public\">Dissidents</source>",
                                  with: "<source id=\"ngo\" kind=\"ngo\" marking=\"public\">Leading dissidents</source>")
        let found = Set(kinds(try diff(Self.base, changed)))
        #expect(found.contains("count-changed"))
        #expect(found.contains("source-changed"))
    }

    @Test func markingChangesAreReportedWithoutTheHiddenValue() throws {
        let restricted = Self.base.replacingOccurrences(of: "<name marking=\"public\">Ana Pérez</name>", with: "<name marking=\"restricted\">Ana Pérez</name>")
        let result = try diff(Self.base, restricted, audience: .public)
        let change = try #require(result.changes.first { $0.kind == .markingChanged })
        #expect(change.field == "name" && change.after == "withheld")
    }

    @Test func aRecordThatRisesAboveTheAudienceLooksRemoved() throws {
        // Saying "withheld" rather than "removed" would be derived from the restricted record itself.
        let restricted = Self.base.replacingOccurrences(of: "<prisoner id=\"P1\" list=\"agreed\" marking=\"public\">",
                                                        with: "<prisoner id=\"P1\" list=\"agreed\" marking=\"restricted\">")
        let result = try diff(Self.base, restricted, audience: .public)
        let removed = try #require(result.changes.first { $0.id == "P1" })
        #expect(removed.kind == .recordRemoved)
        #expect(!kinds(result).contains { $0.contains("withheld") })
        let count = try #require(result.changes.first { $0.field == "withheld records" })
        #expect((count.before, count.after) == ("0", "1"))
    }

    @Test func aPublicDiffRevealsNothingAbovePublic() throws {
        let folder = Repository.fixture("briefs/markers")
        let run = try runBrief(["diff", "--audience", "public", "--format", "json", folder + "/list-r1.xml", folder + "/list.xml"])
        #expect(run.status == 0, "\(run.stderr)")
        for format in ["human", "markdown", "html", "json"] {
            let output = try runBrief(["diff", "--audience", "public", "--format", format, folder + "/list-r1.xml", folder + "/list.xml"]).stdout
            #expect(!output.contains("MARKERC") && !output.contains("MARKERR") && !output.contains("8881") && !output.contains("7771"), "\(format)")
            #expect(!output.isEmpty)
        }
        let committee = try runBrief(["diff", "--audience", "committee", "--format", "json", folder + "/list-r1.xml", folder + "/list.xml"]).stdout
        #expect(committee.contains("MARKERC"))
        #expect(!committee.contains("MARKERR"))
    }

    @Test func exitCodeSaysWhetherAnythingChanged() throws {
        let folder = Repository.fixture("briefs/markers")
        #expect(try runBrief(["diff", "--exit-code", folder + "/list.xml", folder + "/list.xml"]).status == 0)
        #expect(try runBrief(["diff", "--exit-code", folder + "/list-r1.xml", folder + "/list.xml"]).status == 1)
        #expect(try runBrief(["diff", folder + "/list-r1.xml", Repository.fixture("lists/two-errors.xml")]).status == 2)
    }

    @Test func revisionsAreReadFromGit() throws {
        let repo = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: repo) }
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"] + arguments
            process.currentDirectoryURL = repo
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments)")
        }
        let target = repo.appendingPathComponent("list.xml")
        try git("init", "-q")
        try Data(contentsOf: URL(fileURLWithPath: Repository.fixture("briefs/markers/list-r1.xml"))).write(to: target)
        try git("add", "list.xml")
        try git("commit", "-q", "-m", "r1")
        try Data(contentsOf: URL(fileURLWithPath: Repository.fixture("briefs/markers/list.xml"))).write(to: target)
        try git("commit", "-q", "-am", "r2")
        let run = try runBrief(["diff", "--format", "json", "HEAD~1:list.xml", "HEAD:list.xml"], in: repo.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"kind\" : \"claim-added\""))
        #expect(try runBrief(["diff", "HEAD~5:list.xml", "HEAD:list.xml"], in: repo.path).status == 2)
    }

    @Test func textconvIsCanonical() throws {
        let a = ListTextConverter.render(try Self.list(Self.base))
        let shuffled = Self.base.replacingOccurrences(of: "<source id=\"usg\" kind=\"government\" marking=\"public\">US officials</source><source id=\"ngo\" kind=\"ngo\" marking=\"public\">Dissidents</source>",
                                                      with: "<source id=\"ngo\" kind=\"ngo\" marking=\"public\">Dissidents</source>\n   <source id=\"usg\" kind=\"government\" marking=\"public\">US officials</source>")
        #expect(ListTextConverter.render(try Self.list(shuffled)) == a)
        #expect(a.contains("P1 status 2015-01-02 detained per ngo"))
        let run = try runBrief(["textconv", Repository.fixture("lists/clean.xml")])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("list clean revision 1 asOf 2015-01-13 marking public\n"))
        let broken = try runBrief(["textconv", Repository.fixture("hostile/truncated.xml")])
        #expect(broken.status == 0, "an invalid file is shown as it is")
        #expect(broken.stdout.hasPrefix("<?xml"))
    }
}
