/// A kind of diagnostic: its stable id, default severity and what it means.
public struct RuleDescriptor: Sendable, Hashable {
    public var id: RuleID
    public var defaultSeverity: Severity
    /// One line: what the rule flags.
    public var summary: String
    /// Whether `--rule ID=...` may change its severity (reading problems cannot be turned off).
    public var isConfigurable: Bool
    /// A few words, capitalized, for a rule list (SARIF's `shortDescription`): "Release dated before arrest".
    public var title: String
    /// Why the rule exists and how to fix what it flags, in short: the **Why** and **Fix** of the rule's section
    /// in docs/rules.md, which a build cannot read, so the two are kept in step by hand (`ConformanceTests` checks that
    /// each rule's section exists). The full text is that section.
    public var why: String
    public var fix: String

    /// Where the rule's full text is: its section of docs/rules.md.
    public var documentationURI: String { BriefVersion.informationURI + "/blob/main/docs/rules.md#" + id.rawValue }

    /// The help as plain text: what the rule flags, why, how to fix it, and where the full text is.
    public var helpText: String {
        "\(sentence). \(why) Fix: \(fix) Full text: \(documentationURI)"
    }

    /// The summary as a sentence's start: capitalized.
    var sentence: String { summary.prefix(1).uppercased() + summary.dropFirst() }

    /// The same help in Markdown (GitHub code scanning shows it in a rule's panel).
    public var helpMarkdown: String {
        "**What it flags.** \(sentence).\n\n**Why.** \(why)\n\n**Fix.** \(fix)\n\n"
            + "The full text is in [docs/rules.md](\(documentationURI))."
    }
}

/// Every diagnostic id `brief` emits, in the order of docs/rules.md.
public enum RuleCatalog {
    public static let xml = descriptor(.xml)
    public static let doctype = descriptor(.doctype)
    public static let schema = descriptor(.schema)

    /// The semantic rules of the format (docs/format.md), and brief's own manifest rule.
    public static let semantic: [RuleDescriptor] = all.filter { ![RuleID.xml, .doctype, .schema, .symlink, .unreadable, .suppression, .spreadsheet].contains($0.id) }

    /// All descriptors, reading problems first (`RuleID` order).
    public static let all: [RuleDescriptor] = RuleID.allCases.map(descriptor)

    /// The descriptor of `id`: its default severity and what it flags.
    public static func descriptor(_ id: RuleID) -> RuleDescriptor {
        switch id {
        case .xml:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "the file is not well-formed XML 1.0 in UTF-8 (or UTF-16 with a byte-order mark), or exceeds a reading limit",
                           isConfigurable: false,
                           title: "Not well-formed XML",
                           why: "Nothing can be checked in a file that cannot be read; lists are untrusted, so the reading limits protect the machine that reads them.",
                           fix: "Correct the XML where the reader stopped (an unclosed element, a stray `&` or `<`, a wrong encoding), or split a file over a limit.")
        case .doctype:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "the file has a DOCTYPE declaration; DTDs and entities are refused before anything is read",
                           isConfigurable: false,
                           title: "DOCTYPE declaration",
                           why: "DTDs bring entities (billion laughs, quadratic blow-up) and external fetches, so a document with one is refused before anything is read.",
                           fix: "Remove the DOCTYPE declaration; the format needs none.")
        case .schema:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "the file does not conform to the XML Schema (element names, order, types, enumerations, unique ids, source references)",
                           isConfigurable: false,
                           title: "Not valid against the schema",
                           why: "The schema is the structural part of the format; the other rules run on a typed model, which exists only for a valid document.",
                           fix: "Change the element or attribute the message names to what the schema allows (docs/format.md).")
        case .dateOrder:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "a release-type status or a condition's `since` before the detention's `arrested`; a condition's `until` before its `since`",
                           isConfigurable: true,
                           title: "Date before the arrest, or end before start",
                           why: "A person cannot be released before being arrested, or be under a condition before it, and a condition cannot end before it starts: such dates are typing mistakes that corrupt every timeline of the briefing.",
                           fix: "Correct the status date, the condition's `since` or `until`, or the detention's `arrested`.")
        case .futureDate:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "a date after the list's `asOf` (a condition's `until` excepted)", isConfigurable: true,
                           title: "Date after the list's asOf",
                           why: "A list's facts are current to its `asOf`; a later date is a typing mistake, or a claim about the future.",
                           fix: "Correct the date, or the list's `asOf` if the facts are newer.")
        case .rearrestWithoutRelease:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "a `rearrested` status with no earlier `released`, `unconfirmed` or `exiled` status",
                           isConfigurable: true,
                           title: "Re-arrest with no release before it",
                           why: "\"Re-arrested\" means released and arrested again; without a release before it, the claim is probably `detained`, or a release is missing from the list.",
                           fix: "Add the release (released, unconfirmed or exiled) it follows, or use `detained`.")
        case .committedCount:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "`agreement/@committed` differs from the number of prisoners with `list=\"agreed\"`",
                           isConfigurable: true,
                           title: "Committed number differs from the agreed list",
                           why: "The promised number and the agreed list should describe the same people; a difference means the list is incomplete or the number is wrong, and either changes the briefing's story.",
                           fix: "Add the missing agreed prisoners or correct `committed`; or, if the list follows only some of the people the agreement covers, mark it `coverage=\"partial\"`.")
        case .duplicatePerson:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "two prisoners whose names are equal ignoring case, accents and spacing, with the same `born` (or both without)",
                           isConfigurable: true,
                           title: "Same person entered twice",
                           why: "The same person entered twice (often by two submitters, with and without accents) would be counted twice in every figure.",
                           fix: "Merge the two records, or add what tells them apart (`born`, an alias).")
        case .markingDowngrade:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "inside an item, an explicit `marking` lower than its parent's effective marking (it has no effect)",
                           isConfigurable: true,
                           title: "Marking lower than its record",
                           why: "Inside a record a marking can only restrict further, so a lower one has no effect; whoever wrote it probably expected a part of a restricted record to be shown, and it will not be.",
                           fix: "Remove the marking, or lower the record's marking if the part may really be shown.")
        case .unusedSource:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "a source that nothing refers to", isConfigurable: true,
                           title: "Source nothing cites",
                           why: "A source nothing cites is either a forgotten citation or noise in the briefing's sources section.",
                           fix: "Cite it, or remove it from `<sources>`.")
        case .conditionWhileDetained:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "a condition or warning on a person whose latest status is `detained`", isConfigurable: true,
                           title: "Condition on a detained person",
                           why: "Conditions of release, and warnings given to a released person, make no sense for someone whose latest known status is detention: either a release is missing, or the condition belongs to someone else.",
                           fix: "Add the release the condition follows, or move the condition to the right person.")
        case .sourceConflict:
            RuleDescriptor(id: id, defaultSeverity: .note,
                           summary: "the latest claims of two sources about one person cannot both be true: of one date in different classes, alive after a death, or in custody (or unconfirmed) after a release with no re-arrest claimed in between",
                           isConfigurable: true,
                           title: "Sources disagree",
                           why: "Two sources whose views of a person cannot both be true; the briefing shows every claim, attributed, and the note makes the disagreement visible while the list is being prepared.",
                           fix: "Nothing, if both claims stand (briefings show both); resolve it if one source is wrong.")
        case .manifestPath:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "a manifest's `list` or `previous` path is absolute, leaves the brief's folder, goes through a symbolic link, or names no readable file",
                           isConfigurable: false,
                           title: "Manifest path refused",
                           why: "A manifest is as untrusted as a list: `../../etc/passwd` or an absolute path must never be read.",
                           fix: "Name a file inside the brief's folder by a relative path, with no symbolic link on the way.")
        case .authoredReference:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "a citation or live value of a manifest's authored section names a source, person, count or date that the list (or the manifest) does not have",
                           isConfigurable: false,
                           title: "Authored value names nothing in the list",
                           why: "A live value that names nothing would print nothing, or the wrong thing, in a memo a Member reads; a typo in a source id must stop the build, not vanish from the prose.",
                           fix: "Use an id of the list's `<sources>` or `<prisoner>`s, add the count to the list, or write the value out.")
        case .symlink:
            RuleDescriptor(id: id, defaultSeverity: .note,
                           summary: "a symbolic link below a folder `validate` walks, not followed (`--follow-symlinks` follows links to files inside the folder)",
                           isConfigurable: true,
                           title: "Symbolic link not followed",
                           why: "A link may lead to a token file or `/etc/passwd`, whose first line would be quoted in a snippet; a skipped file is never silence, so that a list kept as a link is not taken for a checked one.",
                           fix: "Copy the file into the folder, or name it on the command line (or pass `--follow-symlinks`).")
        case .unreadable:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "a path that cannot be read: missing, unreadable, a device, pipe or folder where a file is expected, or a symbolic link that leads nowhere or out of the folder walked",
                           isConfigurable: false,
                           title: "File cannot be read",
                           why: "A list that cannot be read is not a checked list; the run reports it on that path and goes on with every other file, so one bad path never hides the rest.",
                           fix: "Commit a readable regular file at the path, fix or remove the link, or leave the path out with `--exclude`.")
        case .suppression:
            RuleDescriptor(id: id, defaultSeverity: .warning,
                           summary: "an inline suppression (`<?brief-ignore RULE?>`) that names an unknown rule or one that cannot be silenced, stands before no element, or silences nothing",
                           isConfigurable: true,
                           title: "Suppression that does nothing",
                           why: "A suppression outlives the finding it silenced; left behind, it would silence the next, unrelated finding of that rule on the element.",
                           fix: "Remove the suppression, or correct the rule id it names.")
        case .spreadsheet:
            RuleDescriptor(id: id, defaultSeverity: .error,
                           summary: "a spreadsheet given to `brief import` has a cell or sheet that cannot be read as part of a list: a formula, a merged cell, a wrong value, a missing column, or a reading limit",
                           isConfigurable: false,
                           title: "Spreadsheet cell refused",
                           why: "A spreadsheet is as untrusted as a list: nothing in a cell is evaluated, and a value that is not what its column holds would silently change what the list says.",
                           fix: "Correct the cell the message names (docs/spreadsheets.md lists each sheet's columns), or type the value in place of its formula.")
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
