import Foundation

/// Which files a pull request changed: `--changed-since REV` (from git) and `--files-from FILE` (a list).
public enum ChangedFiles {
    /// Why the changed files cannot be known: a usage problem, whose message says what to fetch or pass.
    public struct ChangeError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The files changed between the merge base of `revision` and `HEAD` and `HEAD` (what a pull request shows), as
    /// absolute paths: added, copied, modified and renamed files (a renamed file by its new name), deleted ones left
    /// out. Names come NUL-separated and unquoted, so a non-ASCII or odd name is the file's own.
    ///
    /// A shallow clone (actions/checkout's default) may lack `revision` or the merge base; the error then says what
    /// to fetch.
    public static func since(_ revision: String, in folder: String = FileManager.default.currentDirectoryPath) throws(ChangeError) -> [String] {
        func git(_ arguments: [String], limit: Int = 64 << 20) throws(ChangeError) -> (status: Int32, text: String, errors: String) {
            do {
                let (status, output, errors) = try GitRevision.run(arguments, limit: limit, in: folder)
                return (status, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self).trimmingXMLWhitespace())
            } catch {
                throw ChangeError(description: "\(error.reason)")
            }
        }
        let top = try git(["rev-parse", "--show-toplevel"])
        guard top.status == 0 else {
            throw ChangeError(description: "needs a git repository; '\(Escaping.terminal(folder))' is not in one (\(Escaping.terminal(top.errors)))")
        }
        let root = top.text.trimmingXMLWhitespace()
        let shallow = (try? git(["rev-parse", "--is-shallow-repository"]))?.text.trimmingXMLWhitespace() == "true"
        let shown = Escaping.terminal(revision)
        guard try git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"]).status == 0 else {
            let branch = revision.hasPrefix("origin/") ? String(revision.dropFirst("origin/".count)) : revision
            throw ChangeError(description: shallow
                ? "'\(shown)' is not in this shallow clone; fetch it first: git fetch --no-tags --depth=50 origin \(Escaping.terminal(branch)):refs/remotes/origin/\(Escaping.terminal(branch)) (or check out with fetch-depth: 0)"
                : "'\(shown)' names no commit of this repository (fetch it, or name a branch, tag or commit)")
        }
        let base = try git(["merge-base", revision, "HEAD"])
        guard base.status == 0 else {
            throw ChangeError(description: shallow
                ? "'\(shown)' and HEAD have no common commit in this shallow clone; fetch more history: git fetch --deepen=100 origin (or check out with fetch-depth: 0)"
                : "'\(shown)' and HEAD have no common commit")
        }
        let diff = try git(["-c", "core.quotepath=off", "diff", "--name-only", "-z", "--no-ext-diff", "--no-textconv",
                            "--diff-filter=ACMR", "--find-renames", base.text.trimmingXMLWhitespace(), "HEAD", "--"])
        guard diff.status == 0 else {
            throw ChangeError(description: "git diff failed (\(Escaping.terminal(diff.errors)))")
        }
        return diff.text.split(separator: "\0").map { root + "/" + $0 }
    }

    /// Names in a list: NUL-separated when the text has a NUL (`git diff -z`, `find -print0`), else one a line
    /// (blank lines and a final CR ignored).
    public static func names(in text: [UInt8]) -> [String] {
        let separator: UInt8 = text.contains(0) ? 0 : 0x0A
        return text.split(separator: separator).compactMap { piece in
            var name = String(decoding: piece, as: UTF8.self)
            if separator == 0x0A, name.hasSuffix("\r") { name.removeLast() }
            return name.trimmingXMLWhitespace().isEmpty ? nil : name
        }
    }

    /// Whether a changed file is one `validate` checks (`*.xml`, by name: its content is the reader's).
    public static func isChecked(_ path: String) -> Bool { path.lowercased().hasSuffix(".xml") }

    /// Every tracked `*.xml` of the repository holding `folder` (absolute paths): where the manifests that name a
    /// changed list are looked for.
    public static func trackedXML(in folder: String = FileManager.default.currentDirectoryPath) -> [String] {
        guard let (status, top, _) = try? GitRevision.run(["rev-parse", "--show-toplevel"], limit: 4096, in: folder), status == 0,
              let (listed, output, _) = try? GitRevision.run(["-c", "core.quotepath=off", "ls-files", "-z", "--full-name", "--", ":/*.xml", ":/*.XML"],
                                                              limit: 64 << 20, in: folder), listed == 0 else { return [] }
        let root = String(decoding: top, as: UTF8.self).trimmingXMLWhitespace()
        return output.split(separator: 0).map { root + "/" + String(decoding: $0, as: UTF8.self) }
    }
}
