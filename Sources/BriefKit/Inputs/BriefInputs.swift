// Inputs: what a command was pointed at (files, folders, briefs, `REV:PATH`), found and validated — the one place
// that finds inputs on disk, in git or in memory. It never renders and never writes.
import Foundation

/// What `build`, `diff`, `textconv` and the fuzzer were pointed at, validated: a brief (its manifest, list and
/// previous list) or a bare list. Every command resolves its arguments here, so a manifest whose `list` is refused
/// fails every command with the same diagnostic.
public struct BriefInputs: Sendable {
    /// The argument as given.
    public var argument: String
    /// The manifest, when the argument is a brief.
    public var manifest: CheckedFile?
    /// The list: the manifest's, or the file itself. Nil when the manifest's list was refused (the manifest's
    /// diagnostics say why).
    public var list: CheckedFile?
    /// The manifest's previous list, when it names one that could be located.
    public var previous: CheckedFile?
    /// The house style's letterhead image, read and checked to be a PNG.
    public var letterheadImage: HouseStyle.Image?
    /// Where the manifest's letterhead image was found in the store, when it names one (read or refused).
    public var letterheadImagePath: String?
    /// Every file read, manifest first, as `brief validate` reports them.
    public var report: ValidationReport
    /// The validator the inputs were checked with: later findings (an edition's) are resolved with its rules.
    public let validator: Validator
    /// SHA-256 of each file's bytes by role, computed beside the rest when asked for.
    let digests: [Role: Pending<Result<String, InputError>>]

    /// What a file is to a briefing, as its provenance names it.
    public enum Role: String, Sendable, CaseIterable {
        case manifest = "Manifest", list = "List", previous = "Previous list"
    }

    public var hasErrors: Bool { report.hasErrors }

    /// The manifest's model, when the argument is a valid brief.
    public var briefManifest: BriefManifest? {
        guard let manifest, manifest.read.isValid, case .manifest(let value)? = manifest.read.document else { return nil }
        return value
    }

    /// The list's model, when it is a valid prisoner list with no error.
    public var prisonerList: PrisonerList? { list?.list }

    /// The previous list's model, when it is valid with no error.
    public var previousList: PrisonerList? { previous?.list }

    /// The files by role, in provenance order.
    public var files: [(role: Role, file: CheckedFile)] {
        [(Role.manifest, manifest), (.list, list), (.previous, previous)].compactMap { role, file in file.map { (role, $0) } }
    }

    /// The SHA-256 (hex) of a file's bytes; nil when the inputs were resolved without `hashing`.
    public func sha256(of role: Role) throws(InputError) -> String? {
        guard let digest = digests[role] else { return nil }
        return try digest.value.get()
    }

    /// Resolves a command's argument: a list or manifest file, a brief folder (its `brief.xml`), or `REV:PATH` in
    /// the current git repository (a file or a brief folder of that revision).
    public static func resolve(_ argument: String, validator: Validator, hashing: Bool = false) throws(InputError) -> BriefInputs {
        if InputStore.fileSystem.entry(at: argument) != .missing {
            return try resolve(path: argument, in: .fileSystem, validator: validator, hashing: hashing, argument: argument)
        }
        guard let colon = argument.firstIndex(of: ":"), colon != argument.startIndex,
              argument.index(after: colon) != argument.endIndex else {
            throw InputError(path: argument, reason: "no such file or folder (and not REV:PATH)")
        }
        let store = InputStore.gitRevision(String(argument[..<colon]))
        let path = String(argument[argument.index(after: colon)...])
        guard store.entry(at: path) != .missing else {
            throw InputError(path: argument, reason: "no such file or folder, and git has no such file in that revision")
        }
        return try resolve(path: path, in: store, validator: validator, hashing: hashing, argument: argument)
    }

    /// Resolves two arguments at once, each on its own core (the two sides of a diff).
    public static func resolve(_ first: String, _ second: String, validator: Validator) throws(InputError) -> (BriefInputs, BriefInputs) {
        let one = Pending { () -> Result<BriefInputs, InputError> in Result { () throws(InputError) in try resolve(first, validator: validator) } }
        let other = Result { () throws(InputError) in try resolve(second, validator: validator) }
        return (try one.value.get(), try other.get())
    }

    /// Resolves `path` in `store`; a folder means its `brief.xml`.
    public static func resolve(path: String, in store: InputStore, validator: Validator, hashing: Bool = false,
                               argument: String? = nil) throws(InputError) -> BriefInputs {
        let file = store.entry(at: path) == .folder ? (path as NSString).appendingPathComponent("brief.xml") : path
        let first = try check([file], in: store, validator: validator)[0]
        guard first.read.isValid, case .manifest(let manifest)? = first.read.document else {
            return BriefInputs(argument: argument ?? path, manifest: nil, list: first, previous: nil,
                               report: ValidationReport(files: [FileReport(first)]), validator: validator,
                               digests: hashing ? [.list: digest(of: file, in: store, validator: validator)] : [:])
        }
        let located = ManifestPaths.locate(manifest, at: file, in: store)
        let named = try check([located.list, located.previous].compactMap { $0 }, in: store, validator: validator)
        let list = located.list == nil ? nil : named.first
        let previous = located.previous == nil ? nil : named.last
        let findings = located.findings + ManifestPaths.contentFindings(manifest, list: list.map { .init($0.read.document) },
                                                                        previous: previous.map { .init($0.read.document) })
            + AuthoredReferences.findings(manifest, list: list?.list.map(AuthoredReferences.Targets.init))
        var checkedManifest = first
        checkedManifest.diagnostics = Validator.sorted(first.diagnostics
            + validator.resolve(findings, in: first.read, source: first.sourceText))
        var digests: [Role: Pending<Result<String, InputError>>] = [:]
        if hashing {
            for (role, path) in [(Role.manifest, file), (.list, located.list), (.previous, located.previous)] {
                if let path { digests[role] = digest(of: path, in: store, validator: validator) }
            }
        }
        let report = ValidationReport(files: ([checkedManifest] + named).map(FileReport.init))
        return BriefInputs(argument: argument ?? path, manifest: checkedManifest, list: list, previous: previous,
                           letterheadImage: located.image, letterheadImagePath: located.imagePath, report: report, validator: validator, digests: digests)
    }

    /// Reads and checks files of a store, in parallel.
    static func check(_ paths: [String], in store: InputStore, validator: Validator) throws(InputError) -> [CheckedFile] {
        if case .fileSystem = store { return try validator.checkAll(paths) }
        var checked: [CheckedFile] = []
        for path in paths {
            let bytes = try store.bytes(at: path, limit: validator.options.limits.maxBytes)
            checked.append(validator.check(validator.reader.read(bytes: bytes, path: store.displayPath(path))))
        }
        return checked
    }

    /// A file's SHA-256, computed on another core: a file on disk is read again (its text was decoded to UTF-8).
    static func digest(of path: String, in store: InputStore, validator: Validator) -> Pending<Result<String, InputError>> {
        let limit = validator.options.limits.maxBytes
        return Pending {
            Result { () throws(InputError) in SHA256.hex(try store.bytes(at: path, limit: limit)) }
        }
    }
}

extension FileReport {
    init(_ file: CheckedFile) {
        self.init(path: file.read.path, diagnostics: file.diagnostics)
    }
}
