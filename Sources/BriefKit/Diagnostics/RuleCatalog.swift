/// A kind of diagnostic: its stable id, default severity and what it means.
public struct RuleDescriptor: Sendable, Hashable {
    public var id: String
    public var defaultSeverity: Severity
    /// One line: what the rule flags.
    public var summary: String
    /// Whether `--rule ID=...` may change its severity (reading problems cannot be turned off).
    public var isConfigurable: Bool
}

/// Every diagnostic id `brief` emits, in the order of docs/rules.md.
public enum RuleCatalog {
    public static let xml = RuleDescriptor(
        id: "xml", defaultSeverity: .error,
        summary: "the file is not well-formed XML 1.0 in UTF-8 (or UTF-16 with a byte-order mark), or exceeds a reading limit",
        isConfigurable: false)
    public static let doctype = RuleDescriptor(
        id: "doctype", defaultSeverity: .error,
        summary: "the file has a DOCTYPE declaration; DTDs and entities are refused before anything is read",
        isConfigurable: false)
    public static let schema = RuleDescriptor(
        id: "schema", defaultSeverity: .error,
        summary: "the file does not conform to the XML Schema (element names, order, types, enumerations, unique ids, source references)",
        isConfigurable: false)

    /// The semantic rules of FORMAT.md, and brief's own manifest rule.
    public static let semantic: [RuleDescriptor] = [
        RuleDescriptor(id: "date-order", defaultSeverity: .error,
                       summary: "a release-type status or a condition's `since` before the detention's `arrested`; a condition's `until` before its `since`",
                       isConfigurable: true),
        RuleDescriptor(id: "future-date", defaultSeverity: .error,
                       summary: "a date after the list's `asOf` (a condition's `until` excepted)", isConfigurable: true),
        RuleDescriptor(id: "rearrest-without-release", defaultSeverity: .warning,
                       summary: "a `rearrested` status with no earlier `released`, `unconfirmed` or `exiled` status",
                       isConfigurable: true),
        RuleDescriptor(id: "committed-count", defaultSeverity: .warning,
                       summary: "`agreement/@committed` differs from the number of prisoners with `list=\"agreed\"`",
                       isConfigurable: true),
        RuleDescriptor(id: "duplicate-person", defaultSeverity: .warning,
                       summary: "two prisoners whose names are equal ignoring case, accents and spacing, with the same `born` (or both without)",
                       isConfigurable: true),
        RuleDescriptor(id: "marking-downgrade", defaultSeverity: .warning,
                       summary: "inside an item, an explicit `marking` lower than its parent's effective marking (it has no effect)",
                       isConfigurable: true),
        RuleDescriptor(id: "unused-source", defaultSeverity: .warning,
                       summary: "a source that nothing refers to", isConfigurable: true),
        RuleDescriptor(id: "condition-while-detained", defaultSeverity: .warning,
                       summary: "a condition or warning on a person whose latest status is `detained`", isConfigurable: true),
        RuleDescriptor(id: "source-conflict", defaultSeverity: .note,
                       summary: "the latest claims of two sources about one person fall in different classes and are dated within 7 days of each other",
                       isConfigurable: true),
        RuleDescriptor(id: "manifest-path", defaultSeverity: .error,
                       summary: "a manifest's `list` or `previous` path is absolute, leaves the brief's folder, or names no readable file",
                       isConfigurable: false),
    ]

    /// All descriptors, reading problems first.
    public static let all: [RuleDescriptor] = [xml, doctype, schema] + semantic

    /// The descriptor with this id.
    public static func descriptor(_ id: String) -> RuleDescriptor? {
        all.first { $0.id == id }
    }
}

/// A change of rule severities from the command line (`--rule ID=off|note|warning|error`).
public struct RuleSettings: Sendable, Equatable {
    /// nil means off.
    public private(set) var overrides: [String: Severity?] = [:]

    public init() {}

    /// Why a `--rule` setting was refused.
    public enum SettingError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case unknownRule(String)
        case notConfigurable(String)
        case unknownLevel(String)

        public var description: String {
            switch self {
            case .malformed(let text): "'\(text)' is not ID=off|note|warning|error"
            case .unknownRule(let id): "unknown rule '\(id)' (known: \(RuleCatalog.all.map(\.id).joined(separator: ", ")))"
            case .notConfigurable(let id): "'\(id)' reports input that cannot be read safely; its severity cannot be changed"
            case .unknownLevel(let level): "unknown level '\(level)' (use off, note, warning or error)"
            }
        }
    }

    /// Applies one `ID=LEVEL` setting.
    public mutating func apply(_ setting: String) throws(SettingError) {
        let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw .malformed(setting) }
        guard let rule = RuleCatalog.descriptor(parts[0]) else { throw .unknownRule(parts[0]) }
        guard rule.isConfigurable else { throw .notConfigurable(rule.id) }
        switch parts[1] {
        case "off": overrides[rule.id] = .some(nil)
        case "note": overrides[rule.id] = .note
        case "warning": overrides[rule.id] = .warning
        case "error": overrides[rule.id] = .error
        default: throw .unknownLevel(parts[1])
        }
    }

    /// The severity a finding of `rule` gets, or nil when the rule is off.
    public func severity(for rule: String, default defaultSeverity: Severity) -> Severity? {
        if let override = overrides[rule] { return override }
        return defaultSeverity
    }
}
