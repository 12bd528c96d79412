import BriefXML
import Dispatch
import Foundation

/// How a validation run behaves.
public struct ValidationOptions: Sendable {
    public var limits: XMLLimits
    public var rules: RuleSettings
    /// Files checked at once (default: all cores).
    public var jobs: Int

    public init(limits: XMLLimits = .default, rules: RuleSettings = RuleSettings(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.limits = limits
        self.rules = rules
        self.jobs = max(1, jobs)
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
    /// Files a manifest refers to (list, previous), resolved, when the manifest is valid.
    public var referencedFiles: [String]
    /// The text's line index, when diagnostics needed one: kept for later findings on the same file.
    var sourceText: SourceText?

    /// The list, if the file is a valid list with no error.
    public var list: PrisonerList? {
        guard read.isValid, !diagnostics.contains(where: { $0.severity == .error }), case .list(let list)? = read.document else { return nil }
        return list
    }
}

/// `brief validate`: reads files in parallel with one set of compiled schemas, runs the rules, and reports in
/// input order.
public struct Validator: Sendable {
    public let reader: DocumentReader
    public let options: ValidationOptions

    public init(schemas: SchemaSet, options: ValidationOptions = ValidationOptions()) {
        self.reader = DocumentReader(schemas: schemas, limits: options.limits)
        self.options = options
    }

    /// Files named, and every `*.xml` below folders named, in a stable order.
    public static func expand(_ paths: [String]) throws(InputError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(path: path, reason: "no such file or folder")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                throw InputError(path: path, reason: "cannot read the folder")
            }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                guard name.lowercased().hasSuffix(".xml") else { continue }
                let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
                    found.append(full)
                }
            }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw InputError(path: path, reason: "cannot read the folder")
            }
            files.append(contentsOf: found.sorted())
        }
        return files
    }

    /// Validates files and folders. A valid manifest's list is validated with it when not named already.
    public func validate(paths: [String]) throws(InputError) -> ValidationReport {
        let files = try Self.expand(paths)
        // Only what the report needs is kept of each file (not its text and model), as soon as it is checked.
        var checked = try checkEach(files, releasingLargeFilesLater: true) { Summary($0) }
        var seen = Set(files.map(Self.canonical))
        var extra: [(after: Int, path: String)] = []
        for (index, file) in checked.enumerated() {
            for referenced in file.referencedFiles where seen.insert(Self.canonical(referenced)).inserted {
                extra.append((index, referenced))
            }
        }
        let more = try checkEach(extra.map(\.path), releasingLargeFilesLater: true) { Summary($0) }
        // What each manifest refers to must be a prisoner list, and its previous list an earlier revision of it.
        var summaries: [String: Summary] = [:]
        for summary in checked + more { summaries[Self.canonical(summary.report.path)] = summary }
        for index in checked.indices {
            guard let manifest = checked[index].manifest else { continue }
            let referenced = checked[index].referencedFiles.map { summaries[Self.canonical($0)]?.document }
            checked[index].report.diagnostics = Self.sorted(checked[index].report.diagnostics
                + referenceDiagnostics(manifest, list: referenced.first ?? nil, previous: referenced.dropFirst().first ?? nil))
        }
        // Each list a manifest refers to is reported right after the manifest.
        var ordered: [Summary] = []
        for (index, file) in checked.enumerated() {
            ordered.append(file)
            ordered += zip(extra, more).filter { $0.0.after == index }.map(\.1)
        }
        return ValidationReport(files: ordered.map(\.report))
    }

    /// What a file a manifest names turned out to be.
    enum ReferencedDocument: Sendable {
        /// Not readable as a document: its own diagnostics say why.
        case unreadable
        case notAList
        case list(id: String, revision: Int)

        init(_ document: ReadDocument?) {
            switch document {
            case .list(let list)?: self = .list(id: list.id, revision: list.revision)
            case .manifest?: self = .notAList
            case nil: self = .unreadable
            }
        }
    }

    /// `manifest-path` problems that need the files a manifest names (nil: not checked): `list` must be a
    /// prisoner list, and `previous` an earlier revision of the same list.
    func referenceDiagnostics(_ manifest: CheckedFile, list: ReferencedDocument?, previous: ReferencedDocument?) -> [Diagnostic] {
        // Only when every path resolved: `referencedFiles` then holds the list, and the previous list after it.
        guard case .manifest(let brief)? = manifest.read.document,
              manifest.referencedFiles.count == (brief.previousHref == nil ? 1 : 2) else { return [] }
        var findings: [Finding] = []
        func refuse(_ message: String, _ anchor: SourceAnchor, help: String) {
            findings.append(Finding(rule: .manifestPath, severity: .error, message: message, anchor: anchor, help: help))
        }
        let notAListHelp = "point the manifest at a prisoner list (root 'prisonerList' in '\(PrisonerList.namespace)')"
        if case .notAList? = list {
            refuse("path '\(brief.listHref)' names a file that is not a prisoner list", brief.listAnchor, help: notAListHelp)
        }
        if let href = brief.previousHref, let anchor = brief.previousAnchor {
            switch (previous, list) {
            case (.notAList?, _):
                refuse("path '\(href)' names a file that is not a prisoner list", anchor, help: notAListHelp)
            case (.list(let earlierID, let earlierRevision)?, .list(let id, let revision)?):
                if earlierID != id {
                    refuse("the previous list is list '\(earlierID)', not an earlier revision of list '\(id)'", anchor,
                           help: "point 'previous' at an earlier revision of the same list")
                } else if earlierRevision >= revision {
                    refuse("the previous list has revision \(earlierRevision), not earlier than the list's revision \(revision)", anchor,
                           help: "point 'previous' at an earlier revision, or swap 'list' and 'previous'")
                }
            default:
                break
            }
        }
        return resolve(findings, in: manifest.read, source: manifest.sourceText)
    }

    /// Diagnostics by line and column; those at one position keep their order.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }

    /// What `validate(paths:)` keeps of a checked file: a manifest whole (it is small), what any other file is.
    private struct Summary: Sendable {
        var report: FileReport
        var referencedFiles: [String]
        var manifest: CheckedFile?
        var document: ReferencedDocument

        init(_ file: CheckedFile) {
            report = FileReport(path: file.read.path, diagnostics: file.diagnostics)
            referencedFiles = file.referencedFiles
            if case .manifest? = file.read.document { manifest = file }
            document = ReferencedDocument(file.read.document)
        }
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
    private func checkEach<Kept: Sendable>(_ files: [String], releasingLargeFilesLater: Bool = false,
                                           keep: @Sendable (CheckedFile) -> Kept) throws(InputError) -> [Kept] {
        let results = ResultSlots<Result<Kept, InputError>>(count: files.count)
        let next = WorkCounter()
        let workers = min(options.jobs, files.count)
        let concurrently = files.count < options.jobs
        DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in
            while let index = next.take(below: files.count) {
                results[index] = Result { () throws(InputError) -> Kept in
                    let file = try concurrently ? checkConcurrently(path: files[index]) : check(path: files[index])
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

    /// Reads, validates and checks one file.
    public func check(path: String) throws(InputError) -> CheckedFile {
        check(try reader.read(path: path))
    }

    /// Reads a file with two threads (validation beside model building and the list rules), and checks it.
    func checkConcurrently(path: String) throws(InputError) -> CheckedFile {
        let bytes = try DocumentReader.readBytes(at: path, limit: reader.limits.maxBytes)
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
        var referenced: [String] = []
        if read.isValid {
            switch read.document {
            case .list(let list)?:
                findings += listFindings ?? ListChecker.findings(in: list)
            case .manifest(let manifest)?:
                let hrefs = [(manifest.listHref, manifest.listAnchor)] + (manifest.previousHref.map { [($0, manifest.previousAnchor ?? manifest.listAnchor)] } ?? [])
                for (href, anchor) in hrefs {
                    switch ManifestChecker.resolve(href, anchor: anchor, manifestPath: read.path) {
                    case .success(let path): referenced.append(path)
                    case .failure(let finding): findings.append(finding)
                    }
                }
            case nil:
                break
            }
        }
        let source = source ?? (findings.isEmpty ? nil : SourceText(utf8: read.text))
        return CheckedFile(read: read, diagnostics: resolve(findings, in: read, source: source), referencedFiles: referenced,
                           sourceText: source)
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
