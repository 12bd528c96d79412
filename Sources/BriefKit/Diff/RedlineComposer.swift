/// Compares two briefing documents, composed for one audience, block by block, and writes the newer one with the
/// older one's differences marked: the redline's sections and every change it shows.
///
/// - Sections are matched by their kind, the staff's own by their title (or, renamed, their position); a section
///   only one side has is inserted or deleted whole, where it stood.
/// - Within a section, blocks equal on both sides are kept; the others are paired in order where they are alike (a
///   paragraph with a paragraph sharing most of its words, a table with a table of its kind) and compared inside:
///   paragraphs word by word, tables and fact tables row by row by key (a person's ID, a figure's or fact's label),
///   note lists note by note.
/// - Citations of the older side are renumbered to the redline's notes first (the newer side's numbers, and new
///   numbers after them for notes only the older side printed), so a note added early does not change every
///   citation after it.
/// - Each change is marked as restricted as the more restricted of its two sides; neither side holds anything above
///   the audience, since both were cut to it.
struct RedlineComposer {
    let old: BriefDocument
    let new: BriefDocument
    private(set) var changes: [RedlineChange] = []
    /// The older side's note numbers → the redline's.
    private var noteNumbers: [Int: Int] = [:]
    /// The notes only the older side printed, numbered after the newer side's, and whether a notes list of the
    /// redline lists them yet (once).
    private var deletedNotes: [Note] = []
    private var deletedNotesPlaced = false
    /// The older side's version of notes both print in other words, by the redline's (newer) number.
    private var revisedNotes: [Int: Note] = [:]

    init(old: BriefDocument, new: BriefDocument) {
        self.old = old
        self.new = new
        numberNotes()
    }

    /// Sections compared, in the newer briefing's order, with the older one's own sections where they stood. The
    /// provenance of each side is not compared (the input files' hashes differ whenever a file is re-indented).
    mutating func sections() -> [Section] {
        let oldSections = old.sections.filter { $0.kind != .provenance }.map(renumbered)
        let newSections = new.sections.filter { $0.kind != .provenance }
        let key = Self.sectionKeys(oldSections, newSections)
        let newKeys = Set(newSections.map(key))
        let oldByKey = Dictionary(oldSections.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        // Each older section only it has goes before the next section both have (or at the end).
        var removedBefore: [String: [Section]] = [:]
        var pending: [Section] = []
        for section in oldSections {
            if newKeys.contains(key(section)) {
                removedBefore[key(section), default: []] += pending
                pending = []
            } else {
                pending.append(section)
            }
        }
        var result: [Section] = []
        for section in newSections {
            for removed in removedBefore[key(section)] ?? [] { result.append(whole(removed, .deletion)) }
            if let before = oldByKey[key(section)] {
                result.append(compared(before, section))
            } else {
                result.append(whole(section, .insertion))
            }
        }
        for removed in pending { result.append(whole(removed, .deletion)) }
        return result
    }

    /// What matches a section with its other version: its anchor (its kind), except that a section the staff wrote
    /// is matched by its title when each side has one section of that title, so that a section added before it does
    /// not pair every later one with its neighbour; a section renamed in place is matched by its position.
    static func sectionKeys(_ old: [Section], _ new: [Section]) -> (Section) -> String {
        func titles(_ sections: [Section]) -> [String: Int] {
            var counts: [String: Int] = [:]
            for section in sections where section.kind == .authored { counts[section.heading, default: 0] += 1 }
            return counts
        }
        let (oldTitles, newTitles) = (titles(old), titles(new))
        return { section in
            guard section.kind == .authored, oldTitles[section.heading] == 1, newTitles[section.heading] == 1 else { return "anchor:" + section.anchor }
            return "title:" + section.heading
        }
    }

    // MARK: Notes

    /// Notes are matched by what they say (text, link and marking), then, among the rest, a note with the first
    /// like one (a source whose date or wording changed) in order; the older side's others get numbers after the
    /// newer side's highest.
    private mutating func numberNotes() {
        struct Key: Hashable { var text: String; var href: String?; var marking: Marking }
        var unmatchedNew: [Key: Int] = [:]
        for note in new.notes { unmatchedNew[Key(text: note.text, href: note.href, marking: note.marking)] = note.number }
        var unmatchedOld: [Note] = []
        for note in old.notes {
            if let number = unmatchedNew.removeValue(forKey: Key(text: note.text, href: note.href, marking: note.marking)) {
                noteNumbers[note.number] = number
            } else {
                unmatchedOld.append(note)
            }
        }
        var candidates = new.notes.filter { unmatchedNew.values.contains($0.number) }
        var next = (new.notes.map(\.number).max() ?? 0) + 1
        for note in unmatchedOld {
            if let index = candidates.firstIndex(where: { WordDiff.similarity([.text(note.text)], [.text($0.text)]) >= WordDiff.alike }) {
                noteNumbers[note.number] = candidates[index].number
                revisedNotes[candidates[index].number] = note
                candidates.remove(at: index)
                continue
            }
            noteNumbers[note.number] = next
            var deleted = note
            deleted.number = next
            deleted.revision = .deletion
            deletedNotes.append(deleted)
            next += 1
        }
    }

    private func renumbered(_ section: Section) -> Section {
        guard !noteNumbers.allSatisfy({ $0.key == $0.value }) else { return section }
        var section = section
        section.blocks = section.blocks.map(renumbered)
        return section
    }

    private func renumbered(_ content: [Inline]) -> [Inline] {
        content.map { inline in
            switch inline {
            case .citation(let n): .citation(noteNumbers[n] ?? n)
            case .revision(let revision, let inner): .revision(revision, renumbered(inner))
            default: inline
            }
        }
    }

    private func renumbered(_ block: Block) -> Block {
        switch block {
        case .paragraph(var p):
            p.content = renumbered(p.content)
            return .paragraph(p)
        case .facts(var f):
            f.rows = f.rows.map { row in var row = row; row.value = renumbered(row.value); return row }
            return .facts(f)
        case .table(var t):
            t.rows = t.rows.map { row in
                var row = row
                row.cells = row.cells.map { cell in
                    if case .inlines(let content) = cell { return .inlines(renumbered(content)) }
                    return cell
                }
                return row
            }
            return .table(t)
        case .bullets(var b):
            b.items = b.items.map { item in var item = item; item.content = renumbered(item.content); return item }
            return .bullets(b)
        case .notes(let notes):
            return .notes(notes.map { note in var note = note; note.number = noteNumbers[note.number] ?? note.number; return note })
        case .chart, .heading:
            return block
        }
    }

    // MARK: Sections and blocks

    private mutating func whole(_ section: Section, _ revision: Revision) -> Section {
        record(.section, revision == .insertion ? .added : .removed, in: section, old: revision == .deletion ? section.heading : nil,
               new: revision == .insertion ? section.heading : nil, marking: section.marking)
        var result = section
        result.blocks = section.blocks.flatMap { whole($0, revision, in: section) }
        result.heading = section.heading + (revision == .insertion ? " (new section)" : " (section removed)")
        return result
    }

    private mutating func compared(_ before: Section, _ after: Section) -> Section {
        var result = after
        result.headingMarking = [before.headingMarking, after.headingMarking].compactMap { $0 }.highestOrNil
        if before.heading != after.heading {
            record(.heading, .changed, in: after, old: before.heading, new: after.heading, marking: result.headingMarking ?? .public)
            result.blocks = [.paragraph(Paragraph(marking: result.headingMarking ?? .public,
                                                  content: [.text("Heading: ")] + WordDiff.redline([.text(before.heading)], [.text(after.heading)])))]
        } else {
            result.blocks = []
        }
        result.blocks += compared(before.blocks, after.blocks, in: after)
        return result
    }

    private enum Step {
        case kept(Block), removed(Block), added(Block)
    }

    private mutating func compared(_ before: [Block], _ after: [Block], in section: Section) -> [Block] {
        var steps: [Step] = []
        let difference = after.difference(from: before)
        var removed = Set<Int>(), added = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): added.insert(offset)
            }
        }
        var i = 0, j = 0
        while i < before.count || j < after.count {
            if i < before.count, removed.contains(i) || j >= after.count {
                steps.append(.removed(before[i]))
                i += 1
            } else if j < after.count, added.contains(j) || i >= before.count {
                steps.append(.added(after[j]))
                j += 1
            } else {
                steps.append(.kept(after[j]))
                i += 1
                j += 1
            }
        }
        var result: [Block] = []
        var hunkRemoved: [Block] = [], hunkAdded: [Block] = []
        for step in steps {
            switch step {
            case .removed(let block): hunkRemoved.append(block)
            case .added(let block): hunkAdded.append(block)
            case .kept(let block):
                result += hunk(hunkRemoved, hunkAdded, in: section)
                hunkRemoved = []
                hunkAdded = []
                // A notes list both sides print alike still lists the notes only the older side printed.
                if case .notes(let notes) = block, !deletedNotesPlaced, !deletedNotes.isEmpty {
                    result.append(.notes(noteList(before: notes, after: notes, in: section)))
                } else {
                    result.append(block)
                }
            }
        }
        return result + hunk(hunkRemoved, hunkAdded, in: section)
    }

    /// A stretch of blocks the two sides do not share: pairs of like blocks compared inside, the rest deleted and
    /// inserted where they stand.
    private mutating func hunk(_ removed: [Block], _ added: [Block], in section: Section) -> [Block] {
        guard !removed.isEmpty || !added.isEmpty else { return [] }
        var pairs: [(Int, Int)] = []
        var nextAdded = 0
        for (r, block) in removed.enumerated() {
            // A short look ahead: enough for an inserted paragraph or two, and bounded on a long hunk.
            let window = added.indices.dropFirst(nextAdded).prefix(8)
            if let a = window.first(where: { alike(block, added[$0]) }) {
                pairs.append((r, a))
                nextAdded = a + 1
            }
        }
        var result: [Block] = []
        var r = 0, a = 0
        for (pr, pa) in pairs {
            while r < pr { result += whole(removed[r], .deletion, in: section); r += 1 }
            while a < pa { result += whole(added[a], .insertion, in: section); a += 1 }
            result += compared(removed[pr], added[pa], in: section)
            r = pr + 1
            a = pa + 1
        }
        while r < removed.count { result += whole(removed[r], .deletion, in: section); r += 1 }
        while a < added.count { result += whole(added[a], .insertion, in: section); a += 1 }
        return result
    }

    /// Whether two blocks are versions of one another.
    private func alike(_ before: Block, _ after: Block) -> Bool {
        switch (before, after) {
        case (.paragraph(let a), .paragraph(let b)): WordDiff.similarity(a.content, b.content) >= WordDiff.alike
        case (.bullets, .bullets), (.notes, .notes), (.facts, .facts): true
        case (.table(let a), .table(let b)): a.kind == b.kind
        case (.chart(let a), .chart(let b)): a.id == b.id
        case (.heading(let a), .heading(let b)): a.level == b.level && WordDiff.similarity([.text(a.text)], [.text(b.text)]) >= WordDiff.alike
        default: false
        }
    }

    private mutating func compared(_ before: Block, _ after: Block, in section: Section) -> [Block] {
        switch (before, after) {
        case (.paragraph(let a), .paragraph(let b)):
            return [.paragraph(paragraph(a, b, kind: .paragraph, in: section))]
        case (.bullets(let a), .bullets(let b)):
            return [.bullets(BulletList(items: items(a.items, b.items, in: section), ordered: b.ordered))]
        case (.facts(let a), .facts(let b)):
            return [.facts(facts(a, b, in: section))]
        case (.table(let a), .table(let b)) where a.columns == b.columns:
            return [.table(table(a, b, in: section))]
        case (.notes(let a), .notes(let b)):
            return [.notes(noteList(before: a, after: b, in: section))]
        case (.heading(let a), .heading(let b)):
            let marking = [a.marking ?? .public, b.marking ?? .public].highest
            record(.heading, .changed, in: section, old: a.text, new: b.text, marking: marking)
            return [.heading(Heading(text: b.text, marking: b.marking.map { _ in marking }, level: b.level,
                                     revisedText: WordDiff.redline([.text(a.text)], [.text(b.text)])))]
        case (.chart(let a), .chart(let b)):
            let marking = [a.marking, b.marking].highest
            record(.chart, .changed, in: section, key: b.title, old: a.description, new: b.description, marking: marking)
            return [after, .paragraph(Paragraph(marking: marking, content: [.text("Chart: ")] + WordDiff.redline([.text(a.description)], [.text(b.description)])))]
        default:
            return whole(before, .deletion, in: section) + whole(after, .insertion, in: section)
        }
    }

    private mutating func paragraph(_ a: Paragraph, _ b: Paragraph, kind: RedlineChange.Kind, in section: Section) -> Paragraph {
        let marking = [a.marking, b.marking].highest
        if a.content != b.content {
            record(kind, .changed, in: section, old: a.plainText, new: b.plainText, marking: marking)
        }
        return Paragraph(marking: marking, content: WordDiff.redline(a.content, b.content))
    }

    private mutating func items(_ before: [Paragraph], _ after: [Paragraph], in section: Section) -> [Paragraph] {
        let blocks = compared(before.map(Block.paragraph), after.map(Block.paragraph), in: section)
        return blocks.compactMap { block in
            if case .paragraph(let p) = block { return p }
            return nil
        }
    }

    /// A block only one side has, every run of it marked; a chart's description is added as a paragraph that can
    /// carry the mark.
    private mutating func whole(_ block: Block, _ revision: Revision, in section: Section) -> [Block] {
        let change: RedlineChange.Change = revision == .insertion ? .added : .removed
        func sides(_ text: String) -> (old: String?, new: String?) { revision == .insertion ? (nil, text) : (text, nil) }
        switch block {
        case .paragraph(var p):
            let text = sides(p.plainText)
            record(.paragraph, change, in: section, old: text.old, new: text.new, marking: p.marking)
            p.content = Self.marked(p.content, revision)
            return [.paragraph(p)]
        case .bullets(var list):
            list.items = list.items.map { item in
                var item = item
                let text = sides(item.plainText)
                record(.paragraph, change, in: section, old: text.old, new: text.new, marking: item.marking)
                item.content = Self.marked(item.content, revision)
                return item
            }
            return [.bullets(list)]
        case .facts(var facts):
            facts.rows = facts.rows.map { row in
                var row = row
                let text = sides(row.value.plainText)
                record(section.kind == .figures ? .figure : .fact, change, in: section, key: row.label, old: text.old, new: text.new, marking: row.marking)
                row.value = Self.marked(row.value, revision)
                return row
            }
            return [.facts(facts)]
        case .table(var table):
            table.rows = table.rows.map { whole($0, of: table, revision, in: section) }
            return [.table(table)]
        case .notes(var notes):
            notes = notes.map { note in
                var note = note
                let text = sides(note.text)
                record(.note, change, in: section, key: "[\(note.number)]", old: text.old, new: text.new, marking: note.marking)
                note.revision = revision
                return note
            }
            return [.notes(notes)]
        case .heading(let heading):
            let marking = heading.marking ?? .public
            let text = sides(heading.text)
            record(.heading, change, in: section, old: text.old, new: text.new, marking: marking)
            var marked = heading
            marked.revisedText = [.revision(revision, [.text(heading.text)])]
            return [.heading(marked)]
        case .chart(let chart):
            let text = sides(chart.description)
            record(.chart, change, in: section, key: chart.title, old: text.old, new: text.new, marking: chart.marking)
            let description = Block.paragraph(Paragraph(marking: chart.marking, content: [.revision(revision, [.text("Chart: " + chart.description)])]))
            return revision == .insertion ? [block, description] : [description]
        }
    }

    /// A table row only one side has.
    private mutating func whole(_ row: DataTable.Row, of table: DataTable, _ revision: Revision, in section: Section) -> DataTable.Row {
        let key = Self.keyColumn(table)
        let text = Self.rowText(row)
        record(Self.rowKind(table), revision == .insertion ? .added : .removed, in: section, key: key < row.cells.count ? row.cells[key].plainText : nil,
               old: revision == .deletion ? text : nil, new: revision == .insertion ? text : nil, marking: row.marking)
        var row = row
        row.cells = row.cells.map { cell in
            let content = Self.content(cell)
            return content.isEmpty ? cell : .inlines(Self.marked(content, revision))
        }
        return row
    }

    static func marked(_ content: [Inline], _ revision: Revision) -> [Inline] {
        content.isEmpty ? [] : [.revision(revision, content)]
    }

    // MARK: Fact tables, tables and notes

    private mutating func facts(_ a: FactTable, _ b: FactTable, in section: Section) -> FactTable {
        let kind: RedlineChange.Kind = section.kind == .figures ? .figure : .fact
        let keyed = Self.keyed(a.rows.map(\.label), b.rows.map(\.label))
        var rows: [FactTable.Row] = []
        for pair in keyed {
            switch pair {
            case .both(let i, let j):
                let (x, y) = (a.rows[i], b.rows[j])
                let marking = [x.marking, y.marking].highest
                if x.value != y.value { record(kind, .changed, in: section, key: y.label, old: x.value.plainText, new: y.value.plainText, marking: marking) }
                rows.append(FactTable.Row(label: y.label, value: WordDiff.redline(x.value, y.value), marking: marking))
            case .old(let i):
                var row = a.rows[i]
                record(kind, .removed, in: section, key: row.label, old: row.value.plainText, new: nil, marking: row.marking)
                row.value = Self.marked(row.value, .deletion)
                rows.append(row)
            case .new(let j):
                var row = b.rows[j]
                record(kind, .added, in: section, key: row.label, old: nil, new: row.value.plainText, marking: row.marking)
                row.value = Self.marked(row.value, .insertion)
                rows.append(row)
            }
        }
        return FactTable(caption: b.caption, rows: rows)
    }

    private mutating func table(_ a: DataTable, _ b: DataTable, in section: Section) -> DataTable {
        let key = Self.keyColumn(b)
        let kind = Self.rowKind(b)
        func keys(_ table: DataTable) -> [String] { table.rows.map { key < $0.cells.count ? $0.cells[key].plainText : "" } }
        var rows: [DataTable.Row] = []
        rows.reserveCapacity(b.rows.count)
        for pair in Self.keyed(keys(a), keys(b)) {
            switch pair {
            case .both(let i, let j):
                let (x, y) = (a.rows[i], b.rows[j])
                guard x.cells != y.cells || x.marking != y.marking else {
                    rows.append(y)
                    continue
                }
                let marking = [x.marking, y.marking].highest
                record(kind, .changed, in: section, key: key < y.cells.count ? y.cells[key].plainText : nil,
                       old: Self.rowText(x), new: Self.rowText(y), marking: marking)
                var cells: [DataTable.Cell] = []
                for column in b.columns.indices {
                    let before = column < x.cells.count ? x.cells[column] : .text("")
                    let after = column < y.cells.count ? y.cells[column] : .text("")
                    cells.append(before == after ? after : .inlines(WordDiff.redline(Self.content(before), Self.content(after))))
                }
                rows.append(DataTable.Row(cells: cells, marking: marking, flagged: y.flagged, effect: y.effect))
            case .old(let i):
                rows.append(whole(a.rows[i], of: a, .deletion, in: section))
            case .new(let j):
                rows.append(whole(b.rows[j], of: b, .insertion, in: section))
            }
        }
        return DataTable(kind: b.kind, caption: b.caption, columns: b.columns, rows: rows)
    }

    /// The notes of a sources list: the newer side's (compared with the older side's of the same number), then those
    /// only the older side printed, deleted.
    private mutating func noteList(before: [Note], after: [Note], in section: Section) -> [Note] {
        let deletedNumbers = Set(deletedNotes.map(\.number))
        let kept = before.filter { !deletedNumbers.contains($0.number) }
        let keptNumbers = Set(kept.map(\.number))
        var result: [Note] = []
        for note in after {
            if let was = revisedNotes[note.number], keptNumbers.contains(note.number) {
                var revised = note
                let marking = [was.marking, note.marking].highest
                revised.marking = marking
                revised.revisedText = WordDiff.redline(was.body, note.body)
                record(.note, .changed, in: section, key: "[\(note.number)]", old: was.text, new: note.text, marking: marking)
                result.append(revised)
            } else if keptNumbers.contains(note.number) {
                result.append(note)
            } else {
                record(.note, .added, in: section, key: "[\(note.number)]", old: nil, new: note.text, marking: note.marking)
                var inserted = note
                inserted.revision = .insertion
                result.append(inserted)
            }
        }
        guard !deletedNotesPlaced else { return result }
        deletedNotesPlaced = true
        let printed = Set(after.map(\.number))
        for note in deletedNotes where !printed.contains(note.number) {
            record(.note, .removed, in: section, key: "[\(note.number)]", old: note.text, new: nil, marking: note.marking)
            result.append(note)
        }
        return result
    }

    /// The column that names a row: a table's `ID` column (people), else its first (a figure's label).
    static func keyColumn(_ table: DataTable) -> Int {
        table.columns.firstIndex { $0.title == "ID" } ?? 0
    }

    /// What a table's rows are: people (the prisoners table), figures, or other rows (conflicts, watch list,
    /// changes).
    static func rowKind(_ table: DataTable) -> RedlineChange.Kind {
        switch table.kind {
        case .prisoners: .person
        case .figures: .figure
        default: .row
        }
    }

    static func rowText(_ row: DataTable.Row) -> String {
        row.cells.map(\.plainText).joined(separator: " | ")
    }

    static func content(_ cell: DataTable.Cell) -> [Inline] {
        switch cell {
        case .text(let text): text.isEmpty ? [] : [.text(text)]
        case .inlines(let content): content
        }
    }

    enum Keyed {
        case both(Int, Int), old(Int), new(Int)
    }

    /// Rows of two sides matched by key (the n-th row of a key with the n-th of the same key), in the newer side's
    /// order, each row only the older side has after the row it followed there.
    static func keyed(_ old: [String], _ new: [String]) -> [Keyed] {
        struct Occurrence: Hashable { var key: String; var index: Int }
        func occurrences(_ keys: [String]) -> [Occurrence] {
            var seen: [String: Int] = [:]
            return keys.map { key in
                let index = seen[key, default: 0]
                seen[key] = index + 1
                return Occurrence(key: key, index: index)
            }
        }
        let oldKeys = occurrences(old), newKeys = occurrences(new)
        var newIndex: [Occurrence: Int] = [:]
        for (j, key) in newKeys.enumerated() { newIndex[key] = j }
        var oldIndex: [Occurrence: Int] = [:]
        for (i, key) in oldKeys.enumerated() { oldIndex[key] = i }
        // Older rows only the older side has, by the newer row they come after (-1: first).
        var removedAfter: [Int: [Int]] = [:]
        var lastShared = -1
        for (i, key) in oldKeys.enumerated() {
            if let j = newIndex[key] { lastShared = j } else { removedAfter[lastShared, default: []].append(i) }
        }
        var result: [Keyed] = (removedAfter[-1] ?? []).map(Keyed.old)
        for (j, key) in newKeys.enumerated() {
            if let i = oldIndex[key] { result.append(.both(i, j)) } else { result.append(.new(j)) }
            result += (removedAfter[j] ?? []).map(Keyed.old)
        }
        return result
    }

    // MARK: Changes

    private mutating func record(_ kind: RedlineChange.Kind, _ change: RedlineChange.Change, in section: Section, key: String? = nil,
                                 old: String?, new: String?, marking: Marking) {
        changes.append(RedlineChange(section: section.heading, sectionKind: section.kind.rawValue, kind: kind, change: change, key: key,
                                     old: old, new: new, marking: marking))
    }
}

extension [Marking] {
    /// The highest marking, or nil for none.
    var highestOrNil: Marking? { isEmpty ? nil : highest }
}
