import Foundation

/// `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
///
/// Every rule of `RuleCatalog` is described in the driver; results carry a region (line, column) and a
/// `partialFingerprints` entry that survives lines moving and counts changing (`Fingerprint`: the rule, the path
/// from the repository root, the record and element, the message without its numbers). With a baseline, every
/// result has a `baselineState`: `new`, or `unchanged` for a finding the baseline holds.
///
/// A file under the repository root (`currentFolder`, which the command sets to `RepositoryPaths.root`) is written
/// relative to it, with the base id `%SRCROOT%` that the run's `originalUriBaseIds` resolves to that folder (code
/// scanning matches such URIs to the repository's files); any other file keeps an absolute `file://` URI.
public struct SARIFRenderer: Sendable {
    /// The base id of paths relative to the folder `brief` ran in.
    public static let sourceRoot = "%SRCROOT%"
    /// The category code scanning files the results under (a trailing `/`: no run instance id).
    public static let automationID = "brief/validate/"

    /// The absolute path of the folder relative paths are relative to (the process's current folder).
    public var currentFolder: String

    public init(currentFolder: String = FileManager.default.currentDirectoryPath) {
        self.currentFolder = currentFolder
    }

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
        var automationDetails = AutomationDetails(id: SARIFRenderer.automationID)
        var originalUriBaseIds: [String: ArtifactLocation]
        var results: [Result]
        var columnKind = "unicodeCodePoints"
    }

    struct AutomationDetails: Encodable { var id: String }

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
        var help: MultiformatMessage
        var helpUri: String
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable { var level: String }
    struct Message: Encodable { var text: String }
    struct MultiformatMessage: Encodable { var text: String; var markdown: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var baselineState: String?
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }

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

    /// A path as a URI reference, percent-encoding what a URI cannot hold.
    static func uri(_ path: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".unicodeScalars)
        var out = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, allowed.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// The components of `path` with `.` and `..` resolved by text alone (no link is followed: the file was read by
    /// the name given). A relative path keeps the `..` that climb above its start.
    static func components(_ path: String) -> [String] {
        var out: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == "..", let last = out.last, last != ".." {
                out.removeLast()
            } else if part == "..", path.hasPrefix("/") {
                continue
            } else {
                out.append(String(part))
            }
        }
        return out
    }

    /// The base folder's URI: absolute, ending in `/` (SARIF §3.14.14).
    var sourceRootURI: String {
        let parts = Self.components(currentFolder)
        return "file:///" + parts.map(Self.uri).joined(separator: "/") + (parts.isEmpty ? "" : "/")
    }

    /// Where a diagnosed file is: relative to `%SRCROOT%` when it is under the current folder, else an absolute
    /// `file://` URI.
    func artifactLocation(_ path: String) -> ArtifactLocation {
        let root = Self.components(currentFolder)
        let absolute = path.hasPrefix("/") ? Self.components(path) : Self.components(currentFolder + "/" + path)
        if currentFolder.hasPrefix("/"), absolute.count > root.count, Array(absolute.prefix(root.count)) == root {
            return ArtifactLocation(uri: absolute.dropFirst(root.count).map(Self.uri).joined(separator: "/"), uriBaseId: Self.sourceRoot)
        }
        return ArtifactLocation(uri: "file:///" + absolute.map(Self.uri).joined(separator: "/"))
    }

    public func render(_ report: ValidationReport) throws(JSONOutput.EncodingError) -> String {
        let catalog = RuleCatalog.all
        let rules = catalog.map { rule in
            Rule(id: rule.id.rawValue, name: rule.id.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
                 shortDescription: Message(text: rule.title), fullDescription: Message(text: rule.summary),
                 help: MultiformatMessage(text: rule.helpText, markdown: rule.helpMarkdown), helpUri: rule.documentationURI,
                 defaultConfiguration: Configuration(level: Self.level(rule.defaultSeverity)))
        }
        let current = report.files.flatMap(\.diagnostics)
        let all = current + report.baselined
        let fingerprints = Baseline.fingerprints(of: all)
        let results = all.indices.map { index -> Result in
            let diagnostic = all[index]
            return Result(
                ruleId: diagnostic.rule.rawValue, ruleIndex: RuleID.allCases.firstIndex(of: diagnostic.rule) ?? 0,
                level: Self.level(diagnostic.severity), message: Message(text: diagnostic.message + (diagnostic.help.map { " (help: \($0))" } ?? "")),
                locations: [Location(physicalLocation: PhysicalLocation(
                    artifactLocation: artifactLocation(diagnostic.file),
                    region: Region(startLine: diagnostic.line, startColumn: diagnostic.column,
                                   snippet: diagnostic.sourceLine.map { Message(text: $0) })))],
                partialFingerprints: [Fingerprint.sarifKey: fingerprints[index]],
                baselineState: report.baseline == nil ? nil : index < current.count ? "new" : "unchanged")
        }
        let run = Run(tool: Tool(driver: Driver(rules: rules)),
                      originalUriBaseIds: [Self.sourceRoot: ArtifactLocation(uri: sourceRootURI)], results: results)
        return try JSONOutput.encode(Log(runs: [run]))
    }
}
