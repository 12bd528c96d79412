@testable import BriefKit
import Foundation
import Testing

/// `brief build`: editions leak nothing above their audience, figures follow the edition, outputs are escaped,
/// deterministic and written atomically.
@Suite(.serialized) struct BuildTests {
    static let markers = Repository.fixture("briefs/markers")
    static let textFormats: [OutputFormat] = [.html, .md, .txt, .json, .csv]

    static func build(_ path: String = markers, audience: Marking?, formats: [OutputFormat] = OutputFormat.allCases,
                      into folder: URL) throws -> BuildOutcome {
        let builder = BriefBuilder(validator: Validator(schemas: sharedSchemas))
        return try builder.build(BuildRequest(path: path, audience: audience, formats: formats, outputDirectory: folder.path))
    }

    static func outputs(_ outcome: BuildOutcome) throws -> [String: String] {
        var texts: [String: String] = [:]
        for path in outcome.written {
            texts[(path as NSString).pathExtension] = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        }
        return texts
    }

    @Test(arguments: [Marking.public, .committee])
    func anEditionContainsNothingAboveItsAudience(_ audience: Marking) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The text formats here; DOCX parts and PDF text are checked by DOCXWriterTests and PDFWriterTests.
        let outcome = try Self.build(audience: audience, formats: Self.textFormats, into: folder)
        #expect(outcome.succeeded)
        let texts = try Self.outputs(outcome)
        #expect(texts.count == Self.textFormats.count)
        let forbidden = audience == .public ? ["MARKERC", "MARKERR", "7771", "8881", "2015-01-09"] : ["MARKERR", "8881", "2015-01-09"]
        for (format, text) in texts {
            for marker in forbidden {
                #expect(!text.contains(marker), "\(format) of the \(audience) edition contains \(marker)")
            }
        }
        let banner = audience == .public ? "PUBLIC" : "COMMITTEE SENSITIVE"
        for format in ["html", "md", "txt"] {
            let text = try #require(texts[format])
            #expect(text.components(separatedBy: banner).count - 1 >= 2, "\(format): banner at top and bottom")
        }
    }

    @Test func theBannerIsTheHighestMarkingIncluded() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Self.build(Repository.fixture("lists/clean.xml"), audience: .committee, into: folder)
        let document = try #require(outcome.document)
        #expect(document.banner == .public, "a committee edition of public material is marked public")
        let restricted = try #require(try Self.build(audience: .restricted, formats: [], into: folder).document)
        #expect(restricted.banner == .restricted)
    }

    @Test func portionMarksAppearOnlyAboveThePublicEdition() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let committee = try Self.outputs(try Self.build(audience: .committee, formats: [.md, .txt], into: folder))
        #expect(committee["md"]?.contains("**(C)**") == true)
        #expect(committee["txt"]?.contains("(C) ") == true)
        let publicTexts = try Self.outputs(try Self.build(audience: .public, formats: [.md, .txt], into: folder))
        #expect(publicTexts["md"]?.contains("(P)") == false)
        #expect(publicTexts["txt"]?.contains("(C)") == false)
    }

    @Test func figuresAreComputedPerEdition() throws {
        let list = try #require(check(String(decoding: try Data(contentsOf: URL(fileURLWithPath: Self.markers + "/list.xml")), as: UTF8.self)).list)
        let publicFigures = Reconciliation(edition: Edition(list: list, audience: .public))
        let committeeFigures = Reconciliation(edition: Edition(list: list, audience: .committee))
        let restrictedFigures = Reconciliation(edition: Edition(list: list, audience: .restricted))
        #expect(publicFigures.figure(.onList)?.value == 2)
        #expect(committeeFigures.figure(.onList)?.value == 3)
        #expect(publicFigures.edition.withheldRecords == 2)
        #expect(publicFigures.figure(.released)?.claims.map(\.value).sorted() == [2, 3])
        #expect(restrictedFigures.figure(.released)?.claims.map(\.value).sorted() == [2, 3, 8881])
        #expect(publicFigures.figure(.released)?.spread == 1...3, "the public tally (1) beside the public claims (2, 3)")
        // P-001: the restricted source's "detained" is seen only by the restricted edition.
        #expect(publicFigures.people.first { $0.prisoner.id == "P-001" }?.inConflict == false)
        #expect(restrictedFigures.people.first { $0.prisoner.id == "P-001" }?.inConflict == true)
        #expect(publicFigures.people.first { $0.prisoner.id == "P-001" }?.nameWithheld == true)
    }

    @Test func conflictingSourcesAreShownAndReconciledByTheDocumentedRule() throws {
        let list = try #require(check(String(decoding: try Data(contentsOf: URL(fileURLWithPath: Self.markers + "/list.xml")), as: UTF8.self)).list)
        let reconciled = Reconciliation(edition: Edition(list: list, audience: .public))
        let p2 = try #require(reconciled.people.first { $0.prisoner.id == "P-002" })
        #expect(p2.inConflict)
        #expect(p2.status == .detained, "the latest claim wins")
        let sameDay = [
            StatusClaim(value: .released, date: Day(iso: "2015-01-10")!, sourceID: "a", note: nil, marking: .public, declaredMarking: nil, anchor: SourceAnchor(offset: 0)),
            StatusClaim(value: .detained, date: Day(iso: "2015-01-10")!, sourceID: "b", note: nil, marking: .public, declaredMarking: nil, anchor: SourceAnchor(offset: 1)),
        ]
        #expect(Reconciliation.reconcile(sameDay, sourceOrder: ["a": 0, "b": 1])?.value == .detained, "same day: the more cautious claim")
    }

    @Test func hostileNamesAreEscapedInEveryFormat() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let texts = try Self.outputs(try Self.build(audience: .public, formats: Self.textFormats, into: folder))
        let html = try #require(texts["html"])
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.lowercased().contains("href=\"javascript:"))
        #expect(html.contains("href=\"https://example.org/officials\""))
        let md = try #require(texts["md"])
        #expect(!md.contains("<script"))
        #expect(md.components(separatedBy: "](javascript:").dropLast().allSatisfy { $0.hasSuffix("\\") }, "every ] before (javascript: is escaped")
        #expect(md.contains("\\*\\*bold\\*\\*"))
        #expect(md.contains("\\|"))
        let csv = try #require(texts["csv"])
        #expect(csv.hasPrefix("\u{FEFF}"))
        #expect(csv.contains("\r\n"))
        #expect(CSVWriter.field("=1+2") == "'=1+2")
        #expect(CSVWriter.field("-cmd") == "'-cmd")
        #expect(CSVWriter.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.field("a,\"b\"") == "\"a,\"\"b\"\"\"")
        let json = try #require(texts["json"])
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let first = try temporaryFolder(), second = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        let a = try Self.build(audience: .committee, into: first).written.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let b = try Self.build(audience: .committee, into: second).written.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(a.count == OutputFormat.allCases.count)
        #expect(a == b)
    }

    @Test func inputsWithErrorsWriteNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Self.build(Repository.fixture("lists/two-errors.xml"), audience: .public, into: folder)
        #expect(!outcome.succeeded)
        #expect(outcome.written.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aListsHashIsShownOnlyInAnEditionThatWithholdsNothingOfIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The markers list has committee and restricted portions: its public edition must not carry a hash of them.
        let cut = try Self.outputs(try Self.build(audience: .public, formats: [.json, .txt], into: folder))
        #expect(cut["txt"]?.contains("list.xml (SHA-256 withheld") == true)
        let json = try #require(try JSONSerialization.jsonObject(with: Data((cut["json"] ?? "").utf8)) as? [String: Any])
        let inputs = try #require(json["inputs"] as? [[String: Any]])
        #expect(inputs.filter { $0["sha256"] == nil }.compactMap { $0["role"] as? String }.sorted() == ["List", "Previous list"])
        let whole = try Self.outputs(try Self.build(Self.markers, audience: .restricted, formats: [.json], into: folder))
        let hash = SHA256.hex(try DocumentReader.readBytes(at: Self.markers + "/list.xml", limit: 1 << 20))
        #expect(whole["json"]?.contains(hash) == true)
    }

    @Test func aBareListNeedsAnAudience() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: BuildError.self) { try Self.build(Repository.fixture("lists/clean.xml"), audience: nil, into: folder) }
    }

    @Test func aFailedWriteLeavesNoPartialFileAndKeepsEarlierOutput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // An earlier output that must survive, and a target that cannot be replaced (a folder in its place).
        try "EARLIER".write(to: folder.appendingPathComponent("markers.public.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("markers.public.html"), withIntermediateDirectories: false)
        #expect(throws: BuildError.self) { try Self.build(audience: .public, formats: [.html, .md], into: folder) }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["markers.public.html", "markers.public.md"], "no temporary file is left")
        #expect(try String(contentsOf: folder.appendingPathComponent("markers.public.md"), encoding: .utf8) == "EARLIER")
        #expect(throws: OutputError.self) { try AtomicFileWriter.write([1, 2, 3], to: "/dev/full/x") }
    }

    @Test func theCommandLineBuildsTheExampleIntoOut() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runBrief(["build", Repository.root.appendingPathComponent("briefs/cuba-53").path, "--out", folder.path, "--format", "html,md,txt,json,csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["cuba-53.committee.csv", "cuba-53.committee.html", "cuba-53.committee.json", "cuba-53.committee.md", "cuba-53.committee.txt"])
        let broken = try runBrief(["build", Repository.fixture("lists/two-errors.xml"), "--audience", "public", "--out", folder.path])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("error: prisoner 'CU-001' is released on 2011-03-01"))
        #expect(try runBrief(["build", Repository.fixture("lists/clean.xml"), "--out", folder.path]).status == 2)
    }

    @Test func sourceDateEpochSetsTheBuildDate() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let builder = BriefBuilder(validator: Validator(schemas: sharedSchemas))
        let outcome = try builder.build(BuildRequest(path: Self.markers, audience: .public, formats: [.json], outputDirectory: folder.path,
                                                     sourceDateEpoch: "1700000000"))
        #expect(outcome.document?.metadata.date.iso == "2023-11-14")
    }
}
