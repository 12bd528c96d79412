import Foundation

/// `brief validate PATH...`: many files and folders at once. A valid manifest's lists are validated with it (right
/// after it, unless named already), and its paths are checked exactly as `BriefInputs` checks them.
extension Validator {
    /// Validates files, folders (every `*.xml` below them) and `REV:PATH` arguments, reporting in input order.
    public func validate(paths: [String]) throws(InputError) -> ValidationReport {
        var files: [String] = []
        var revisions: [(at: Int, inputs: BriefInputs)] = []
        for path in paths {
            if InputStore.fileSystem.entry(at: path) == .missing, path.contains(":") {
                revisions.append((files.count, try BriefInputs.resolve(path, validator: self)))
            } else {
                files += try Self.expand([path])
            }
        }
        // Only what the report needs is kept of each file (not its text and model), as soon as it is checked.
        var checked = try checkEach(files, releasingLargeFilesLater: true) { Summary($0) }
        var seen = Set(files.map(Self.canonical))
        var extra: [(after: Int, path: String)] = []
        for (index, file) in checked.enumerated() {
            guard let manifest = file.manifest else { continue }
            for path in [manifest.located.list, manifest.located.previous].compactMap({ $0 }) where seen.insert(Self.canonical(path)).inserted {
                extra.append((index, path))
            }
        }
        let more = try checkEach(extra.map(\.path), releasingLargeFilesLater: true) { Summary($0) }
        var named: [String: ManifestPaths.Named] = [:]
        for summary in checked + more { named[Self.canonical(summary.report.path)] = summary.named }
        for index in checked.indices {
            guard let manifest = checked[index].manifest else { continue }
            let list = manifest.located.list.map { named[Self.canonical($0)] ?? .unreadable }
            let previous = manifest.located.previous.map { named[Self.canonical($0)] ?? .unreadable }
            let findings = manifest.located.findings
                + ManifestPaths.contentFindings(manifest.model, list: list, previous: previous)
            checked[index].report.diagnostics = Self.sorted(checked[index].report.diagnostics
                + resolve(findings, in: manifest.file.read, source: manifest.file.sourceText))
        }
        // Each list a manifest refers to is reported right after the manifest.
        var ordered: [FileReport] = []
        for (index, file) in checked.enumerated() {
            ordered += revisions.filter { $0.at == index }.flatMap(\.inputs.report.files)
            ordered.append(file.report)
            ordered += zip(extra, more).filter { $0.0.after == index }.map(\.1.report)
        }
        ordered += revisions.filter { $0.at == checked.count }.flatMap(\.inputs.report.files)
        return ValidationReport(files: ordered)
    }

    /// What `validate(paths:)` keeps of a checked file: a manifest whole (it is small), what any other file is.
    private struct Summary: Sendable {
        var report: FileReport
        var named: ManifestPaths.Named
        var manifest: (file: CheckedFile, model: BriefManifest, located: (list: String?, previous: String?, findings: [Finding]))?

        init(_ file: CheckedFile) {
            report = FileReport(file)
            named = ManifestPaths.Named(file.read.document)
            if file.read.isValid, case .manifest(let model)? = file.read.document {
                manifest = (file, model, ManifestPaths.locate(model, at: file.read.path, in: .fileSystem))
            }
        }
    }

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
}
