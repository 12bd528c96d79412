import Foundation

/// Where a command's inputs are read from.
public enum InputStore: Sendable {
    /// Files on disk.
    case fileSystem
    /// Files of a git revision (`REV:PATH`), read with `git show` in the current folder.
    case gitRevision(String)
    /// Files held in memory by path (the fuzzer and tests): nothing is read from disk.
    case memory([String: [UInt8]])

    /// What a path names in the store.
    enum Entry {
        case file, folder, missing
    }

    func entry(at path: String) -> Entry {
        switch self {
        case .fileSystem:
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
            return isDirectory.boolValue ? .folder : .file
        case .gitRevision(let revision):
            switch GitRevision.objectType(revision, path) {
            case "blob": return .file
            case "tree": return .folder
            default: return .missing
            }
        case .memory(let files):
            if files[path] != nil { return .file }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            return files.keys.contains { $0.hasPrefix(prefix) } ? .folder : .missing
        }
    }

    /// The name a file goes by in diagnostics: `REV:PATH` for a git revision.
    func displayPath(_ path: String) -> String {
        if case .gitRevision(let revision) = self { return revision + ":" + path }
        return path
    }

    /// A file's bytes, at most `limit` + 1 of them.
    func bytes(at path: String, limit: Int) throws(InputError) -> [UInt8] {
        switch self {
        case .fileSystem:
            return try DocumentReader.readBytes(at: path, limit: limit)
        case .gitRevision(let revision):
            return try GitRevision.show(revision, path, limit: limit)
        case .memory(let files):
            guard let bytes = files[path] else { throw InputError(path: path, reason: "no such file") }
            return Array(bytes.prefix(limit + 1))
        }
    }

    /// Where a manifest's `href` leads, beside the manifest at `manifestPath`: a path in this store, or why it may
    /// not be read. The href has passed `ManifestPaths.syntaxProblem` already.
    func locate(_ href: String, besideManifestAt manifestPath: String) -> Result<String, ManifestPaths.Refusal> {
        let folder = (manifestPath as NSString).deletingLastPathComponent
        let joined = ManifestPaths.normalized(folder.isEmpty ? href : folder + "/" + href)
        switch self {
        case .fileSystem:
            return ManifestPaths.locateOnDisk(href, folder: folder)
        case .gitRevision, .memory:
            // Memory and a revision hold no pipes or devices, and follow no links (git stores a link as a blob
            // holding its target's name, which reads as no list): a file is there or it is not.
            guard case .file = entry(at: joined) else { return .failure(.noFile(href)) }
            return .success(joined)
        }
    }
}
