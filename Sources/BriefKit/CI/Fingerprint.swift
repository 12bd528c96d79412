/// A finding's identity across revisions: what a baseline records and SARIF's `partialFingerprints` carries.
///
/// It hashes the rule, the path (as `RepositoryPaths` displays it), where in the document the finding is — the record
/// id and the element (and attribute) the caret is on, never a line or column — and the message with its numbers
/// and dates taken out: adding a prisoner changes `committed="53" but 52 ...` to `... 53 ...`, and moving a record
/// changes every line below it, and neither makes an old finding new. Equal keys in one file are told apart by
/// their order (`:1`, `:2`).
public enum Fingerprint {
    /// The version of the scheme, the key of SARIF's `partialFingerprints`.
    public static let sarifKey = "briefFinding/v2"

    /// The stable key of a diagnostic, before its occurrence number.
    public static func key(_ diagnostic: Diagnostic) -> String {
        [diagnostic.rule.rawValue, diagnostic.file, diagnostic.recordID ?? "", element(diagnostic), stableMessage(diagnostic.message)]
            .joined(separator: "\u{1F}")
    }

    /// The message with every run of digits written `#`.
    public static func stableMessage(_ message: String) -> String {
        var out = ""
        var inDigits = false
        for scalar in message.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                if !inDigits { out += "#" }
                inDigits = true
            } else {
                out.unicodeScalars.append(scalar)
                inDigits = false
            }
        }
        return out
    }

    /// The element (and attribute) the caret is on, from the source line: `status@date`, or "" when unknown.
    static func element(_ diagnostic: Diagnostic) -> String {
        guard let line = diagnostic.sourceLine else { return "" }
        let scalars = Array(line.unicodeScalars)
        let caret = min(max(0, (diagnostic.caretColumn ?? diagnostic.column) - 1), scalars.count)
        guard let open = scalars[..<caret].lastIndex(of: "<") ?? (caret < scalars.count && scalars[caret] == "<" ? caret : nil) else { return "" }
        func name(from start: Int) -> String {
            var end = start
            while end < scalars.count, !" \t/>=\"'".unicodeScalars.contains(scalars[end]) { end += 1 }
            return String(String.UnicodeScalarView(scalars[start..<end]))
        }
        let element = name(from: open + 1)
        guard caret > open, caret < scalars.count, scalars[caret] != " " else { return element }
        return element + "@" + name(from: caret)
    }

    /// The fingerprints of a run's diagnostics, in the order given: the key's hash and its occurrence in its file.
    public static func all(_ diagnostics: [Diagnostic]) -> [String] {
        var occurrences: [String: Int] = [:]
        return diagnostics.map { diagnostic in
            let hash = String(SHA256.hex(key(diagnostic)).prefix(32))
            let seen = occurrences[hash, default: 0] + 1
            occurrences[hash] = seen
            return hash + ":\(seen)"
        }
    }
}

extension ValidationReport {
    /// The same report with each diagnostic's `fingerprint` set (in file order, so that occurrences count the same
    /// way in every run).
    public func fingerprinted() -> ValidationReport {
        var copy = self
        let fingerprints = Fingerprint.all(files.flatMap(\.diagnostics))
        var next = 0
        for index in copy.files.indices {
            for item in copy.files[index].diagnostics.indices {
                copy.files[index].diagnostics[item].fingerprint = fingerprints[next]
                next += 1
            }
        }
        return copy
    }
}
