/// A kind of diagnostic: its stable id, default severity and what it means.
public struct RuleDescriptor: Sendable, Hashable {
    public var id: RuleID
    public var defaultSeverity: Severity
    /// One line: what the rule flags.
    public var summary: String
    /// Whether `--rule ID=...` may change its severity (reading problems cannot be turned off).
    public var isConfigurable: Bool
}

/// Every diagnostic id `brief` emits, in the order of docs/rules.md.
public enum RuleCatalog {
    public static let xml = descriptor(.xml)
    public static let doctype = descriptor(.doctype)
    public static let schema = descriptor(.schema)

    /// The semantic rules of the format (docs/format.md), and brief's own manifest rule.
    public static let semantic: [RuleDescriptor] = all.filter { ![RuleID.xml, .doctype, .schema, .symlink].contains($0.id) }

    /// All descriptors, reading problems first (`RuleID` order).
    public static let all: [RuleDescriptor] = RuleID.allCases.map(descriptor)

    /// The descriptor of `id`: its default severity and what it flags.
    public static func descriptor(_ id: RuleID) -> RuleDescriptor {
        switch id {
        case .xml:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "the file is not well-formed XML 1.0 in UTF-8 (or UTF-16 with a byte-order mark), or exceeds a reading limit",
                           isConfigurable: false)
        case .doctype:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "the file has a DOCTYPE declaration; DTDs and entities are refused before anything is read",
                           isConfigurable: false)
        case .schema:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "the file does not conform to the XML Schema (element names, order, types, enumerations, unique ids, source references)",
                           isConfigurable: false)
        case .dateOrder:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "a release-type status or a condition's `since` before the detention's `arrested`; a condition's `until` before its `since`",
                           isConfigurable: true)
        case .futureDate:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "a date after the list's `asOf` (a condition's `until` excepted)", isConfigurable: true)
        case .rearrestWithoutRelease:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "a `rearrested` status with no earlier `released`, `unconfirmed` or `exiled` status",
                           isConfigurable: true)
        case .committedCount:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "`agreement/@committed` differs from the number of prisoners with `list=\"agreed\"`",
                           isConfigurable: true)
        case .duplicatePerson:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "two prisoners whose names are equal ignoring case, accents and spacing, with the same `born` (or both without)",
                           isConfigurable: true)
        case .markingDowngrade:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "inside an item, an explicit `marking` lower than its parent's effective marking (it has no effect)",
                           isConfigurable: true)
        case .unusedSource:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "a source that nothing refers to", isConfigurable: true)
        case .conditionWhileDetained:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "a condition or warning on a person whose latest status is `detained`", isConfigurable: true)
        case .sourceConflict:
            RuleDescriptor(id: id, defaultSeverity: .note,
                           summary: "the latest claims of two sources about one person cannot both be true: of one date in different classes, alive after a death, or in custody (or unconfirmed) after a release with no re-arrest claimed in between",
                           isConfigurable: true)
        case .manifestPath:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "a manifest's `list` or `previous` path is absolute, leaves the brief's folder, goes through a symbolic link, or names no readable file",
                           isConfigurable: false)
        case .authoredReference:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "a citation or live value of a manifest's authored section names a source, person, count or date that the list (or the manifest) does not have",
                           isConfigurable: false)
        case .symlink:
            RuleDescriptor(id: id, defaultSeverity: .note,
                           summary: "a symbolic link below a folder `validate` walks, not followed (`--follow-symlinks` follows links to files inside the folder)",
                           isConfigurable: true)
        }
    }
}

/// A change of rule severities from the command line (`--rule ID=off|note|warning|error`).
public struct RuleSettings: Sendable, Equatable {
    /// nil means off.
    public private(set) var overrides: [RuleID: Severity?] = [:]

    public init() {}

    /// Why a `--rule` setting was refused.
    public enum SettingError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case unknownRule(String)
        case notConfigurable(RuleID)
        case unknownLevel(String)

        public var description: String {
            switch self {
            case .malformed(let text): "'\(text)' is not ID=off|note|warning|error"
            case .unknownRule(let id): "unknown rule '\(id)' (known: \(RuleCatalog.all.map(\.id.rawValue).joined(separator: ", ")))"
            case .notConfigurable(let id): "'\(id.rawValue)' reports input that cannot be read safely; its severity cannot be changed"
            case .unknownLevel(let level): "unknown level '\(level)' (use off, note, warning or error)"
            }
        }
    }

    /// Applies one `ID=LEVEL` setting.
    public mutating func apply(_ setting: String) throws(SettingError) {
        let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw .malformed(setting) }
        guard let id = RuleID(rawValue: parts[0]) else { throw .unknownRule(parts[0]) }
        let rule = RuleCatalog.descriptor(id)
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
    public func severity(for rule: RuleID, default defaultSeverity: Severity) -> Severity? {
        if let override = overrides[rule] { return override }
        return defaultSeverity
    }
}
