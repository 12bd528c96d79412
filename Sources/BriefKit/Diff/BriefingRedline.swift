/// Two briefings compared: what the memo told Members last time and what it tells them now, as a redline.
///
/// Both briefs are composed by `Briefing.make` for one audience, so neither side holds anything above it, and the two
/// documents are compared on the document model (`RedlineComposer`). The redline is the newer briefing with the
/// older one's differences marked, after a summary of what changed; `changes` lists every change for JSON.
public struct BriefingRedline: Sendable {
    /// The whole redline: the summary, then every section of the newer briefing with its changes marked.
    public var document: BriefDocument
    public var changes: [RedlineChange]
    public var figureMoves: [FigureMove]
    public var old: Side
    public var new: Side

    /// Whether the two briefings read the same (the same brief re-indented or re-ordered does).
    public var isEmpty: Bool { changes.isEmpty }

    /// One side of the comparison.
    public struct Side: Sendable, Encodable {
        public var id: String
        public var title: String
        public var date: Day
    }

    /// A key figure's value in the list's own tally, old → new ("Released (out): 39 → 53").
    public struct FigureMove: Sendable, Hashable, Encodable {
        public var label: String
        public var old: String
        public var new: String
        public var marking: Marking

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(label, forKey: .label)
            try container.encode(old, forKey: .old)
            try container.encode(new, forKey: .new)
            try container.encode(marking.name, forKey: .marking)
        }

        enum CodingKeys: String, CodingKey { case label, old, new, marking }
    }

    /// Composes both briefs for `audience` (nil: the newer brief's, the older one's, or public) and compares them.
    /// Each side keeps its own memo date: a build date would hide a change of the memo's.
    public static func make(old: BriefInputs, new: BriefInputs, audience: Marking?) throws(Briefing.Refusal) -> BriefingRedline {
        let audience = audience ?? new.briefManifest?.audience ?? old.briefManifest?.audience ?? .public
        let before = try Briefing.make(inputs: old, audience: audience, date: nil).document
        let after = try Briefing.make(inputs: new, audience: audience, date: nil).document
        return compare(before, after, oldID: old.briefManifest?.id ?? old.prisonerList?.id ?? "",
                       newID: new.briefManifest?.id ?? new.prisonerList?.id ?? "")
    }

    /// The redline of two composed briefings of one audience.
    public static func compare(_ before: BriefDocument, _ after: BriefDocument, oldID: String = "", newID: String = "") -> BriefingRedline {
        var composer = RedlineComposer(old: before, new: after)
        let compared = composer.sections()
        let changes = composer.changes
        let moves = figureMoves(before, after)
        let oldSide = Side(id: oldID, title: before.title, date: before.metadata.date)
        let newSide = Side(id: newID, title: after.title, date: after.metadata.date)
        var sections = [summary(changes: changes, moves: moves, old: oldSide, new: newSide, audience: after.audience)]
        if !changes.isEmpty { sections += compared }
        sections.append(provenance(before, after))
        var metadata = after.metadata
        metadata.title = "Redline: " + after.title
        metadata.subject = "Changes to the briefing since \(before.metadata.date.prose)"
        metadata.keywords = after.metadata.keywords + ["redline"]
        // Bannered with its audience, as every diff is: it speaks for the edition both sides were cut to.
        let document = BriefDocument(title: "Redline: " + after.title, audience: after.audience, banner: after.audience,
                                     showsPortionMarks: after.showsPortionMarks, metadata: metadata, style: after.style, sections: sections)
        return BriefingRedline(document: document, changes: changes, figureMoves: moves, old: oldSide, new: newSide)
    }

    /// The list's own tally of each key figure that moved.
    static func figureMoves(_ before: BriefDocument, _ after: BriefDocument) -> [FigureMove] {
        func tallies(_ document: BriefDocument) -> [(label: String, value: String, marking: Marking)] {
            document.sections.filter { $0.kind == .figures }.flatMap(\.blocks).flatMap { block -> [(label: String, value: String, marking: Marking)] in
                guard case .table(let table) = block, table.kind == .figures else { return [] }
                return table.rows.compactMap { row in
                    row.cells.count > 1 ? (row.cells[0].plainText, row.cells[1].plainText, row.marking) : nil
                }
            }
        }
        let old = Dictionary(tallies(before).map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
        return tallies(after).compactMap { figure in
            guard let was = old[figure.label], was.value != figure.value else { return nil }
            return FigureMove(label: figure.label, old: was.value, new: figure.value, marking: [was.marking, figure.marking].highest)
        }
    }

    // MARK: The summary and the provenance

    static func summary(changes: [RedlineChange], moves: [FigureMove], old: Side, new: Side, audience: Marking) -> Section {
        var blocks: [Block] = [
            .paragraph(Paragraph(marking: .public, content: [
                .text("This redline compares the \(audience.name) edition of the briefing of "), .date(old.date),
                .text(" with that of "), .date(new.date),
                .text(". What the newer briefing adds is marked as inserted, what it no longer says as deleted: underlined and struck through in HTML and PDF, tracked changes in Word, {+inserted+} and [-deleted-] in text."),
            ])),
        ]
        guard !changes.isEmpty else {
            blocks.append(.paragraph(Paragraph(marking: .public, content: [.strong("No change: "), .text("the two briefings read the same.")])))
            return Section(kind: .summary, heading: "What changed", anchor: "redline-summary", blocks: blocks)
        }
        // The counts are as restricted as the most restricted change they count.
        let marking = changes.map(\.marking).highest
        func phrase(_ changes: [RedlineChange], _ kinds: Set<RedlineChange.Kind>, _ noun: String, _ plural: String) -> String? {
            let counts = RedlineExport.Counts(changes, kinds)
            let parts = [(counts.changed, "changed"), (counts.added, "added"), (counts.removed, "removed")].filter { $0.0 > 0 }
            guard !parts.isEmpty else { return nil }
            return (counts.total == 1 ? "1 \(noun)" : "\(counts.total) \(plural)") + ": " + Prose.series(parts.map { "\($0.0) \($0.1)" })
        }
        let prose = changes.filter(\.isProse)
        let lines = [
            phrase(prose, RedlineChange.Kind.paragraphs, "paragraph of prose", "paragraphs of prose"),
            phrase(changes, [.figure], "key figure", "key figures"),
            phrase(changes, [.person], "person's record in the prisoners table", "people's records in the prisoners table"),
            phrase(changes.filter { !$0.isProse }, RedlineChange.Kind.otherEntries.union(RedlineChange.Kind.paragraphs),
                   "other entry", "other entries (facts, rows, notes, people's stories, changes since the previous briefing)"),
        ].compactMap { $0 }
        blocks.append(.bullets(BulletList(items: lines.map { Paragraph(marking: marking, content: [.text($0)]) })))
        // Where to look: each section with changes, in order, with how many.
        var sections: [(heading: String, count: Int)] = []
        for change in changes {
            if sections.last?.heading == change.section { sections[sections.count - 1].count += 1 } else { sections.append((change.section, 1)) }
        }
        blocks.append(.paragraph(Paragraph(marking: marking, content: [
            .strong("Sections with changes: "), .text(Prose.series(sections.map { "\($0.heading) (\($0.count))" }) + "."),
        ])))
        if !moves.isEmpty {
            blocks.append(.paragraph(Paragraph(marking: .public, content: [.strong("Key figures that moved (the list's own tally):")])))
            blocks.append(.bullets(BulletList(items: moves.map { move in
                Paragraph(marking: move.marking, content: [.text("\(move.label): \(move.old) → \(move.new)")])
            })))
        }
        return Section(kind: .summary, heading: "What changed", anchor: "redline-summary", blocks: blocks)
    }

    /// Each side's provenance (its files and their hashes), not compared: a re-indented file has another hash.
    static func provenance(_ before: BriefDocument, _ after: BriefDocument) -> Section {
        func blocks(_ document: BriefDocument) -> [Block] {
            document.sections.filter { $0.kind == .provenance }.flatMap(\.blocks)
        }
        return Section(kind: .provenance, heading: "Provenance of the two briefings", blocks:
            [.heading(Heading(text: "Older briefing (\(before.metadata.date.prose))", marking: nil))] + blocks(before)
            + [.heading(Heading(text: "Newer briefing (\(after.metadata.date.prose))", marking: nil))] + blocks(after))
    }

    // MARK: Changes only

    /// The redline cut to what changed: the summary, and in each section only the blocks, rows and items that carry
    /// a change (for a terminal or a pull request; `document` is the whole briefing).
    public var changesOnly: BriefDocument {
        var document = self.document
        document.sections = document.sections.compactMap { section in
            guard section.anchor != "redline-summary" else { return section }
            guard section.kind != .provenance else { return nil }
            var section = section
            section.blocks = Self.changedParts(section.blocks)
            return section.blocks.isEmpty ? nil : section
        }
        return document
    }

    /// The changed parts of blocks, each under the subheadings it stands under (a person's name, say).
    static func changedParts(_ blocks: [Block]) -> [Block] {
        var result: [Block] = []
        var headings: [Heading] = []
        for block in blocks {
            if case .heading(let heading) = block, heading.revisedText?.hasRevisions != true {
                headings.removeAll { $0.level >= heading.level }
                headings.append(heading)
                continue
            }
            if case .heading(let heading) = block {
                headings.removeAll { $0.level >= heading.level }
                result += headings.map(Block.heading) + [block]
                headings = []
                continue
            }
            guard let changed = changedPart(block) else { continue }
            result += headings.map(Block.heading)
            headings = []
            result.append(changed)
        }
        return result
    }

    static func changedPart(_ block: Block) -> Block? {
        switch block {
        case .paragraph(let p): return p.content.hasRevisions ? block : nil
        case .bullets(var list):
            list.items = list.items.filter(\.content.hasRevisions)
            return list.items.isEmpty ? nil : .bullets(list)
        case .facts(var facts):
            facts.rows = facts.rows.filter(\.value.hasRevisions)
            return facts.rows.isEmpty ? nil : .facts(facts)
        case .table(var table):
            table.rows = table.rows.filter { $0.cells.contains(where: \.hasRevisions) }
            return table.rows.isEmpty ? nil : .table(table)
        case .notes(let notes):
            let changed = notes.filter { $0.revision != nil || $0.revisedText?.hasRevisions == true }
            return changed.isEmpty ? nil : .notes(changed)
        case .chart, .heading: return nil
        }
    }

    /// The changes as `brief diff --format json` writes them for briefs (schemas/redline.schema.json).
    public var export: RedlineExport { RedlineExport(redline: self) }
}

/// One change of a redline: where it is, what it is, and its two sides' plain text.
public struct RedlineChange: Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Hashable, Encodable {
        /// A section only one side has, or a section's heading.
        case section, heading
        /// A paragraph or a list item.
        case paragraph
        /// A row of a fact table (a person's facts, the memo header), a key figure, a person in the prisoners table.
        case fact, figure, person
        /// A row of another table (conflicts, watch list, changes).
        case row
        case chart, note

        /// What the summary counts as paragraphs: prose, headings, charts' descriptions, whole sections.
        static let paragraphs: Set<Kind> = [.paragraph, .heading, .chart, .section]
        /// What it counts as other entries.
        static let otherEntries: Set<Kind> = [.fact, .row, .note]
    }

    public enum Change: String, Sendable, Hashable, Encodable {
        case added, removed, changed
    }

    /// The section's heading, and its kind (`authored` for the staff's own).
    public var section: String
    public var sectionKind: String

    /// Whether the change is to the memo's prose: not to a person's story, nor to the changes since the previous
    /// briefing, which the people and figure counts already tell.
    public var isProse: Bool {
        Kind.paragraphs.contains(kind) && ![Section.Kind.people, .changes, .changeLog, .caseSheet].map(\.rawValue).contains(sectionKind)
    }
    public var kind: Kind
    public var change: Change
    /// What names the entry: a person's ID, a figure's or fact's label, a note's number.
    public var key: String?
    public var old: String?
    public var new: String?
    public var marking: Marking

    enum CodingKeys: String, CodingKey { case section, sectionKind, kind, change, key, old, new, marking }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(section, forKey: .section)
        try container.encode(sectionKind, forKey: .sectionKind)
        try container.encode(kind, forKey: .kind)
        try container.encode(change, forKey: .change)
        try container.encodeIfPresent(key, forKey: .key)
        try container.encodeIfPresent(old, forKey: .old)
        try container.encodeIfPresent(new, forKey: .new)
        try container.encode(marking.name, forKey: .marking)
    }
}

/// `brief diff --format json` of two briefs (docs/diff.md, schemas/redline.schema.json).
public struct RedlineExport: Encodable, Sendable {
    public var format = "brief-redline"
    public var version = 1
    public var audience: String
    public var banner: String
    public var old: BriefingRedline.Side
    public var new: BriefingRedline.Side
    public var summary: Summary
    public var changes: [RedlineChange]

    public struct Summary: Encodable, Sendable {
        public var changes: Int
        public var paragraphs: Counts
        public var figures: Counts
        public var people: Counts
        public var figureMoves: [BriefingRedline.FigureMove]
    }

    public struct Counts: Encodable, Sendable {
        public var changed: Int
        public var added: Int
        public var removed: Int

        var total: Int { changed + added + removed }

        /// The changes of `kinds` among `changes`, by what they did.
        init(_ changes: [RedlineChange], _ kinds: Set<RedlineChange.Kind>) {
            let of = changes.filter { kinds.contains($0.kind) }
            changed = of.count { $0.change == .changed }
            added = of.count { $0.change == .added }
            removed = of.count { $0.change == .removed }
        }
    }

    init(redline: BriefingRedline) {
        audience = redline.document.audience.name
        banner = redline.document.banner.name
        old = redline.old
        new = redline.new
        summary = Summary(changes: redline.changes.count, paragraphs: Counts(redline.changes.filter(\.isProse), RedlineChange.Kind.paragraphs),
                          figures: Counts(redline.changes, [.figure]), people: Counts(redline.changes, [.person]), figureMoves: redline.figureMoves)
        changes = redline.changes
    }
}
