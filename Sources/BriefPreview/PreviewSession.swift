// Preview: the state of one `brief preview` — the brief's inputs as last resolved, the last ones without errors, and
// the editions rendered from them — rebuilt through the library's one pipeline (`BriefInputs.resolve` →
// `Briefing.make` → `HTMLWriter`), so that each page is the edition `brief build` would write.
import BriefKit
import Dispatch
import Foundation

/// A brief being previewed: rebuilt on demand, numbered by generation, rendered per audience.
public actor PreviewSession {
    /// What is previewed, and how.
    public struct Configuration: Sendable {
        /// A brief folder, its `brief.xml`, or a bare list.
        public var path: String
        /// The schemas, limits and rule settings the inputs are checked with.
        public var validator: Validator
        /// The edition shown when the page names none; nil: the manifest's.
        public var audience: Marking?
        /// The build date (`SOURCE_DATE_EPOCH`, as `brief build` takes it); nil: the memo's date or the list's asOf.
        public var date: Day?

        /// A configuration; see each property.
        public init(path: String, validator: Validator, audience: Marking?, date: Day?) {
            self.path = path
            self.validator = validator
            self.audience = audience
            self.date = date
        }
    }

    /// What one rebuild found, for the command to report.
    public struct Rebuild: Sendable {
        /// The generation the rebuild started.
        public var generation: Int
        /// The inputs' report; nil when they could not be read at all (`problem` says why).
        public var report: ValidationReport?
        /// Why the inputs could not be read at all.
        public var problem: String?
    }

    /// What is previewed, and how.
    public let configuration: Configuration
    /// Bumped by every rebuild; the page reloads when it sees a newer one.
    public private(set) var generation = 0
    private var latest: Result<BriefInputs, InputError>?
    private var lastGood: BriefInputs?
    /// Editions rendered from the current generation, by audience (nil: the default).
    private var editions: [Marking?: Edition] = [:]

    /// A rendered edition, or why there is none.
    enum Edition: Sendable {
        /// `withholdsNothing`: the edition shows the whole list, so the diagnostics' messages quote nothing it hides.
        case html(String, audience: Marking, withholdsNothing: Bool)
        case refused(String)
    }

    /// A session that has not built yet: the first `rebuild()` or `page(audience:)` builds.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Resolves and validates the inputs again and starts a new generation.
    @discardableResult
    public func rebuild() async -> Rebuild {
        let configuration = configuration
        let resolved = await Self.offload { () -> Result<BriefInputs, InputError> in
            Result { () throws(InputError) in try BriefInputs.resolve(configuration.path, validator: configuration.validator, hashing: true) }
        }
        generation += 1
        latest = resolved
        editions = [:]
        switch resolved {
        case .success(let inputs):
            if !inputs.hasErrors { lastGood = inputs }
            return Rebuild(generation: generation, report: inputs.report, problem: nil)
        case .failure(let error):
            return Rebuild(generation: generation, report: nil, problem: error.description)
        }
    }

    /// The files to watch: every file the current and the last good inputs were read from (manifest, lists,
    /// letterhead image), the argument itself, and the manifest's folder (a file created or replaced in it).
    public func watchedPaths() -> Set<String> {
        var paths: Set<String> = [configuration.path]
        var resolved: [BriefInputs] = lastGood.map { [$0] } ?? []
        if case .success(let inputs)? = latest { resolved.append(inputs) }
        for inputs in resolved {
            for (_, file) in inputs.files { paths.insert(file.read.path) }
            if let image = inputs.letterheadImagePath { paths.insert(image) }
            if let manifest = inputs.manifest {
                let folder = (manifest.read.path as NSString).deletingLastPathComponent
                paths.insert(folder.isEmpty ? "." : folder)
            }
        }
        return paths
    }

    /// The page for `audience` (nil: the configured one, else the manifest's) of the current generation.
    public func page(audience requested: Marking?) async -> PreviewPage {
        if latest == nil { await rebuild() }
        let generation = generation
        var diagnostics: [Diagnostic] = []
        var problems: [String] = []
        var source: BriefInputs?
        switch latest {
        case .success(let inputs)?:
            diagnostics = inputs.report.files.flatMap(\.diagnostics)
            source = inputs.hasErrors ? lastGood : inputs
        case .failure(let error)?:
            problems.append(error.description)
            source = lastGood
        case nil:
            break
        }
        let isStale = !latestIsGood
        let audience = requested ?? configuration.audience
        var edition: Edition?
        if let source {
            if let cached = editions[audience] {
                edition = cached
            } else {
                let date = configuration.date
                let made = await Self.offload { Self.render(source, audience: audience, date: date) }
                // A rebuild while rendering made this edition stale: it is shown once, not kept.
                if generation == self.generation { editions[audience] = made }
                edition = made
            }
        }
        var html: String?
        // Without an edition, the bar still names the one the page is of: the manifest's, when it can be read.
        var shown = audience ?? (try? latest?.get())?.briefManifest?.audience ?? lastGood?.briefManifest?.audience
        // A diagnostic's message can quote any part of the files: it is shown in a view that hides nothing of them.
        var showsMessages = shown == .restricted
        switch edition {
        case .html(let text, let marking, let withholdsNothing)?:
            html = text
            shown = marking
            showsMessages = marking == .restricted || withholdsNothing
        case .refused(let reason)?:
            problems.append(reason)
        case nil:
            break
        }
        return PreviewPage(generation: generation, audience: shown, diagnostics: diagnostics, problems: problems,
                           editionHTML: html, isStale: isStale && html != nil, nonce: Self.nonce(), showsMessages: showsMessages)
    }

    private var latestIsGood: Bool {
        if case .success(let inputs)? = latest { return !inputs.hasErrors }
        return false
    }

    /// The edition's HTML, as `brief build --format html` writes it.
    static func render(_ inputs: BriefInputs, audience: Marking?, date: Day?) -> Edition {
        do throws(Briefing.Refusal) {
            let briefing = try Briefing.make(inputs: inputs, audience: audience, date: date)
            return .html(HTMLWriter().render(briefing.document), audience: briefing.document.audience,
                         withholdsNothing: briefing.reconciliation.edition.withholdsNothing)
        } catch {
            switch error {
            case .audienceRequired: return .refused("a bare list has no audience of its own: choose an edition above")
            default: return .refused(error.description)
            }
        }
    }

    /// Runs blocking work (reading, validating, composing) off Swift's cooperative threads, so that the server
    /// keeps answering while a brief rebuilds.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// A script nonce: 128 random bits, hex.
    static func nonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined()
    }
}
