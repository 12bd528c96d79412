import Foundation

/// `--format json`: the documented, stable machine format (docs/diagnostics.md). Keys are sorted; version 1.
public struct JSONDiagnosticRenderer: Sendable {
    public init() {}

    struct Document: Encodable {
        var format = "brief-diagnostics"
        var version = 1
        var tool = Tool()
        var files: [File]
        var summary: Summary
    }

    struct Tool: Encodable {
        var name = "brief"
        var version = BriefVersion.current
    }

    struct File: Encodable {
        var path: String
        var errors: Int
        var warnings: Int
        var notes: Int
        var diagnostics: [Item]
    }

    struct Item: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var rule: RuleID
        var message: String
        var help: String?
        var record: String?
        var fingerprint: String?
    }

    struct Summary: Encodable {
        var files: Int
        var errors: Int
        var warnings: Int
        var notes: Int
        /// With a baseline only.
        var baselined: Int?
        var baselineGone: Int?
    }

    public func render(_ report: ValidationReport) throws(JSONOutput.EncodingError) -> String {
        let document = Document(
            files: report.files.map { file in
                File(path: file.path, errors: file.count(.error), warnings: file.count(.warning), notes: file.count(.note),
                     diagnostics: file.diagnostics.map {
                         Item(file: $0.file, line: $0.line, column: $0.column, severity: $0.severity.rawValue, rule: $0.rule,
                              message: $0.message, help: $0.help, record: $0.recordID, fingerprint: $0.fingerprint)
                     })
            },
            summary: Summary(files: report.files.count, errors: report.count(.error), warnings: report.count(.warning),
                             notes: report.count(.note), baselined: report.baseline?.matched, baselineGone: report.baseline?.gone))
        return try JSONOutput.encode(document)
    }
}

/// Deterministic JSON: sorted keys, two-space indentation, no escaped slashes, final newline.
public enum JSONOutput {
    /// Why a value has no JSON: `JSONEncoder` refused it (a non-finite number, say). Never replaced by other output.
    public struct EncodingError: Error, Sendable, CustomStringConvertible {
        /// What was being encoded.
        public var type: String
        /// What `JSONEncoder` said.
        public var reason: String

        public var description: String { "\(type) cannot be written as JSON: \(reason)" }
    }

    /// The encoder every JSON output of brief uses; the briefing's stream writer lays its bytes out the same way.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` as JSON text with a final newline; bidirectional formatting characters and `##[` in strings are
    /// written as `\u` escapes, as the briefing's stream writer writes them (`Escaping.json`).
    public static func encode<T: Encodable>(_ value: T) throws(EncodingError) -> String {
        do {
            return String(decoding: Escaping.json(Array(try encoder().encode(value))), as: UTF8.self) + "\n"
        } catch {
            throw EncodingError(type: String(describing: T.self), reason: String(describing: error))
        }
    }
}
