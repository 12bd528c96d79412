import BriefXML
import Foundation

/// `brief validate PATH...`: many files and folders at once. A valid manifest's lists are validated with it (right
/// after it, unless named already), and its paths are checked exactly as `BriefInputs` checks them.
extension Validator {
    /// Validates files, folders (every `*.xml` below them) and `REV:PATH` arguments, reporting in input order.
    ///
    /// A path that cannot be read (missing, a device, a dangling link or one leading out of a walked folder) is an
    /// `unreadable` error on that path, and every other file is still checked. Files `excluding` names (by their
    /// path from `paths.root`) are left out, whether named or found in a folder.
    public func validate(paths: [String], excluding exclusion: PathExclusion = PathExclusion(),
                         repository: RepositoryPaths? = nil) throws(InputError) -> ValidationReport {
        var files: [String] = []
        var revisions: [(at: Int, inputs: BriefInputs)] = []
        var links: [(at: Int, report: FileReport)] = []
        let repository = repository ?? RepositoryPaths(root: FileManager.default.currentDirectoryPath)
        for path in paths {
            if InputStore.fileSystem.entry(at: path) == .missing, path.contains(":"), !path.hasPrefix("/"), !path.hasPrefix(".") {
                revisions.append((files.count, try BriefInputs.resolve(path, validator: self)))
                continue
            }
            for entry in try Self.walk([path], followingLinks: options.followsSymbolicLinks) {
                switch entry {
                case .file(let file) where exclusion.excludes(repository.display(file)): continue
                case .file(let file): files.append(file)
                case .skippedLink(let link, _) where exclusion.excludes(repository.display(link)): continue
                case .skippedLink(let link, let reason): links.append((files.count, skippedLinkReport(link, reason: reason)))
                case .refused(let path, _) where exclusion.excludes(repository.display(path)): continue
                case .refused(let path, let reason): links.append((files.count, FileReport(check(Self.unreadable(path, reason: reason)))))
                }
            }
        }
        // Only what the report needs is kept of each file (not its text and model), as soon as it is checked.
        var checked = try checkEach(files, releasingLargeFilesLater: true, reportingUnreadable: true) { Summary($0) }
        var seen = Set(files.map(Self.canonical))
        var extra: [(after: Int, path: String)] = []
        for (index, file) in checked.enumerated() {
            guard let manifest = file.manifest else { continue }
            for path in [manifest.located.list, manifest.located.previous].compactMap({ $0 }) where seen.insert(Self.canonical(path)).inserted {
                extra.append((index, path))
            }
        }
        let more = try checkEach(extra.map(\.path), releasingLargeFilesLater: true, reportingUnreadable: true) { Summary($0) }
        var named: [String: ManifestPaths.Named] = [:]
        var targets: [String: AuthoredReferences.Targets] = [:]
        for summary in checked + more {
            named[Self.canonical(summary.report.path)] = summary.named
            targets[Self.canonical(summary.report.path)] = summary.targets
        }
        for index in checked.indices {
            guard let manifest = checked[index].manifest else { continue }
            let list = manifest.located.list.map { named[Self.canonical($0)] ?? .unreadable }
            let previous = manifest.located.previous.map { named[Self.canonical($0)] ?? .unreadable }
            let findings = manifest.located.findings
                + ManifestPaths.contentFindings(manifest.model, list: list, previous: previous)
                + AuthoredReferences.findings(manifest.model, list: manifest.located.list.flatMap { targets[Self.canonical($0)] })
            checked[index].report.diagnostics = Self.sorted(checked[index].report.diagnostics
                + resolve(findings, in: manifest.file.read, source: manifest.file.sourceText))
        }
        // Each list a manifest refers to is reported right after the manifest.
        var ordered: [FileReport] = []
        for (index, file) in checked.enumerated() {
            ordered += revisions.filter { $0.at == index }.flatMap(\.inputs.report.files)
            ordered += links.filter { $0.at == index }.map(\.report)
            ordered.append(file.report)
            ordered += zip(extra, more).filter { $0.0.after == index }.map(\.1.report)
        }
        ordered += revisions.filter { $0.at == checked.count }.flatMap(\.inputs.report.files)
        ordered += links.filter { $0.at == checked.count }.map(\.report)
        return ValidationReport(files: ordered)
    }

    /// A link the walk did not follow, said as a note (`symlink`): a skipped file is never silence.
    private func skippedLinkReport(_ path: String, reason: String) -> FileReport {
        let finding = Finding(rule: .symlink, severity: RuleCatalog.descriptor(.symlink).defaultSeverity, message: reason,
                              anchor: SourceAnchor(offset: 0), help: "copy the file into the folder, or name it on the command line")
        let empty = ReadFile(path: path, document: nil, findings: [], isValid: false, text: [])
        return FileReport(path: path, diagnostics: resolve([finding], in: empty))
    }

    /// What `validate(paths:)` keeps of a checked file: a manifest whole (it is small), what any other file is.
    private struct Summary: Sendable {
        var report: FileReport
        var named: ManifestPaths.Named
        /// What a manifest's authored sections may refer to, for a list.
        var targets: AuthoredReferences.Targets?
        var manifest: (file: CheckedFile, model: BriefManifest, located: ManifestPaths.Located)?

        init(_ file: CheckedFile) {
            report = FileReport(file)
            named = ManifestPaths.Named(file.read.document)
            if let list = file.list { targets = AuthoredReferences.Targets(list) }
            if file.read.isValid, case .manifest(let model)? = file.read.document {
                manifest = (file, model, ManifestPaths.locate(model, at: file.read.path, in: .fileSystem))
            }
        }
    }

    /// Files named, and every `*.xml` below folders named, in a stable order.
    public static func expand(_ paths: [String]) throws(InputError) -> [String] {
        try walk(paths, followingLinks: false).compactMap { if case .file(let path) = $0 { path } else { nil } }
    }

    /// What a walk found: a file to check, a symbolic link it did not follow (and why), or a path that cannot be
    /// read at all (an `unreadable` error).
    enum WalkEntry: Equatable {
        case file(String)
        case skippedLink(String, reason: String)
        case refused(String, reason: String)
    }

    /// Files named, and every `*.xml` below folders named, in a stable order. A symbolic link below a folder is
    /// not followed — a list's folder may hold a link a submitter planted to a token or `/etc/passwd` — unless
    /// `followingLinks`, and then only to a file inside the walked folder. A file named on the command line is
    /// read as named.
    static func walk(_ paths: [String], followingLinks: Bool) throws(InputError) -> [WalkEntry] {
        var entries: [WalkEntry] = []
        for path in paths {
            switch FileKind.following(path) {
            case .missing where FileKind(at: path) == .symbolicLink:
                entries.append(.refused(path, reason: "is a symbolic link to nothing"))
                continue
            case .missing:
                entries.append(.refused(path, reason: "no such file or folder"))
                continue
            case .folder: break
            default:
                entries.append(.file(path))
                continue
            }
            guard FileManager.default.isReadableFile(atPath: path), let walker = FileManager.default.enumerator(atPath: path) else {
                entries.append(.refused(path, reason: "cannot read the folder"))
                continue
            }
            let root = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            var found: [(String, WalkEntry)] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
                switch FileKind(at: full) {
                case .regular where name.lowercased().hasSuffix(".xml"), .other where name.lowercased().hasSuffix(".xml"):
                    // A pipe or a device is named too: reading refuses it, and says so.
                    found.append((full, .file(full)))
                case .symbolicLink:
                    walker.skipDescendants()
                    guard name.lowercased().hasSuffix(".xml") || FileKind.following(full) == .folder else { continue }
                    found.append((full, linkEntry(full, root: root, following: followingLinks)))
                default:
                    continue
                }
            }
            entries += found.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return entries
    }

    /// A link met in a walk: followed only when asked, to a regular file inside the walked folder.
    private static func linkEntry(_ path: String, root: String, following: Bool) -> WalkEntry {
        // Links that lead nowhere, or to a device, are errors however links are treated: a list kept that way is
        // never checked.
        switch FileKind.following(path) {
        case .missing: return .refused(path, reason: "is a symbolic link to nothing")
        case .other: return .refused(path, reason: "is a symbolic link to a device, pipe or socket")
        default: break
        }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            return .refused(path, reason: "is a symbolic link that leads out of the folder; not followed")
        }
        guard following else {
            return .skippedLink(path, reason: "is a symbolic link; brief does not follow links in a folder it walks (--follow-symlinks follows those that stay inside it)")
        }
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            return .skippedLink(path, reason: "is a symbolic link that leads out of the folder; not followed")
        }
        guard FileKind.following(target) == .regular else {
            return .skippedLink(path, reason: "is a symbolic link to a folder or to something that is not a regular file; not followed")
        }
        return .file(path)
    }
}

extension Validator {
    /// The manifests among `candidates` whose `list` or `previous` is one of `files`: what a changed list's briefing
    /// depends on, and so what a run over changed files must check with it (`--changed-since`, `--files-from`).
    /// Only regular files whose first 4 KiB name the manifest namespace are read.
    public func manifests(naming files: [String], among candidates: [String]) -> [String] {
        let wanted = Set(files.map(Self.canonical))
        guard !wanted.isEmpty else { return [] }
        let possible = candidates.filter { path in
            guard !wanted.contains(Self.canonical(path)), FileKind.following(path) == .regular,
                  let handle = FileHandle(forReadingAtPath: path) else { return false }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 4096)) ?? Data()
            return String(decoding: head, as: UTF8.self).contains("urn:oversight:brief:1")
        }
        let naming = (try? checkEach(possible, reportingUnreadable: true) { file -> Bool in
            guard file.read.isValid, case .manifest(let model)? = file.read.document else { return false }
            let located = ManifestPaths.locate(model, at: file.read.path, in: .fileSystem)
            return [located.list, located.previous].compactMap { $0 }.contains { wanted.contains(Self.canonical($0)) }
        }) ?? []
        return zip(possible, naming).filter(\.1).map(\.0)
    }
}
