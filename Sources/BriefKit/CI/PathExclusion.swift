/// Files a run leaves out (`--exclude GLOB`, repeatable; a project configuration can set them later).
///
/// A glob is matched against the path from the repository root (`RepositoryPaths.display`): `*` and `?` stay within
/// one folder, `**` spans any number of folders, `[abc]` is one of the characters. A glob without `/` is matched
/// against the file's name alone, as in `.gitignore`: `--exclude 'draft-*.xml'` leaves out every draft. A folder's
/// glob leaves out what is below it: `--exclude legacy` and `--exclude 'lists/legacy/**'` both do.
public struct PathExclusion: Sendable, Equatable {
    public var globs: [String]

    public init(globs: [String] = []) {
        self.globs = globs
    }

    /// Whether the file at `path` (from the root) is left out.
    public func excludes(_ path: String) -> Bool {
        guard !globs.isEmpty else { return false }
        let parts = path.split(separator: "/").map(String.init)
        for glob in globs {
            let trimmed = glob.hasPrefix("./") ? String(glob.dropFirst(2)) : glob
            let pattern = trimmed.split(separator: "/").map(String.init)
            if !trimmed.contains("/") {
                // A name: the file's, or any folder's on the way.
                if parts.contains(where: { Self.matches(Array($0.unicodeScalars), Array(trimmed.unicodeScalars)) }) { return true }
            } else if Self.matches(parts: parts[...], pattern: pattern[...]) || Self.matches(parts: parts[...], pattern: (pattern + ["**"])[...]) {
                return true
            }
        }
        return false
    }

    static func matches(parts: ArraySlice<String>, pattern: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            for start in parts.startIndex...parts.endIndex where matches(parts: parts[start...], pattern: rest) { return true }
            return false
        }
        guard let part = parts.first, matches(Array(part.unicodeScalars), Array(first.unicodeScalars)) else { return false }
        return matches(parts: parts.dropFirst(), pattern: pattern.dropFirst())
    }

    /// One name against one glob segment.
    static func matches(_ name: [Unicode.Scalar], _ glob: [Unicode.Scalar]) -> Bool {
        var n = 0, g = 0
        var star: Int?, resume = 0
        while n < name.count {
            if g < glob.count, glob[g] == "[", let close = glob[(g + 1)...].firstIndex(of: "]") {
                if glob[(g + 1)..<close].contains(name[n]) {
                    n += 1
                    g = close + 1
                    continue
                }
            } else if g < glob.count, glob[g] == "?" || glob[g] == name[n], glob[g] != "*" {
                n += 1
                g += 1
                continue
            } else if g < glob.count, glob[g] == "*" {
                star = g
                resume = n
                g += 1
                continue
            }
            guard let star else { return false }
            g = star + 1
            resume += 1
            n = resume
        }
        while g < glob.count, glob[g] == "*" { g += 1 }
        return g == glob.count
    }
}
