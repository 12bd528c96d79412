// Validate: the check stage of every command — read files in parallel, run the rules, resolve findings to
// diagnostics. Which files to read (folders, manifests, git) is `Inputs`'s.
import BriefXML
import Dispatch
import Foundation

/// How a validation run behaves.
public struct ValidationOptions: Sendable {
    public var limits: XMLLimits
    public var rules: RuleSettings
    /// Files checked at once (default: all cores).
    public var jobs: Int
    /// Whether a folder walk follows symbolic links to files inside the walked folder (never outside it).
    public var followsSymbolicLinks: Bool

    public init(limits: XMLLimits = .default, rules: RuleSettings = RuleSettings(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                followsSymbolicLinks: Bool = false) {
        self.limits = limits
        self.rules = rules
        self.jobs = max(1, jobs)
        self.followsSymbolicLinks = followsSymbolicLinks
    }
}

/// The diagnostics of one file.
public struct FileReport: Sendable {
    public var path: String
    /// Sorted by line and column.
    public var diagnostics: [Diagnostic]

    public init(path: String, diagnostics: [Diagnostic]) {
        self.path = path
        self.diagnostics = diagnostics
    }

    public func count(_ severity: Severity) -> Int { diagnostics.count { $0.severity == severity } }
}

/// A whole run: files in input order.
public struct ValidationReport: Sendable {
    public var files: [FileReport]
    /// With a baseline (`Baseline.apply`): the findings it holds, taken out of `files` (SARIF shows them as
    /// `unchanged`), and how many of its entries no longer occur; nil without one.
    public var baselined: [Diagnostic] = []
    public var baseline: BaselineComparison?
    /// With `--changed-since` or `--files-from`: the files that changed (as the report names them), annotated first.
    public var changedFiles: Set<String>?

    public init(files: [FileReport]) {
        self.files = files
    }

    public func count(_ severity: Severity) -> Int { files.reduce(0) { $0 + $1.count(severity) } }
    public var hasErrors: Bool { count(.error) > 0 }
}

/// A file read and checked: its model (when valid) and its diagnostics.
public struct CheckedFile: Sendable {
    public var read: ReadFile
    public var diagnostics: [Diagnostic]
    /// The text's line index, when diagnostics needed one: kept for later findings on the same file.
    var sourceText: SourceText?

    /// The list, if the file is a valid list with no error.
    public var list: PrisonerList? {
        guard read.isValid, !diagnostics.contains(where: { $0.severity == .error }), case .list(let list)? = read.document else { return nil }
        return list
    }
}

/// Reads files in parallel with one set of compiled schemas and runs the rules on each: the check stage of every
/// command. Which files to check, and what a manifest's paths lead to, is `BriefInputs`'s.
public struct Validator: Sendable {
    public let reader: DocumentReader
    public let options: ValidationOptions

    public init(schemas: SchemaSet, options: ValidationOptions = ValidationOptions()) {
        self.reader = DocumentReader(schemas: schemas, limits: options.limits)
        self.options = options
    }

    /// Diagnostics by line and column; those at one position keep their order.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }

    /// Files from this size on have their memory freed in the background (see `checkEach`).
    static let largeFileBytes = 8 << 20

    /// Drops `value` on a background thread: the caller's reference goes, the closure's is the last one.
    private static func releaseInBackground(_ value: some Sendable) {
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Checks files in parallel; results in the order given. An unreadable file stops the run.
    ///
    /// With more jobs than files, each file is read by two threads at once (see `DocumentReader.readConcurrently`).
    public func checkAll(_ files: [String]) throws(InputError) -> [CheckedFile] {
        try checkEach(files) { $0 }
    }

    /// Checks files in parallel and keeps `keep(file)` of each, made on the worker that checked it.
    ///
    /// With `releasingLargeFilesLater`, a large file's text and model (hundreds of thousands of objects for a
    /// 100,000-prisoner list) are freed on a background thread, so that the worker goes on (or the report is
    /// written) without waiting for it.
    func checkEach<Kept: Sendable>(_ files: [String], releasingLargeFilesLater: Bool = false,
                                           keep: @Sendable (CheckedFile) -> Kept) throws(InputError) -> [Kept] {
        try checkEach(files, releasingLargeFilesLater: releasingLargeFilesLater, reportingUnreadable: false, keep: keep)
    }

    /// `checkEach`; with `reportingUnreadable`, a file that cannot be read (missing, a device, a folder, unreadable,
    /// too large to read) is checked as a file with one `unreadable` error, and every other file is still checked.
    func checkEach<Kept: Sendable>(_ files: [String], releasingLargeFilesLater: Bool = false, reportingUnreadable: Bool,
                                   keep: @Sendable (CheckedFile) -> Kept) throws(InputError) -> [Kept] {
        let results = ResultSlots<Result<Kept, InputError>>(count: files.count)
        let next = WorkCounter()
        let workers = min(options.jobs, files.count)
        let concurrently = files.count < options.jobs
        DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in
            while let index = next.take(below: files.count) {
                results[index] = Result { () throws(InputError) -> Kept in
                    let file: CheckedFile
                    do throws(InputError) {
                        file = concurrently ? try checkConcurrently(path: files[index]) : try check(path: files[index])
                    } catch {
                        guard reportingUnreadable else { throw error }
                        file = check(Self.unreadable(files[index], reason: error.reason))
                    }
                    defer {
                        if releasingLargeFilesLater, file.read.text.count >= Self.largeFileBytes { Self.releaseInBackground(file) }
                    }
                    return keep(file)
                }
            }
        }
        var checked: [Kept] = []
        checked.reserveCapacity(files.count)
        for slot in results.values {
            switch slot {
            case .success(let file)?: checked.append(file)
            case .failure(let error)?: throw error
            case nil: throw InputError(path: "?", reason: "internal error: a file was not checked")
            }
        }
        return checked
    }

    /// A file that could not be read, as a file with one `unreadable` error on its first line.
    static func unreadable(_ path: String, reason: String) -> ReadFile {
        let finding = Finding(rule: .unreadable, severity: .error, message: "cannot be read: \(reason)", line: 1, column: 1,
                              help: "commit a readable regular file here, or leave the path out (--exclude)")
        return ReadFile(path: path, document: nil, findings: [finding], isValid: false, text: [])
    }

    /// Reads, validates and checks one file.
    public func check(path: String) throws(InputError) -> CheckedFile {
        check(try reader.read(path: path))
    }

    /// Reads a file with two threads (validation beside model building and the list rules), and checks it.
    func checkConcurrently(path: String) throws(InputError) -> CheckedFile {
        checkConcurrently(bytes: try DocumentReader.readBytes(at: path, limit: reader.limits.maxBytes), path: path)
    }

    /// Reads bytes (named `path` in diagnostics) on one thread, and checks them.
    public func check(bytes: [UInt8], path: String) -> CheckedFile {
        check(reader.read(bytes: bytes, path: path))
    }

    /// Reads bytes with two threads, and checks them: the same diagnostics as `check(bytes:path:)`, sooner.
    public func checkConcurrently(bytes: [UInt8], path: String) -> CheckedFile {
        // While the rules still run on the other thread, this one indexes the text's lines for the diagnostics.
        let (read, listFindings, source) = reader.readConcurrently(bytes: bytes, path: path,
                                                                   listCheck: { ListChecker.findings(in: $0) },
                                                                   whileWaiting: { SourceText(utf8: $0) })
        return check(read, listFindings: listFindings, source: source)
    }

    /// Runs the rules on a file already read, and resolves every finding to a diagnostic.
    public func check(_ read: ReadFile) -> CheckedFile {
        check(read, listFindings: nil)
    }

    /// `check(_:)`, with the list rules' findings and the text's `SourceText` when they were made already.
    func check(_ read: ReadFile, listFindings: [Finding]?, source: SourceText? = nil) -> CheckedFile {
        var findings = read.findings
        // A manifest's paths are followed where its store is known (`BriefInputs`, `validate(paths:)`).
        if read.isValid, case .list(let list)? = read.document {
            findings += listFindings ?? ListChecker.findings(in: list)
        }
        // Suppressions silence rules that can be configured; the manifest's later findings (its paths, its authored
        // references) cannot be, so every finding they may silence is here.
        if read.isValid {
            var suppressions = Suppressions(text: read.text)
            findings = suppressions.apply(to: findings)
        }
        let source = source ?? (findings.isEmpty ? nil : SourceText(utf8: read.text))
        var diagnostics = resolve(findings, in: read, source: source)
        if read.document == nil {
            // Not a list or a manifest (a token file, /etc/passwd): its lines are never quoted, in any format.
            for index in diagnostics.indices {
                diagnostics[index].sourceLine = nil
                diagnostics[index].caretColumn = nil
            }
        }
        return CheckedFile(read: read, diagnostics: diagnostics, sourceText: source)
    }

    /// Applies rule settings, then turns findings into sorted diagnostics.
    func resolve(_ findings: [Finding], in read: ReadFile, source: SourceText? = nil) -> [Diagnostic] {
        var kept: [Finding] = []
        for var finding in findings {
            guard let severity = options.rules.severity(for: finding.rule, default: finding.severity) else { continue }
            finding.severity = severity
            kept.append(finding)
        }
        guard !kept.isEmpty else { return [] }
        let source = source ?? SourceText(utf8: read.text)
        return Self.sorted(source.diagnostics(for: kept, file: read.path))
    }
}

/// Result slots written by worker threads, each slot by exactly one worker.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { storage } }
}

/// Hands out work indices to worker threads.
final class WorkCounter: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard next < limit else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
