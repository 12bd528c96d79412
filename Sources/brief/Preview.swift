#if BRIEF_PREVIEW
import ArgumentParser
import BriefKit
import BriefPreview
import Dispatch
import Foundation
import Synchronization

struct Preview: BriefCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the HTML edition on this machine, rebuilt on every save, with diagnostics in the page.",
        discussion: """
        Serves http://127.0.0.1:PORT/ (a free port unless --port names one; the address is printed): the HTML edition \
        exactly as `brief build` writes it, with a bar above it that switches the audience and lists the inputs' \
        diagnostics with their lines. The brief's files (manifest, lists, letterhead image) are looked at every 300 ms; \
        on a save the brief is rebuilt and the page reloads itself. While the files have errors the page shows them above \
        the last briefing built without errors. It listens on loopback only unless --host says otherwise. Ctrl-C stops it.

        Examples:
          brief preview briefs/cuba-53
          brief preview briefs/cuba-53 --audience public --port 8000
        """)

    @Argument(help: ArgumentHelp("A brief folder, its brief.xml, or a list.", valueName: "PATH"))
    var path: String

    @Option(name: .long, help: "The edition shown first: public, committee or restricted (default: the manifest's).")
    var audience: Marking?

    @Option(name: .long, help: ArgumentHelp("Address to listen on. Anything but loopback lets other machines read the briefing.",
                                            valueName: "ADDRESS"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on; 0 picks a free one.")
    var port: Int = 0

    @OptionGroup var reading: ReadingOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func execute() throws -> Outcome {
        // A preview watches files on disk: a git revision (REV:PATH) never changes.
        guard FileManager.default.fileExists(atPath: path) else {
            return .failed("brief: error: \(path): no such file or folder (brief preview serves files on disk)")
        }
        if !PreviewServer.isLoopback(host) {
            emitError("brief: warning: listening on \(host): any machine that can reach this one can read the briefing\n")
        }
        let session = PreviewSession(configuration: .init(
            path: path, validator: try reading.validator(), audience: audience,
            date: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Day.init(sourceDateEpoch:))))
        let server = PreviewServer(session: session, host: host, port: UInt16(port))
        let failure = Mutex<String?>(nil)
        let stopped = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run(listening: { url in emit("Serving \(url) (Ctrl-C to stop)\n") }, rebuilt: Self.report)
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            stopped.signal()
        }
        // The server runs on Swift's concurrency threads until Ctrl-C ends the process, or until it fails.
        stopped.wait()
        return .failed("brief: error: " + (failure.withLock { $0 } ?? "the preview server stopped"))
    }

    /// One line on standard error per rebuild, and the errors in full, as `brief validate` prints them.
    @Sendable static func report(_ rebuild: PreviewSession.Rebuild) {
        let renderer = HumanDiagnosticRenderer(color: useColor(for: .standardError))
        guard let report = rebuild.report else {
            emitError("brief: rebuild \(rebuild.generation): error: \(rebuild.problem ?? "the inputs cannot be read")\n")
            return
        }
        let errors = report.files.flatMap(\.diagnostics).filter { $0.severity == .error }
        emitError(errors.map(renderer.render).joined() + "brief: rebuild \(rebuild.generation): \(renderer.summary(report))\n")
    }
}
#endif
