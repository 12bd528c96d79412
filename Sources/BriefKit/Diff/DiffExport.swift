// Diff: two editions compared as records keyed by id, and the canonical text of a list that `git diff` compares.
// It reads no file (sides come from `BriefInputs`) and renders through the document IR (`DiffBriefing`).

/// `brief diff --format json` (docs/diff.md): version 1, sorted keys; every change names its `kind` and `id`.
public struct DiffExport: Encodable, Sendable {
    public var format = "brief-diff"
    public var version = 1
    public var audience: String
    public var old: Side
    public var new: Side
    public var summary: Summary
    public var changes: [ListDiff.Change]

    public struct Side: Encodable, Sendable {
        public var id: String
        public var revision: Int
        public var asOf: Day
        /// What the edition withholds of this revision: the diff cannot show changes there.
        public var withheld: Withheld

        init(_ edition: Edition) {
            id = edition.list.id
            revision = edition.list.revision
            asOf = edition.list.asOf
            withheld = Withheld(records: edition.withheldRecords,
                                partlyWithheldRecords: Set(edition.withheldNames).union(edition.partlyWithheld).count,
                                sources: edition.withheldSources, counts: edition.withheldCounts, agreement: edition.agreementWithheld)
        }
    }

    /// Counts, never content.
    public struct Withheld: Encodable, Sendable {
        public var records: Int
        public var partlyWithheldRecords: Int
        public var sources: Int
        public var counts: Int
        public var agreement: Bool
    }

    public struct Summary: Encodable, Sendable {
        public var changes: Int
        public var happened: Int
        public var learned: Int
    }

    public init(diff: ListDiff) {
        audience = diff.new.audience.name
        old = Side(diff.old)
        new = Side(diff.new)
        summary = Summary(changes: diff.changes.count, happened: diff.changes.count { $0.timing == .happened },
                          learned: diff.changes.count { $0.timing == .learned })
        changes = diff.changes
    }
}
