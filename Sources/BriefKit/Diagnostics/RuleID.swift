/// The stable id of a kind of diagnostic: what `[brackets]` show, what `--rule ID=level` names, what docs/rules.md
/// lists. Every id `brief` emits is a case; the raw value is the id as printed.
public enum RuleID: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    // Reading problems (not configurable).
    case xml
    case doctype
    case schema
    // The semantic rules of the format (docs/format.md), in the order of docs/rules.md.
    case dateOrder = "date-order"
    case futureDate = "future-date"
    case rearrestWithoutRelease = "rearrest-without-release"
    case committedCount = "committed-count"
    case duplicatePerson = "duplicate-person"
    case markingDowngrade = "marking-downgrade"
    case unusedSource = "unused-source"
    case conditionWhileDetained = "condition-while-detained"
    case sourceConflict = "source-conflict"
    // brief's own manifest rule.
    case manifestPath = "manifest-path"
    /// A live value or citation of an authored section that names nothing in the list.
    case authoredReference = "authored-reference"
    // A symbolic link a folder walk did not follow.
    case symlink
    /// A path that cannot be read: missing, a device or a folder, a dangling link or one that leads out.
    case unreadable
    /// An inline suppression that names an unknown rule, or silences nothing.
    case suppression
    /// A spreadsheet cell or sheet `brief import` cannot read as part of a list (a formula, a wrong value, a limit).
    case spreadsheet

    /// The id as printed: `date-order`.
    public var description: String { rawValue }
}
