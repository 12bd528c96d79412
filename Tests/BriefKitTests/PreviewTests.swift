import BriefKit
import Dispatch
import Foundation
import Synchronization
import Testing

/// `brief preview` end to end: the built executable serves a copy of the example, headless Chromium reads the page.
@Suite(.serialized)
struct PreviewTests {
    @Test func thePageFollowsSavesAndShowsTheErrorsOfTheFiles() async throws {
        let brief = try exampleBriefCopy()
        defer { try? FileManager.default.removeItem(at: brief) }
        let preview = try PreviewProcess(arguments: [brief.path])
        defer { preview.stop() }

        let first = try await preview.dom()
        #expect(first.contains("Cuba: status of the 53 political prisoners"))
        #expect(first.contains("id=\"brief-preview\""))
        // The reload script ran: the preview's policy lets its one script run, and only that one.
        #expect(first.contains("data-preview-live"))
        #expect(first.contains("warned by State Security"))

        // The public edition, as `brief build --audience public` makes it: no committee paragraph.
        let publicEdition = try await preview.dom(query: "?audience=public")
        #expect(publicEdition.contains("Cuba: status of the 53 political prisoners"))
        #expect(!publicEdition.contains("warned by State Security"))
        #expect(publicEdition.contains("edition: <strong>public</strong>"))

        // A save of the manifest: a new generation, and the page shows the new subject.
        let manifest = brief.appendingPathComponent("brief.xml")
        let before = try await preview.generation()
        try String(contentsOf: manifest, encoding: .utf8)
            .replacingOccurrences(of: "Cuba: status of the 53 political prisoners", with: "Cuba: the 53 prisoners, revised in preview")
            .write(to: manifest, atomically: false, encoding: .utf8)
        let afterSubject = try await preview.waitForGeneration(after: before)
        let revised = try await preview.dom()
        #expect(revised.contains("Cuba: the 53 prisoners, revised in preview"))
        #expect(!revised.contains("Cuba: status of the 53 political prisoners"))

        // A save that makes the list invalid: the page shows the diagnostic with its line, above the last good briefing.
        let list = brief.appendingPathComponent("list.xml")
        let text = try String(contentsOf: list, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("<prisoner ") }) + 1
        try text.replacingOccurrences(of: "<prisoner ", with: "<prisoner bogus=\"1\" ", options: [], range: text.range(of: "<prisoner "))
            .write(to: list, atomically: true, encoding: .utf8)
        _ = try await preview.waitForGeneration(after: afterSubject)
        let broken = try await preview.dom()
        #expect(broken.contains("list.xml:\(line):"), "the diagnostic names the list's line \(line)")
        #expect(broken.contains("1 error"))
        // The committee view withholds the restricted parts: its diagnostics show their places, not their messages,
        // which the restricted view shows.
        #expect(!broken.contains("bogus") && broken.contains("Messages are hidden in this view"))
        let restricted = try await preview.dom(query: "?audience=restricted")
        #expect(restricted.contains("bogus") && restricted.contains("list.xml:\(line):"))
        #expect(broken.contains("last briefing built without them"))
        #expect(broken.contains("Cuba: the 53 prisoners, revised in preview"))
    }

    @Test func itListensOnLoopbackOnlyAndServesNothingElse() async throws {
        let brief = try exampleBriefCopy()
        defer { try? FileManager.default.removeItem(at: brief) }
        let preview = try PreviewProcess(arguments: [brief.path])
        defer { preview.stop() }

        #expect(preview.url.hasPrefix("http://127.0.0.1:"))
        // The kernel's table of listening TCP sockets: this port, on 127.0.0.1 only (state 0A is LISTEN).
        let listening = try Self.listeningAddresses(port: preview.port)
        #expect(listening == ["0100007F"], "listening on \(listening)")

        #expect(try await preview.status(of: "") == 200)
        #expect(try await preview.status(of: "_preview/generation") == 200)
        for path in ["brief.xml", "list.xml", "seal.png", "../list.xml", "_preview/", "index.html", "?audience=secret"] {
            #expect(try await preview.status(of: path) != 200, "GET /\(path)")
        }
        // A request for another host name (a rebinding attack's) is refused on loopback.
        #expect(try await preview.get("", host: "attacker.example").1 == 403)
        #expect(try await preview.get("", host: "localhost:\(preview.port)").1 == 200)

        // A second preview on the same port says why it cannot listen, at once.
        let clock = ContinuousClock.now
        let taken = try runBrief(["preview", brief.path, "--port", "\(preview.port)"])
        #expect(taken.status == 2)
        #expect(taken.stderr.contains("cannot listen on 127.0.0.1:\(preview.port) (Address already in use)"))
        #expect(ContinuousClock.now - clock < .seconds(5))
    }

    @Test func aMissingPathOrABadAddressStopsItAtOnce() throws {
        let missing = try runBrief(["preview", "/nonexistent/brief"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file or folder"))
        let brief = try exampleBriefCopy()
        defer { try? FileManager.default.removeItem(at: brief) }
        let badHost = try runBrief(["preview", brief.path, "--host", "nowhere"])
        #expect(badHost.status == 2)
        #expect(badHost.stderr.contains("not an IPv4 or IPv6 address"))
        #expect(badHost.stdout.isEmpty)
        #expect(try runBrief(["preview", brief.path, "--port", "70000"]).status == 2)
    }

    /// The local addresses (hex, as /proc/net/tcp and tcp6 write them) listening on `port`.
    static func listeningAddresses(port: Int) throws -> [String] {
        let hexPort = String(format: "%04X", port)
        var addresses: [String] = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for row in text.split(separator: "\n").dropFirst() {
                let fields = row.split(separator: " ")
                guard fields.count > 3, fields[3] == "0A" else { continue }
                let local = fields[1].split(separator: ":")
                if local.count == 2, local[1] == hexPort { addresses.append(String(local[0])) }
            }
        }
        return addresses
    }
}

/// A `brief preview` process, stopped by `stop()` (the tests call it in a `defer`, so a failure stops it too).
final class PreviewProcess {
    let process: Process
    let url: String
    let port: Int

    init(arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.executable)
        process.arguments = ["preview"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // The first line says where: `Serving http://127.0.0.1:PORT/ (Ctrl-C to stop)`. A server that says nothing in
        // 30 s is killed, which ends the read below.
        let printed = Mutex(false)
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) {
            if !printed.withLock({ $0 }) { kill(pid, SIGKILL) }
        }
        var line = Data()
        let reader = output.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        printed.withLock { $0 = true }
        let first = String(decoding: line, as: UTF8.self)
        guard let match = first.firstMatch(of: /Serving (http:\/\/127\.0\.0\.1:(\d+)\/) \(Ctrl-C to stop\)/), let port = Int(match.2) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw PreviewTestError(description: "brief preview printed '\(first)'")
        }
        url = String(match.1)
        self.port = port
    }

    /// Kills the server. SIGKILL, not `terminate()`: a process started from a test's thread inherits its blocked
    /// signals (Foundation's `Process` keeps the mask), so SIGTERM and SIGINT would wait forever.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The page's DOM after its scripts ran, as headless Chromium sees it. Chromium runs on a thread of its own,
    /// not on one of the few that Swift Testing runs every suite on.
    func dom(query: String = "", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let executable = try #require(chromium, "headless Chromium is needed (apt-get install chromium)", sourceLocation: sourceLocation)
        let profile = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: profile) }
        let arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                         "--virtual-time-budget=3000", "--dump-dom", url + query]
        let result = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try runTool(executable, arguments) }) }
        }
        try #require(result.status == 0, "chromium failed: \(result.output)", sourceLocation: sourceLocation)
        return result.output
    }

    /// GET with curl, in a process of its own: URLSession's libcurl handles are reported as leaks by LeakSanitizer
    /// (`make test-asan`), and this suite must pass there too.
    func get(_ path: String, host: String? = nil) async throws -> (Data, Int) {
        let body = try temporaryFolder().appendingPathComponent("body")
        defer { try? FileManager.default.removeItem(at: body.deletingLastPathComponent()) }
        var arguments = ["--silent", "--max-time", "10", "--output", body.path, "--write-out", "%{http_code}"]
        if let host { arguments += ["--header", "Host: \(host)"] }
        arguments.append(url + path)
        let finished = arguments
        let result = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try runTool("/usr/bin/curl", finished) }) }
        }
        let status = try #require(Int(result.output.suffix(3)), "curl printed '\(result.output)'")
        return ((try? Data(contentsOf: body)) ?? Data(), status)
    }

    func status(of path: String) async throws -> Int { try await get(path).1 }

    func generation() async throws -> Int {
        let (data, _) = try await get("_preview/generation")
        return try #require(Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// Waits (at most 10 s) until the server has rebuilt since `previous`; returns the new generation.
    func waitForGeneration(after previous: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let current = try await generation()
            if current > previous { return current }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PreviewTestError(description: "no rebuild within 10 s of a save")
    }
}

struct PreviewTestError: Error, CustomStringConvertible {
    var description: String
}
