import Foundation

/// The findings a repository accepts for now (`--write-baseline FILE` records them, `--baseline FILE` reports only
/// the others): each by rule, file and `Fingerprint`, so that one survives lines moving and counts changing.
///
/// A plain value a project configuration can name later; the file is JSON (docs/ci.md), sorted, one finding per
/// entry, so that a diff of it in a pull request shows which findings were accepted.
public struct Baseline: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Hashable, Codable {
        public var rule: RuleID
        public var file: String
        public var fingerprint: String
        /// For people reading the file; never compared.
        public var severity: Severity
        public var message: String
    }

    public var format = "brief-baseline"
    public var version = 1
    public var findings: [Entry]

    public init(findings: [Entry]) {
        self.findings = findings.sorted { ($0.file, $0.rule.rawValue, $0.fingerprint) < ($1.file, $1.rule.rawValue, $1.fingerprint) }
    }

    /// Why a baseline file cannot be used.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The findings of a report (paths as the report names them: `ValidationReport.relativized` first).
    public init(_ report: ValidationReport) {
        let diagnostics = report.files.flatMap(\.diagnostics)
        self.init(findings: zip(diagnostics, Self.fingerprints(of: diagnostics)).map { diagnostic, fingerprint in
            Entry(rule: diagnostic.rule, file: diagnostic.file, fingerprint: fingerprint, severity: diagnostic.severity,
                  message: diagnostic.message)
        })
    }

    /// Reads a baseline file (at most 64 MiB).
    public static func load(path: String) throws(LoadError) -> Baseline {
        let bytes: [UInt8]
        do { bytes = try DocumentReader.readBytes(at: path, limit: 64 << 20) } catch { throw LoadError(path: path, reason: error.reason) }
        do {
            let baseline = try JSONDecoder().decode(Baseline.self, from: Data(bytes))
            guard baseline.format == "brief-baseline", baseline.version == 1 else {
                throw LoadError(path: path, reason: "is not a brief baseline of version 1")
            }
            return baseline
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(path: path, reason: "is not a brief baseline (\(error.localizedDescription)); write one with --write-baseline")
        }
    }

    /// The file's text: sorted keys, one entry per finding, final newline.
    public func text() throws(JSONOutput.EncodingError) -> String { try JSONOutput.encode(self) }

    /// The report with the baseline's findings taken out of `files` (into `baselined`) and the comparison's counts.
    public func apply(to report: ValidationReport) -> ValidationReport {
        var remaining = Set(findings.map { Key(rule: $0.rule, file: $0.file, fingerprint: $0.fingerprint) })
        let total = remaining.count
        var copy = report
        let fingerprints = Self.fingerprints(of: report.files.flatMap(\.diagnostics))
        var next = 0
        copy.baselined = []
        for index in copy.files.indices {
            var kept: [Diagnostic] = []
            for diagnostic in copy.files[index].diagnostics {
                let key = Key(rule: diagnostic.rule, file: diagnostic.file, fingerprint: fingerprints[next])
                next += 1
                if remaining.remove(key) != nil { copy.baselined.append(diagnostic) } else { kept.append(diagnostic) }
            }
            copy.files[index].diagnostics = kept
        }
        // Only entries of files this run checked can be gone: a run over changed files says nothing of the others.
        let checked = Set(report.files.map(\.path))
        copy.baseline = BaselineComparison(matched: total - remaining.count, gone: remaining.count { checked.contains($0.file) })
        return copy
    }

    /// The diagnostics' fingerprints: those already set (`ValidationReport.relativized`), else computed.
    static func fingerprints(of diagnostics: [Diagnostic]) -> [String] {
        let computed = diagnostics.contains { $0.fingerprint == nil } ? Fingerprint.all(diagnostics) : []
        return diagnostics.indices.map { diagnostics[$0].fingerprint ?? computed[$0] }
    }

    private struct Key: Hashable {
        var rule: RuleID
        var file: String
        var fingerprint: String
    }
}

/// What applying a baseline found: how many of the run's findings it holds, and how many of its entries (in files
/// the run checked) no longer occur — fixed, and ready to be dropped with `--write-baseline`.
public struct BaselineComparison: Sendable, Equatable {
    public var matched: Int
    public var gone: Int

    public init(matched: Int, gone: Int) {
        self.matched = matched
        self.gone = gone
    }

    /// `12 findings baselined, 2 baselined findings gone (refresh it with --write-baseline)`.
    public var summary: String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "\(plural(matched, "finding")) baselined, \(plural(gone, "baselined finding")) gone"
            + (gone > 0 ? " (refresh the baseline with --write-baseline)" : "")
    }
}
