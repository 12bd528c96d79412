/// Composes the document IR of a diff: for `brief diff` and for a briefing's "changes" section.
public struct DiffComposer: Sendable {
    public let diff: ListDiff

    public init(diff: ListDiff) {
        self.diff = diff
    }

    /// How a row of the changes table shows a change of `kind`.
    static func effect(_ kind: ListDiff.Change.Kind) -> DataTable.Effect {
        switch kind.effect {
        case .addition: .addition
        case .removal: .removal
        case .modification: .modification
        }
    }

    /// The blocks: a summary paragraph and the table of changes.
    public func blocks() -> [Block] {
        let changes = diff.changes
        let happened = changes.count { $0.timing == .happened }
        let learned = changes.count { $0.timing == .learned }
        let old = diff.old.list, new = diff.new.list
        var summary = "From revision \(old.revision) (facts as of \(old.asOf)) to revision \(new.revision) (as of \(new.asOf)): "
        summary += changes.isEmpty ? "no change." : "\(changes.count) change\(changes.count == 1 ? "" : "s"); \(happened) happened since \(old.asOf), \(learned) newly learned about earlier events."
        // The counts are derived from every change, and from everything compared that did not change ("no change"
        // says something of every record).
        var blocks: [Block] = [.paragraph(Paragraph(marking: max(changes.map(\.marking).highest, diff.comparedMarking), content: [.text(summary)]))]
        let moves = changes.filter { $0.kind == .statusChanged }
        if !moves.isEmpty {
            blocks.append(.bullets(BulletList(items: moves.map { change in
                Paragraph(marking: change.marking, content: [
                    .strong(change.id), .text(": \(change.before ?? "none") → \(change.after ?? "none")"
                        + (change.timing.map { " (\($0 == .happened ? "happened" : "newly learned")\(change.date.map { ", \($0)" } ?? ""))" } ?? "")),
                ])
            })))
        }
        if !changes.isEmpty {
            let rows = changes.map { change in
                DataTable.Row(cells: [change.kind.label, change.id, change.field ?? "", change.before ?? "", change.after ?? "",
                                      change.date?.iso ?? "", change.timing.map { $0 == .happened ? "happened" : "newly learned" } ?? ""],
                              marking: change.marking, flagged: change.kind == .statusChanged, effect: Self.effect(change.kind))
            }
            blocks.append(.table(DataTable(kind: .changes, caption: "Changes by record",
                                           columns: [.init("Change"), .init("ID"), .init("Field"), .init("Before"), .init("After"), .init("Date"), .init("When")],
                                           rows: rows)))
        }
        return blocks
    }

    /// A whole document for `brief diff`.
    public func document(title: String, date: Day) -> BriefDocument {
        let blocks = blocks()
        let banner = blocks.map(\.marking).highest
        let metadata = BriefDocument.Metadata(title: title, subject: "Changes to list \(diff.new.list.id)", keywords: ["oversight", "diff", diff.new.list.id],
                                              date: date, language: "en", generator: "brief \(BriefVersion.current)")
        return BriefDocument(title: title, audience: diff.new.audience, banner: banner, showsPortionMarks: diff.new.audience != .public,
                             metadata: metadata, sections: [Section(kind: .changes, heading: "Changes", blocks: blocks)])
    }
}

extension ListDiff {
    /// The diff as document blocks (see `DiffComposer`).
    public func blocks() -> [Block] { DiffComposer(diff: self).blocks() }
}
