// CI: what makes `brief validate` a check a team can require — stable paths and fingerprints, baselines, changed
// files, job summaries. Nothing here reads XML; it works on the diagnostics a run made.
import Foundation

/// Paths as every output format writes them: relative to the repository's root (found with git, or given with
/// `--root`), whatever the current folder and however the path was spelled (`./lists/a.xml`, `lists//a.xml`, an
/// absolute path). A path outside the root stays absolute.
public struct RepositoryPaths: Sendable, Equatable {
    /// The absolute, normalised root.
    public var root: String
    /// The absolute, normalised folder relative paths were given from.
    public var currentFolder: String

    public init(root: String, currentFolder: String = FileManager.default.currentDirectoryPath) {
        let folder = Self.absolute(currentFolder, from: "/")
        self.currentFolder = folder
        self.root = Self.absolute(root, from: folder)
    }

    /// The repository holding `folder` (`git rev-parse --show-toplevel`), or `folder` itself outside git.
    public static func discover(from folder: String = FileManager.default.currentDirectoryPath) -> RepositoryPaths {
        if let (status, output, _) = try? GitRevision.run(["rev-parse", "--show-toplevel"], limit: 4096, in: folder), status == 0 {
            let top = String(decoding: output, as: UTF8.self).trimmingXMLWhitespace()
            if !top.isEmpty { return RepositoryPaths(root: top, currentFolder: folder) }
        }
        return RepositoryPaths(root: folder, currentFolder: folder)
    }

    /// `path` made absolute against `folder`, with `.`, `..` and repeated slashes resolved by text (no link is
    /// followed: the file was read by the name given).
    public static func absolute(_ path: String, from folder: String) -> String {
        let joined = path.hasPrefix("/") ? path : folder + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
            } else {
                parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The path as outputs write it: from the root when under it, else absolute. `REV:PATH` names are kept.
    public func display(_ path: String) -> String {
        if !path.hasPrefix("/"), !path.hasPrefix("."), path.contains(":"), FileManager.default.fileExists(atPath: path) == false {
            return path
        }
        let full = Self.absolute(path, from: currentFolder)
        let prefix = root == "/" ? "/" : root + "/"
        if full.hasPrefix(prefix) { return String(full.dropFirst(prefix.count)) }
        // Reached through a link to the repository (`/work/link/lists/a.xml`; git's top is the real path): the
        // folder's links are resolved, never the file's own.
        let folder = URL(fileURLWithPath: full).deletingLastPathComponent().resolvingSymlinksInPath().path
        let real = (folder == "/" ? "" : folder) + "/" + (full as NSString).lastPathComponent
        if real.hasPrefix(prefix) { return String(real.dropFirst(prefix.count)) }
        return full
    }

    /// Whether `display(path)` is relative to the root.
    public func isUnderRoot(_ displayed: String) -> Bool { !displayed.hasPrefix("/") }
}

extension ValidationReport {
    /// The same report with every path as `paths` displays it, and every diagnostic's `Fingerprint` (which hashes
    /// that path) set.
    public func relativized(_ paths: RepositoryPaths) -> ValidationReport {
        var copy = self
        // A file's thousands of diagnostics share its path: each path is worked out once.
        var displayed: [String: String] = [:]
        func display(_ path: String) -> String {
            if let known = displayed[path] { return known }
            let shown = paths.display(path)
            displayed[path] = shown
            return shown
        }
        for index in copy.files.indices {
            copy.files[index].path = display(copy.files[index].path)
            for item in copy.files[index].diagnostics.indices {
                copy.files[index].diagnostics[item].file = display(copy.files[index].diagnostics[item].file)
            }
        }
        for index in copy.baselined.indices { copy.baselined[index].file = display(copy.baselined[index].file) }
        copy.changedFiles = copy.changedFiles.map { Set($0.map(display)) }
        return copy.fingerprinted()
    }
}
