/// Composes the document IR of a diff: for `brief diff` and for a briefing's "changes" section.
///
/// The summary tells the changes by what they mean to a reader (released, re-arrested, newly warned, disputes
/// opened and resolved, corrections, people added and removed), naming each person as the edition shows them; the
/// full table of changes by record is an appendix.
public struct DiffComposer: Sendable {
    public let diff: ListDiff
    /// How many lines a category of the summary lists before it says how many more there are (all of them are in
    /// the appendix): a memo is read, and fifty names in one list are not.
    public var itemLimit: Int

    public init(diff: ListDiff, itemLimit: Int = 15) {
        self.diff = diff
        self.itemLimit = itemLimit
    }

    /// How a row of the changes table shows a change of `kind`.
    static func effect(_ kind: ListDiff.Change.Kind) -> DataTable.Effect {
        switch kind.effect {
        case .addition: .addition
        case .removal: .removal
        case .modification: .modification
        }
    }

    // MARK: - The summary

    /// What a change means to a reader: the summary's categories, in the order it tells them.
    enum Meaning: CaseIterable {
        case released, rearrested, warned, disputeOpened, disputeResolved, otherStatus, corrected, added, removed
    }

    /// One line of the summary.
    struct Item {
        var meaning: Meaning
        /// The person (or source) the line is about.
        var id: String
        var content: [Inline]
        /// What the line shows: what it is derived from, and the name when shown.
        var marking: Marking
        /// What the line is derived from, without the name: what the category's count is derived from.
        var derivedMarking: Marking
    }

    /// The blocks of the summary: an opening paragraph, then for each meaning that has lines a sentence saying how
    /// many, and the lines (at most `itemLimit`).
    public func summaryBlocks() -> [Block] {
        var blocks: [Block] = [.paragraph(opening())]
        let items = items()
        for meaning in Meaning.allCases {
            let lines = items.filter { $0.meaning == meaning }
            guard !lines.isEmpty else { continue }
            // How many there are is derived from every change that could have been one, and from everything compared
            // that did not change: the same as "no change" would be.
            let headerMarking = max(diff.comparedMarking, lines.map(\.derivedMarking).highest)
            let people = Set(lines.map(\.id)).count
            blocks.append(.paragraph(Paragraph(marking: headerMarking, content: [.text(header(meaning, people: people, lines: lines.count))])))
            var shown = lines.prefix(itemLimit).map { Paragraph(marking: $0.marking, content: $0.content) }
            if lines.count > itemLimit {
                let more = lines.count - itemLimit
                let rest = meaning == .disputeOpened || meaning == .disputeResolved ? "" : " (the appendix lists every change)"
                shown.append(Paragraph(marking: headerMarking, content: [.text("and \(more) more\(rest)")]))
            }
            blocks.append(.bullets(BulletList(items: shown)))
        }
        return blocks
    }

    /// From revision N to M: how many changes, how many happened and how many were newly learned.
    func opening() -> Paragraph {
        let changes = diff.changes
        let old = diff.old.list, new = diff.new.list
        var content: [Inline] = [.text("From revision \(old.revision) (facts as of "), .date(old.asOf), .text(") to revision \(new.revision) (as of "),
                                 .date(new.asOf), .text("): ")]
        if changes.isEmpty {
            content.append(.text("no change."))
        } else {
            let happened = changes.count { $0.timing == .happened }
            let learned = changes.count { $0.timing == .learned }
            content += [.text("\(Prose.count(changes.count, "change")); \(happened) happened since "), .date(old.asOf),
                        .text(", \(learned) newly learned about earlier events. The appendix lists every change by record.")]
        }
        // The counts are derived from every change, and from everything compared that did not change ("no change"
        // says something of every record).
        return Paragraph(marking: max(changes.map(\.marking).highest, diff.comparedMarking), content: content)
    }

    /// The sentence that opens a category: "3 people were released since the last briefing:".
    func header(_ meaning: Meaning, people: Int, lines: Int) -> String {
        let who = Prose.count(people, "person", "people")
        let was = people == 1 ? "was" : "were"
        let has = people == 1 ? "is" : "are"
        return switch meaning {
        case .released: "\(who) \(was) released since the last briefing:"
        case .rearrested: "\(who) \(was) re-arrested since the last briefing:"
        // A person warned twice has two lines: the sentence counts both.
        case .warned: "\(who) \(was) newly warned" + (lines == people ? ":" : " (\(Prose.count(lines, "warning"))):")
        case .disputeOpened: "Sources now disagree about \(who):"
        case .disputeResolved: "Sources now agree about \(who) they disagreed on:"
        case .otherStatus: "The status of \(who) changed otherwise:"
        case .corrected: "\(Prose.count(lines, "earlier fact")) \(lines == 1 ? "was" : "were") corrected or newly learned:"
        case .added: "\(who) \(has) newly on the list:"
        case .removed: "\(who) \(has) no longer on the list:"
        }
    }

    /// Every line of the summary, in the order of the changes (the new list's order), disputes after them.
    func items() -> [Item] {
        var items: [Item] = []
        // A claim that moved the status is told once, as the status it moved to.
        let moves = Set(diff.changes.lazy.filter { $0.kind == .statusChanged }.map { "\($0.id)|\($0.date?.iso ?? "")" })
        for change in diff.changes {
            guard let meaning = Self.meaning(of: change) else { continue }
            if meaning == .corrected, change.kind == .claimAdded, moves.contains("\(change.id)|\(change.date?.iso ?? "")") { continue }
            let subject: [Inline], nameMarking: Marking
            if change.kind.isAboutRecord {
                (subject, nameMarking) = who(change.id)
            } else {
                (subject, nameMarking) = ([.text("source "), .code(change.id)], .public)
            }
            var derived = change.marking
            // A person added is shown with their status, which their status claims decide.
            if change.kind == .recordAdded { derived = max(derived, diff.people[change.id]?.statusMarking ?? .public) }
            items.append(Item(meaning: meaning, id: change.id, content: subject + [.text(": ")] + phrase(change, meaning),
                              marking: max(derived, nameMarking), derivedMarking: derived))
        }
        for dispute in diff.disputes {
            let (subject, nameMarking) = who(dispute.id)
            var content = subject
            if dispute.opened {
                content.append(.text(": "))
                for (index, claim) in dispute.claims.enumerated() {
                    content += [.text((index == 0 ? "one source says " : "; another, ") + Prose.status(claim.value) + " ("), .date(claim.date),
                                .text(")")]
                }
            } else {
                content.append(.text(": sources now agree" + (dispute.status.map { ": " + Prose.status($0) } ?? "")))
            }
            items.append(Item(meaning: dispute.opened ? .disputeOpened : .disputeResolved, id: dispute.id, content: content,
                              marking: max(dispute.marking, nameMarking), derivedMarking: dispute.marking))
        }
        return items
    }

    /// The category a change is told in, if any (the rest are in the appendix only). Something learned about an
    /// earlier date, a withdrawal and a corrected id are corrections; people added and removed are told as such
    /// whatever the dates of their claims.
    static func meaning(of change: ListDiff.Change) -> Meaning? {
        switch change.kind {
        case .recordAdded: return .added
        case .recordRemoved: return .removed
        case .idChanged, .claimWithdrawn, .countWithdrawn: return .corrected
        default: break
        }
        if change.timing == .learned { return .corrected }
        switch change.kind {
        case .statusChanged:
            switch change.after.flatMap(Status.init(rawValue:)) {
            case .released, .exiled, .unconfirmed: return .released
            case .rearrested: return .rearrested
            default: return .otherStatus
            }
        case .warningAdded: return .warned
        default: return nil
        }
    }

    /// A person as a line names them: the name (never a withheld one) and the id; and the name's marking.
    func who(_ id: String) -> (content: [Inline], marking: Marking) {
        guard let subject = diff.people[id] else { return ([.code(id)], .public) }
        let name: Inline = subject.name.map(Inline.strong) ?? .emphasis("name withheld")
        return ([name, .text(" ("), .code(id), .text(")")], subject.nameMarking)
    }

    /// What a line says happened.
    func phrase(_ change: ListDiff.Change, _ meaning: Meaning) -> [Inline] {
        let on: [Inline] = change.date.map { [.text(" on "), .date($0)] } ?? []
        let learned: [Inline] = meaning == .corrected && change.timing == .learned ? [.text("newly learned: ")] : []
        switch change.kind {
        case .statusChanged:
            let now = change.after.flatMap(Status.init(rawValue:)).map(Prose.status) ?? "no status"
            let before = change.before.flatMap(Status.init(rawValue:)).map { " (previously \(Prose.status($0)))" } ?? ""
            return learned + [.text(now)] + on + [.text(before)]
        case .warningAdded:
            return learned + [.text(Self.warningPhrase(change.field))] + on
        case .claimAdded, .claimWithdrawn:
            // "released per usg": the status and the source that claims it.
            let claim = (change.after ?? change.before ?? "").split(separator: " per ", maxSplits: 1).map(String.init)
            let status = claim.first.flatMap(Status.init(rawValue:)).map(Prose.status) ?? claim.first ?? ""
            let source: [Inline] = claim.count > 1 ? [.text(", per "), .code(claim[1])] : []
            let lead: [Inline] = change.kind == .claimWithdrawn ? [.text("report withdrawn: ")] : learned
            return lead + [.text(status)] + on + source
        case .conditionAdded:
            return learned + [.text("under a condition (\(change.field ?? "condition"))")] + (change.date.map { [.text(" since "), .date($0)] } ?? [])
        case .idChanged:
            return [.text("record id corrected from "), .code(change.before ?? ""), .text(" to "), .code(change.after ?? "")]
        case .countAdded:
            return learned + [.text("count of \(change.field ?? "") \(change.after ?? "")")] + on
        case .countChanged:
            return learned + [.text("count of \(change.field ?? "") corrected from \(Self.value(change.before)) to \(Self.value(change.after))")] + on
        case .countWithdrawn:
            return [.text("count of \(change.field ?? "") withdrawn (was \(Self.value(change.before)))")] + on
        case .sourceAdded:
            return learned + [.text("newly cited")] + (change.date.map { [.text(", published "), .date($0)] } ?? [])
        case .recordAdded:
            let status = diff.people[change.id]?.status.map(Prose.status) ?? "no status"
            return [.text(status)] + (change.date.map { [.text(" as of "), .date($0)] } ?? [])
        case .recordRemoved:
            return [.text("no longer on the list")]
        default:
            return learned + [.text(change.kind.label)] + on
        }
    }

    /// A count as the table words it ("224 (2015-01-05)"), without the date: the line gives the date in prose.
    static func value(_ text: String?) -> String {
        guard let text else { return "none" }
        return text.split(separator: " (", maxSplits: 1).first.map(String.init) ?? text
    }

    static func warningPhrase(_ kind: String?) -> String {
        switch kind.flatMap(WarningKind.init(rawValue:)) {
        case .rearrest: "warned of re-arrest"
        case .harassment: "harassed"
        case .other, nil: "warned"
        }
    }

    // MARK: - The appendix

    /// The table of every change by record.
    public func changeTable() -> DataTable {
        let rows = diff.changes.map { change in
            DataTable.Row(cells: [.text(change.kind.label), .inlines([.code(change.id)]), .text(change.field ?? ""),
                                  Self.valueCell(change.before, field: change.field), Self.valueCell(change.after, field: change.field),
                                  .inlines(change.date.map { [.date($0)] } ?? []),
                                  .text(change.timing.map { $0 == .happened ? "happened" : "newly learned" } ?? "")],
                          marking: change.marking, flagged: change.kind == .statusChanged, effect: Self.effect(change.kind))
        }
        return DataTable(kind: .changes, caption: "Changes by record",
                         columns: [.init("Change"), .init("ID"), .init("Field"), .init("Before"), .init("After"), .init("Date"), .init("When")],
                         rows: rows)
    }

    /// A before or after value: a date field's value is a date (prose in prose formats), an id field's is code.
    static func valueCell(_ value: String?, field: String?) -> DataTable.Cell {
        guard let value else { return .text("") }
        switch field {
        case "asOf", "arrested", "published":
            if let day = Day(iso: value) { return .inlines([.date(day)]) }
        case "id":
            return .inlines([.code(value)])
        default:
            break
        }
        return .text(value)
    }

    /// The appendix: the full table of changes, on a page of its own.
    public func changeLog() -> Section {
        Section(kind: .changeLog, heading: "Appendix: changes by record", startsOnNewPage: true, blocks: [.table(changeTable())])
    }

    /// The summary and, when something changed, the appendix: the blocks of a briefing's "changes" section, and the
    /// section the briefing ends with.
    public func briefingParts() -> (summary: [Block], appendix: Section?) {
        (summaryBlocks(), diff.isEmpty ? nil : changeLog())
    }

    /// What a diff compares, said first: the edition both sides are cut to, and what that edition withholds of
    /// each (counts, never content), so that a reader knows what the diff cannot show.
    func editionParagraph() -> Paragraph {
        let audience = diff.new.audience
        let old = diff.old.list, new = diff.new.list
        func side(_ edition: Edition, _ list: PrisonerList) -> String {
            let parts = Prose.withheld(edition)
            return "revision \(list.revision) withholds " + (parts.isEmpty ? "nothing" : Prose.series(parts))
        }
        let text = "\(Prose.capitalized(audience.name)) edition: this diff compares what a \(audience.name) briefing shows of each revision; "
            + side(diff.old, old) + "; " + side(diff.new, new) + "."
        // The counts are derived from every portion of each list, as a briefing's own "withholds" line is.
        return Paragraph(marking: max(diff.old.highestMarking, diff.new.highestMarking), content: [.strong(text)])
    }

    /// A whole document for `brief diff`: which edition, the summary, then the appendix. Its banner is the
    /// audience's: a diff speaks for the edition it was cut to, whatever the changes it happens to show.
    public func document(title: String, date: Day) -> BriefDocument {
        let (summary, appendix) = briefingParts()
        let sections = [Section(kind: .changes, heading: "Changes", blocks: [.paragraph(editionParagraph())] + summary)] + (appendix.map { [$0] } ?? [])
        let banner = diff.new.audience
        let metadata = BriefDocument.Metadata(title: title, subject: "Changes to list \(diff.new.list.id)", keywords: ["oversight", "diff", diff.new.list.id],
                                              date: date, language: "en", generator: "brief \(BriefVersion.current)")
        return BriefDocument(title: title, audience: diff.new.audience, banner: banner, showsPortionMarks: diff.new.audience != .public,
                             metadata: metadata, sections: sections)
    }
}

extension ListDiff {
    /// The diff as a briefing shows it: the summary for the "changes" section, and the appendix of changes by
    /// record (nil when nothing changed) for the end of the briefing.
    public func briefingParts() -> (summary: [Block], appendix: Section?) {
        DiffComposer(diff: self).briefingParts()
    }
}
