/// `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
///
/// Every rule of `RuleCatalog` is described in the driver; results carry a region (line, column) and a
/// `partialFingerprints` entry that survives lines moving: it hashes the rule, the file, the record and the
/// message, not the position.
public struct SARIFRenderer: Sendable {
    public init() {}

    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var columnKind = "unicodeCodePoints"
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name = "brief"
        var version = BriefVersion.current
        var semanticVersion = BriefVersion.current
        var informationUri = BriefVersion.informationURI
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var helpUri: String
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable { var level: String }
    struct Message: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable { var uri: String }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var snippet: Message?
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// A relative path as a URI reference (percent-encoding what a URI cannot hold).
    static func uri(_ path: String) -> String {
        var trimmed = path
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        // An absolute path becomes a file URI; a relative one stays relative to the repository (SARIF's uriBaseId).
        let scheme = trimmed.hasPrefix("/") ? "file://" : ""
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".unicodeScalars)
        var out = ""
        for byte in trimmed.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, allowed.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return scheme + out
    }

    public func render(_ report: ValidationReport) throws(JSONOutput.EncodingError) -> String {
        let catalog = RuleCatalog.all
        let rules = catalog.map { rule in
            Rule(id: rule.id.rawValue, name: rule.id.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
                 shortDescription: Message(text: rule.summary), fullDescription: Message(text: rule.summary),
                 helpUri: BriefVersion.informationURI + "/blob/main/docs/rules.md#" + rule.id.rawValue,
                 defaultConfiguration: Configuration(level: Self.level(rule.defaultSeverity)))
        }
        var occurrences: [String: Int] = [:]
        let results = report.files.flatMap(\.diagnostics).map { diagnostic -> Result in
            let base = SHA256.hex([diagnostic.rule.rawValue, diagnostic.file, diagnostic.recordID ?? "", diagnostic.message].joined(separator: "\u{1F}"))
            let seen = occurrences[base, default: 0] + 1
            occurrences[base] = seen
            return Result(
                ruleId: diagnostic.rule.rawValue, ruleIndex: RuleID.allCases.firstIndex(of: diagnostic.rule) ?? 0,
                level: Self.level(diagnostic.severity), message: Message(text: diagnostic.message + (diagnostic.help.map { " (help: \($0))" } ?? "")),
                locations: [Location(physicalLocation: PhysicalLocation(
                    artifactLocation: ArtifactLocation(uri: Self.uri(diagnostic.file)),
                    region: Region(startLine: diagnostic.line, startColumn: diagnostic.column,
                                   snippet: diagnostic.sourceLine.map { Message(text: $0) })))],
                partialFingerprints: ["briefDiagnostic/v1": String(base.prefix(32)) + ":\(seen)"])
        }
        return try JSONOutput.encode(Log(runs: [Run(tool: Tool(driver: Driver(rules: rules)), results: results)]))
    }
}
