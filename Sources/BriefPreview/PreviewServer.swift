// Preview: the HTTP side of `brief preview` (FlyingFox: pure Swift, non-blocking sockets, no SwiftNIO). It answers
// two paths — the page and its generation — and 404 to anything else: it serves no file, lists no folder, and reads
// nothing but what the session's inputs resolved.
import BriefKit
import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// Why the preview server could not start or stopped.
public struct PreviewServerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for `brief: error: ...`.
    public var description: String
}

/// Serves a `PreviewSession` on one address, and rebuilds it when its files change.
public struct PreviewServer: Sendable {
    /// The address to listen on: loopback unless the user asked for another.
    public var host: String
    /// 0: a free port, chosen by the system.
    public var port: UInt16
    /// The brief served.
    public let session: PreviewSession
    /// How the brief's files are watched.
    public var watcher: InputWatcher

    public init(session: PreviewSession, host: String = "127.0.0.1", port: UInt16 = 0, watcher: InputWatcher = InputWatcher()) {
        self.session = session
        self.host = host
        self.port = port
        self.watcher = watcher
    }

    /// Whether `host` is a loopback address (only this machine can connect).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The page's address for a host and port.
    public static func url(host: String, port: UInt16) -> String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
    }

    /// Builds the brief, listens, calls `listening` with the page's address, then serves and watches until the task is
    /// cancelled or the server fails. `rebuilt` is called after each rebuild that a change caused.
    public func run(listening: @Sendable (String) -> Void, rebuilt: @escaping @Sendable (PreviewSession.Rebuild) -> Void) async throws {
        let address = try socketAddress()
        let handler = PreviewHandler(session: session, allowsAnyHost: !Self.isLoopback(host))
        let server = HTTPServer(address: address, timeout: 15, logger: .disabled, handler: handler)
        let failure = Mutex<(any Error)?>(nil)
        let serving = Task {
            do { try await server.run() } catch {
                failure.withLock { $0 = error }
                throw error
            }
        }
        // Listening, or the reason it cannot (a port in use), whichever comes first.
        let deadline = ContinuousClock.now + .seconds(10)
        while await server.listeningAddress == nil {
            if let error = failure.withLock({ $0 }) {
                throw PreviewServerError(description: "cannot listen on \(host):\(port) (\(Self.reason(error)))")
            }
            guard ContinuousClock.now < deadline else {
                serving.cancel()
                throw PreviewServerError(description: "cannot listen on \(host):\(port) (no answer in 10 s)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        guard let bound = await server.listeningAddress else {
            serving.cancel()
            throw PreviewServerError(description: "cannot listen on \(host):\(port)")
        }
        let boundPort: UInt16 = switch bound {
        case .ip4(_, let port), .ip6(_, let port): port
        case .unix: port
        }
        // The first build before the address is printed: its report comes first, and the first page is ready.
        rebuilt(await session.rebuild())
        listening(Self.url(host: host == "localhost" ? "127.0.0.1" : host, port: boundPort))
        let session = session
        let watching = Task {
            await watcher.watch(paths: { await session.watchedPaths() }, changed: { rebuilt(await session.rebuild()) })
        }
        defer { watching.cancel() }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            serving.cancel()
        }
    }

    /// A socket error as the system words it ("Address already in use").
    static func reason(_ error: any Error) -> String {
        if case SocketError.failed(_, _, let message) = error { return message }
        if let error = error as? PreviewServerError { return error.description }
        return "\(error)"
    }

    /// The socket address of `host` and `port`: an IPv4 or IPv6 literal, or `localhost` (IPv4 loopback).
    func socketAddress() throws -> any SocketAddress {
        let literal = host == "localhost" ? "127.0.0.1" : host
        if let address = try? sockaddr_in.inet(ip4: literal, port: port) { return address }
        if let address = try? sockaddr_in6.inet6(ip6: literal, port: port) { return address }
        throw PreviewServerError(description: "--host '\(host)' is not an IPv4 or IPv6 address")
    }
}

/// Answers the preview's requests: `GET /` (the page, `?audience=` to switch) and `GET /_preview/generation`.
struct PreviewHandler: HTTPHandler {
    let session: PreviewSession
    /// False on loopback: a request must name a loopback host, so that a web page elsewhere cannot read the
    /// briefing through a name it points at 127.0.0.1 (DNS rebinding).
    let allowsAnyHost: Bool

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard allowsAnyHost || Self.namesLoopback(request.headers[.host]) else {
            return Self.text(.forbidden, "brief preview answers only requests for 127.0.0.1 or localhost\n")
        }
        let route = request.path
        guard route == "/" || route == "/_preview/generation" else { return Self.text(.notFound, "not found\n") }
        guard request.method == .GET || request.method == .HEAD else {
            var response = Self.text(.methodNotAllowed, "method not allowed\n")
            response.headers[HTTPHeader("Allow")] = "GET, HEAD"
            return response
        }
        if route == "/_preview/generation" {
            return Self.text(.ok, "\(await session.generation)\n")
        }
        var audience: Marking?
        if let name = request.query["audience"] {
            guard let marking = Marking(attribute: name) else {
                return Self.text(.badRequest, "unknown audience '\(name)' (use public, committee or restricted)\n")
            }
            audience = marking
        }
        let page = await session.page(audience: audience)
        var headers = Self.commonHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers[HTTPHeader("Content-Security-Policy")] = page.contentSecurityPolicy
        let body = Data(page.render().utf8)
        return HTTPResponse(statusCode: .ok, headers: headers, body: request.method == .HEAD ? Data() : body)
    }

    static func namesLoopback(_ host: String?) -> Bool {
        guard let host else { return false }
        let name: Substring
        if host.hasPrefix("[") {
            name = host.dropFirst().prefix { $0 != "]" }
        } else {
            name = host.prefix { $0 != ":" }
        }
        return PreviewServer.isLoopback(String(name))
    }

    static let commonHeaders: HTTPHeaders = [
        .cacheControl: "no-store",
        HTTPHeader("X-Content-Type-Options"): "nosniff",
        HTTPHeader("Referrer-Policy"): "no-referrer",
    ]

    static func text(_ status: HTTPStatusCode, _ body: String) -> HTTPResponse {
        var headers = commonHeaders
        headers[.contentType] = "text/plain; charset=utf-8"
        return HTTPResponse(statusCode: status, headers: headers, body: Data(body.utf8))
    }
}
