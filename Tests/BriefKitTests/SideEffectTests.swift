import BriefKit
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Hostile files have no effect beyond their diagnostic: no connection, no file read, bounded memory and time.
///
/// Harness limits (documented in docs/security.md): each hostile file is validated by the `brief` executable
/// under `ulimit -v` of 2 GiB and `timeout 60`; a run that needs more fails the test.
@Suite(.serialized) struct SideEffectTests {
    /// A TCP listener on 127.0.0.1:47913, the port the hostile fixtures point at.
    final class LoopbackListener {
        let socketDescriptor: Int32

        init?(port: UInt16) {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return nil }
            var yes: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(fd, 16) == 0 else { close(fd); return nil }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            socketDescriptor = fd
        }

        /// Connections accepted so far (each is closed at once).
        func drainConnections() -> Int {
            var count = 0
            while true {
                let client = accept(socketDescriptor, nil, nil)
                if client < 0 { return count }
                count += 1
                close(client)
            }
        }

        deinit { close(socketDescriptor) }
    }

    static let hostileFiles: [String] = {
        (try? FileManager.default.contentsOfDirectory(atPath: Repository.fixture("hostile")))?.filter { $0.hasSuffix(".xml") }.sorted() ?? []
    }()

    @Test func noHostileFileMakesANetworkConnection() throws {
        let listener = try #require(LoopbackListener(port: 47913), "the test needs 127.0.0.1:47913")
        let paths = Self.hostileFiles.map { Repository.fixture("hostile/" + $0) }
        #expect(paths.count >= 20)
        _ = try runBrief(["validate", "--format", "json"] + paths)
        _ = try runBrief(["textconv"] + [Repository.fixture("hostile/schema-location.xml")])
        Thread.sleep(forTimeInterval: 0.2)
        #expect(listener.drainConnections() == 0, "a hostile file made brief connect to the loopback listener")
    }

    @Test func noLocalFileIsReadThroughAnEntityOrInclude() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = "SECRET-MARKER-\(UUID().uuidString)"
        let secret = folder.appendingPathComponent("secret.txt")
        try marker.write(to: secret, atomically: true, encoding: .utf8)
        let attacks = [
            "<?xml version=\"1.0\"?>\n<!DOCTYPE prisonerList [<!ENTITY s SYSTEM \"file://\(secret.path)\">]>\n<prisonerList xmlns=\"urn:oversight:prisoner-list:1\" id=\"x\" revision=\"1\" asOf=\"2015-01-01\"><title>&s;</title></prisonerList>\n",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE prisonerList SYSTEM \"file://\(secret.path)\">\n<prisonerList xmlns=\"urn:oversight:prisoner-list:1\"/>\n",
            "<?xml version=\"1.0\"?>\n<prisonerList xmlns=\"urn:oversight:prisoner-list:1\" xmlns:xi=\"http://www.w3.org/2001/XInclude\" id=\"x\" revision=\"1\" asOf=\"2015-01-01\"><title><xi:include href=\"file://\(secret.path)\" parse=\"text\"/></title></prisonerList>\n",
            "<?xml version=\"1.0\"?>\n<prisonerList xmlns=\"urn:oversight:prisoner-list:1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:oversight:prisoner-list:1 file://\(secret.path)\" id=\"x\" revision=\"1\" asOf=\"2015-01-01\"/>\n",
        ]
        var paths: [String] = []
        for (index, attack) in attacks.enumerated() {
            let path = folder.appendingPathComponent("attack\(index).xml").path
            try attack.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        for format in ["human", "json", "sarif", "github", "junit"] {
            let run = try runBrief(["validate", "--format", format] + paths)
            #expect(run.status == 1)
            #expect(!run.stdout.contains(marker) && !run.stderr.contains(marker), "\(format) output contains the secret")
        }
        let out = folder.appendingPathComponent("out")
        let build = try runBrief(["build", paths[2], "--audience", "public", "--out", out.path])
        #expect(build.status == 1)
        let written = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(written.isEmpty, "nothing is written for an invalid list")
    }

    @Test func hostileFilesStayWithinTheHarnessLimits() throws {
        // 100,000-deep nesting and a 5 MB name, beside the corpus.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let deep = "<prisonerList xmlns=\"urn:oversight:prisoner-list:1\">" + String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000) + "</prisonerList>"
        try deep.write(to: folder.appendingPathComponent("deep.xml"), atomically: true, encoding: .utf8)
        let longName = "<prisonerList xmlns=\"urn:oversight:prisoner-list:1\" id=\"" + String(repeating: "n", count: 5_000_000) + "\"/>"
        try longName.write(to: folder.appendingPathComponent("long.xml"), atomically: true, encoding: .utf8)
        let paths = Self.hostileFiles.map { Repository.fixture("hostile/" + $0) } + [folder.appendingPathComponent("deep.xml").path, folder.appendingPathComponent("long.xml").path]
        let quoted = paths.map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "ulimit -v 2097152; timeout 60 '\(Repository.executable)' validate --format json \(quoted) > /dev/null; echo $?"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let status = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status == "1", "expected exit 1 (errors found) within 2 GiB and 60 s, got \(status)")
    }

    @Test func inputsAreNeverModified() throws {
        let paths = Self.hostileFiles.map { Repository.fixture("hostile/" + $0) } + [Repository.fixture("briefs/markers/list.xml")]
        let before = try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try runBrief(["validate"] + paths)
        _ = try runBrief(["build", Repository.fixture("briefs/markers"), "--out", folder.path])
        let after = try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(before == after)
    }
}
