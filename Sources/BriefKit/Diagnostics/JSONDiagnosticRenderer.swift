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
    }

    struct Summary: Encodable {
        var files: Int
        var errors: Int
        var warnings: Int
        var notes: Int
    }

    public func render(_ report: ValidationReport) -> String {
        let document = Document(
            files: report.files.map { file in
                File(path: file.path, errors: file.count(.error), warnings: file.count(.warning), notes: file.count(.note),
                     diagnostics: file.diagnostics.map {
                         Item(file: $0.file, line: $0.line, column: $0.column, severity: $0.severity.rawValue, rule: $0.rule,
                              message: $0.message, help: $0.help, record: $0.recordID)
                     })
            },
            summary: Summary(files: report.files.count, errors: report.count(.error), warnings: report.count(.warning),
                             notes: report.count(.note)))
        return JSONOutput.encode(document)
    }
}

/// Deterministic JSON: sorted keys, two-space indentation, no escaped slashes, final newline.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
