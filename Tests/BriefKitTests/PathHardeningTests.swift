@testable import BriefKit
import BriefXML
import Foundation
import Testing

/// Issue 12, paths and files: attacks by a hostile submitter or a careless operator on what brief reads and
/// writes, each reproduced here.
@Suite(.serialized) struct PathHardeningTests {
    /// `sub -> /etc/ssl` and `sub/../passwd`: refused whether the brief is named by an absolute or a relative path.
    @Test func aManifestPathThroughASymbolicLinkIsRefusedHoweverTheFolderIsNamed() throws {
        let folder = try exampleBriefCopy(listHref: "sub/../passwd")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("sub").path, withDestinationPath: "/etc/ssl")
        let parent = folder.deletingLastPathComponent().path
        let name = folder.lastPathComponent
        for (arguments, directory) in [(["validate", folder.path], nil), (["validate", name], parent), (["validate", "./" + name + "/"], parent),
                                       (["build", name, "--out", name + "/out"], parent)] as [([String], String?)] {
            let run = try runBrief(arguments, in: directory)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stdout.contains("path 'sub/../passwd' goes through a symbolic link"), "\(arguments): \(run.stdout)")
            #expect(!run.stdout.contains("root:"), "\(arguments) quotes /etc/passwd")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        // Any link on the way is refused, even one that stays inside the folder.
        #expect(ManifestPaths.locateOnDisk("sub/x.xml", folder: folder.path) == .failure(.throughLink("sub/x.xml")))
        #expect(ManifestPaths.locateOnDisk("history/list-r2.xml", folder: folder.path) == .success(folder.path + "/history/list-r2.xml"))
        #expect(ManifestPaths.locateOnDisk("history/../list.xml", folder: folder.path) == .success(folder.path + "/list.xml"))
    }

    /// A walk does not follow a planted link to a token file (or /etc/passwd), says so — a link leading out of the
    /// folder is an error, so that the check fails — and quotes nothing of it.
    @Test func aFolderWalkDoesNotFollowLinksAndSaysSo() throws {
        let folder = try temporaryFolder()
        let outside = try temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: outside)
        }
        try "PLANTED_TOKEN=ghp_secret\n".write(to: outside.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Repository.fixture("lists/clean.xml"), toPath: folder.appendingPathComponent("clean.xml").path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("token.xml").path,
                                                   withDestinationPath: outside.appendingPathComponent("token").path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("passwd.xml").path, withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("again.xml").path, withDestinationPath: "clean.xml")
        for format in ["human", "sarif", "json", "github", "junit"] {
            let run = try runBrief(["validate", "--format", format, folder.path])
            #expect(run.status == 1, "\(format)")
            #expect(!run.stdout.contains("PLANTED_TOKEN") && !run.stdout.contains("root:"), "\(format) quotes a linked file")
            #expect(run.stdout.contains("symlink") && run.stdout.contains("unreadable"), "\(format) is silent about the skipped links")
        }
        let followed = try runBrief(["validate", "--follow-symlinks", folder.path])
        #expect(followed.stdout.contains("passwd.xml:1:1: error: cannot be read: is a symbolic link that leads out of the folder"))
        #expect(followed.stdout.contains("token.xml:1:1: error: cannot be read: is a symbolic link that leads out of the folder"))
        #expect(!followed.stdout.contains("again.xml:1:1: note"), "a link inside the folder is followed when asked")
        #expect(!followed.stdout.contains("PLANTED_TOKEN") && !followed.stdout.contains("root:"))
    }

    /// A file that is not a list or a manifest, named on purpose, is reported without a line of it.
    @Test func noSnippetIsTakenFromAFileThatIsNotAList() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let token = folder.appendingPathComponent("token").path
        try "PLANTED_TOKEN=ghp_secret\n".write(toFile: token, atomically: true, encoding: .utf8)
        let other = folder.appendingPathComponent("other.xml").path
        try "<config xmlns=\"urn:x\"><secret>PLANTED_TOKEN</secret></config>\n".write(toFile: other, atomically: true, encoding: .utf8)
        for format in ["human", "sarif", "json"] {
            let run = try runBrief(["validate", "--format", format, token, other, "/etc/passwd"])
            #expect(run.status == 1)
            #expect(!run.stdout.contains("PLANTED_TOKEN") && !run.stdout.contains("root:"), "\(format): \(run.stdout)")
        }
    }

    /// A target that cannot be replaced (a folder of its name) fails the build before any output changes.
    @Test func eitherEveryOutputIsCommittedOrNone() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let html = out.appendingPathComponent("cuba-53.committee.html").path
        try "old html".write(toFile: html, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: out.appendingPathComponent("cuba-53.committee.txt").path, withIntermediateDirectories: true)
        let run = try runBrief(["build", Repository.root.appendingPathComponent("briefs/cuba-53").path, "--out", out.path,
                                "--format", "html,txt,md"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cuba-53.committee.txt: is not a regular file; no output was changed"))
        #expect(try String(contentsOfFile: html, encoding: .utf8) == "old html")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("cuba-53.committee.md").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["cuba-53.committee.html", "cuba-53.committee.txt"])
    }

    /// When a rename fails halfway, the targets already replaced get their old files back.
    @Test func aFailedCommitPutsBackWhatItReplaced() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let first = out.appendingPathComponent("a.html").path, second = out.appendingPathComponent("b.txt").path
        try "old a".write(toFile: first, atomically: true, encoding: .utf8)
        let one = try StagingFile(for: first)
        one.append("new a")
        let two = try StagingFile(for: second)
        two.append("new b")
        let staged = [try one.finish(), try two.finish()]
        staged[1].discard()  // The second rename will fail: its staged file is gone.
        #expect(throws: FileWriteError.self) { try StagedFile.commit(staged) }
        #expect(try String(contentsOfFile: first, encoding: .utf8) == "old a")
        #expect(!FileManager.default.fileExists(atPath: second))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["a.html"], "no staged or kept file is left")
    }

    /// Files an interrupted build left (staged outputs, kept copies) are removed by the next build of the target.
    @Test func leftoversOfAnInterruptedBuildAreRemoved() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        for name in [".cuba-53.committee.html.Ab12Cd", ".cuba-53.committee.html.Xy34Zw.old", ".unrelated.html.Ab12Cd", "keep.txt"] {
            try "x".write(toFile: out.appendingPathComponent(name).path, atomically: false, encoding: .utf8)
        }
        let run = try runBrief(["build", Repository.root.appendingPathComponent("briefs/cuba-53").path, "--out", out.path, "--format", "html"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            == [".unrelated.html.Ab12Cd", "cuba-53.committee.html", "keep.txt"])
    }

    /// New outputs honour the umask; a replaced output keeps its mode.
    @Test func outputsHonourTheUmaskAndKeepTheirMode() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let brief = Repository.root.appendingPathComponent("briefs/cuba-53").path
        func build(umask: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "umask \(umask) && exec \"$0\" build \"$1\" --out \"$2\" --format html,txt", Repository.executable, brief, out.path]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        func mode(_ name: String) throws -> Int {
            try (FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path)[.posixPermissions] as? Int) ?? -1
        }
        #expect(try build(umask: "077") == 0)
        #expect(try mode("cuba-53.committee.html") == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: out.appendingPathComponent("cuba-53.committee.txt").path)
        #expect(try build(umask: "022") == 0)
        #expect(try mode("cuba-53.committee.html") == 0o600, "a replaced file keeps its mode")
        #expect(try mode("cuba-53.committee.txt") == 0o640)
        try FileManager.default.removeItem(at: out.appendingPathComponent("cuba-53.committee.html"))
        #expect(try build(umask: "022") == 0)
        #expect(try mode("cuba-53.committee.html") == 0o644)
    }
}
