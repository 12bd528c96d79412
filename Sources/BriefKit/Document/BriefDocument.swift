/// The briefing document IR: what every writer renders, and all it may know.
///
/// It holds no XML, no model and no file: only text, numbers and markings, already cut to the audience.
/// Writers must render it faithfully and add nothing derived from elsewhere.
///
/// Notes are printed where the document puts them: in `.notes` blocks, which the composer places (in the sources
/// section, or in a Notes section at the end). A writer renders a `.notes` block wherever it finds one and never
/// decides where notes go; `danglingCitations` is empty for every document the composers make.
public struct BriefDocument: Sendable, Hashable {
    /// The document's title (the memo's subject, or the list's title).
    public var title: String
    /// The edition's audience.
    public var audience: Marking
    /// The banner: the highest marking of what the document contains.
    public var banner: Marking
    /// Whether portions carry portion marks (committee and restricted editions).
    public var showsPortionMarks: Bool
    /// Document properties for formats that have them (title, subject, keywords).
    public var metadata: Metadata
    /// The committee's house style (letterhead, accent colour, fonts, page size): public, printed in every edition.
    public var style: HouseStyle
    public var sections: [Section]

    public struct Metadata: Sendable, Hashable {
        public var title: String
        public var subject: String
        public var keywords: [String]
        /// The build date (from SOURCE_DATE_EPOCH, or the memo's date): never the wall clock.
        public var date: Day
        public var language: String
        public var generator: String

        public init(title: String, subject: String, keywords: [String], date: Day, language: String, generator: String) {
            self.title = title
            self.subject = subject
            self.keywords = keywords
            self.date = date
            self.language = language
            self.generator = generator
        }
    }

    public init(title: String, audience: Marking, banner: Marking, showsPortionMarks: Bool, metadata: Metadata,
                style: HouseStyle = .standard, sections: [Section]) {
        self.title = title
        self.audience = audience
        self.banner = banner
        self.showsPortionMarks = showsPortionMarks
        self.metadata = metadata
        self.style = style
        self.sections = sections
    }

    /// Every note the document prints (its `.notes` blocks), in order; a note printed twice is listed once.
    public var notes: [Note] {
        var seen = Set<Int>()
        return sections.flatMap(\.blocks).flatMap { block -> [Note] in
            if case .notes(let notes) = block { return notes.filter { seen.insert($0.number).inserted } }
            return []
        }
    }

    /// Whether the document is a redline: some run of it is inserted or deleted.
    public var hasRevisions: Bool {
        sections.contains { section in section.blocks.contains(where: \.hasRevisions) }
    }

    /// The numbers of the notes that citations anywhere in the document cite, ascending.
    public var citedNotes: [Int] {
        Set(sections.flatMap(\.blocks).flatMap(\.citations)).sorted()
    }

    /// Cited notes the document does not print, ascending: a writer would show `[n]` pointing nowhere.
    public var danglingCitations: [Int] {
        let printed = Set(notes.map(\.number))
        return citedNotes.filter { !printed.contains($0) }
    }
}

/// A headed part of the briefing.
public struct Section: Sendable, Hashable {
    /// What a section is: the briefing's sections in their default order, the diff's changes, and the notes.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case header, summary, background, figures, discrepancies, changes, charts, people, prisoners, conditions, watch, other, sources, provenance
        /// A section the staff wrote (a brief's `<section>`).
        case authored
        /// An appendix: the full table of changes by record.
        case changeLog
        /// One person's case sheet (a page of its own).
        case caseSheet
        /// Notes at the end, for a briefing whose sections leave out `sources`.
        case notes

        /// The section's anchor id in HTML (`prisoners`), always of `[a-z]` only.
        public var anchor: String { rawValue.lowercased() }
    }

    public var kind: Kind
    public var heading: String
    /// The heading's portion marking, for headings the staff wrote; nil for generated headings, which are public
    /// and carry no portion mark.
    public var headingMarking: Marking?
    /// The section's anchor id in HTML: of `[a-z0-9-]` only, unique in the document.
    public var anchor: String
    /// Whether the section starts a new page in paged formats (PDF, Word; HTML when printed): case sheets, appendices.
    public var startsOnNewPage: Bool
    public var blocks: [Block]

    public init(kind: Kind, heading: String, headingMarking: Marking? = nil, anchor: String? = nil, startsOnNewPage: Bool = false,
                blocks: [Block]) {
        self.kind = kind
        self.heading = heading
        self.headingMarking = headingMarking
        self.anchor = anchor ?? kind.anchor
        self.startsOnNewPage = startsOnNewPage
        self.blocks = blocks
    }

    /// The highest marking of what the section shows, its heading included.
    public var marking: Marking { (blocks.map(\.marking) + [headingMarking ?? .public]).highest }
}

/// A subheading inside a section (an authored `<heading>`, a person's name on a case sheet).
public struct Heading: Sendable, Hashable {
    public var text: String
    /// nil: a generated heading, public and without a portion mark.
    public var marking: Marking?
    /// 1: a part of its section (an authored subheading, a person in the People section); 2: a part of that part (a
    /// person's "Detention").
    public var level: Int
    /// In a redline: the heading with its changes marked (the text is the newer one's, or the older one's for a
    /// deleted heading).
    public var revisedText: [Inline]?

    public init(text: String, marking: Marking?, level: Int = 1, revisedText: [Inline]? = nil) {
        self.text = text
        self.marking = marking
        self.level = level
        self.revisedText = revisedText
    }

    /// The heading as inline content: its text, or its text with a redline's marks.
    public var content: [Inline] { revisedText ?? [.text(text)] }
}

/// A block of a section. Every block carries its portion marking and the notes it cites.
public enum Block: Sendable, Hashable {
    case paragraph(Paragraph)
    /// A label → value table (memo header, key figures).
    case facts(FactTable)
    case table(DataTable)
    case chart(Chart)
    case bullets(BulletList)
    /// A subheading: writers keep it on the page of what follows it.
    case heading(Heading)
    /// Numbered notes, each cited by its number; every writer prints them as a list of `Note.content`.
    case notes([Note])

    /// The marking of the block's content.
    public var marking: Marking {
        switch self {
        case .paragraph(let p): p.marking
        case .facts(let f): f.rows.map(\.marking).highest
        case .table(let t): t.rows.map(\.marking).highest
        case .chart(let c): c.marking
        case .bullets(let b): b.items.map(\.marking).highest
        case .notes(let notes): notes.map(\.marking).highest
        case .heading(let heading): heading.marking ?? .public
        }
    }

    /// Whether some run of the block is inserted or deleted (a redline's).
    public var hasRevisions: Bool {
        switch self {
        case .paragraph(let p): p.content.hasRevisions
        case .facts(let f): f.rows.contains { $0.value.hasRevisions }
        case .table(let t): t.rows.contains { $0.cells.contains(where: \.hasRevisions) }
        case .bullets(let b): b.items.contains { $0.content.hasRevisions }
        case .notes(let notes): notes.contains { $0.revision != nil || $0.revisedText?.hasRevisions == true }
        case .heading(let heading): heading.revisedText?.hasRevisions == true
        case .chart: false
        }
    }

    /// The note numbers the block's citations cite, in order of appearance (a note's own number is no citation).
    public var citations: [Int] {
        switch self {
        case .paragraph(let p): p.content.citations
        case .facts(let f): f.rows.flatMap(\.value.citations)
        case .table(let t): t.rows.flatMap { $0.cells.flatMap(\.citations) }
        case .chart: []
        case .bullets(let b): b.items.flatMap(\.content.citations)
        case .notes, .heading: []
        }
    }
}

/// What a redline did to a run of content: inserted it (in the newer briefing only) or deleted it (in the older
/// only). Writers show both kinds by more than colour: underline and strike-through, `ins`/`del`, `{+ +}`/`[- -]`,
/// Word's tracked changes.
public enum Revision: String, Sendable, Hashable {
    case insertion, deletion
}

/// A run of text with emphasis.
public enum Inline: Sendable, Hashable {
    case text(String)
    case strong(String)
    case emphasis(String)
    /// A link; writers emit it as a link only when `href` is http or https.
    case link(text: String, href: String)
    /// A citation of note `number`.
    case citation(Int)
    /// A date: prose formats write it as a US committee does ("January 13, 2015"), data formats (CSV) as ISO.
    case date(Day)
    /// An identifier or hash, set as code and never broken across lines.
    case code(String)
    /// Content a redline inserted or deleted (`BriefingRedline`); never nested in another revision.
    case revision(Revision, [Inline])
}

public struct Paragraph: Sendable, Hashable {
    public var marking: Marking
    public var content: [Inline]

    public init(marking: Marking, content: [Inline]) {
        self.marking = marking
        self.content = content
    }

    /// The paragraph's text without emphasis (citations as `[n]`).
    public var plainText: String { content.plainText }
}

extension [Inline] {
    /// The text without emphasis, links as their text, citations as `[n]`, dates as prose writes them, a redline's
    /// insertions and deletions as `{+inserted+}` and `[-deleted-]`.
    public var plainText: String { text(dates: .prose) }

    /// The text as a data format (CSV) writes it: dates in ISO form.
    public var dataText: String { text(dates: .iso) }

    func text(dates: DateStyle) -> String {
        map { inline in
            switch inline {
            case .text(let t), .strong(let t), .emphasis(let t), .code(let t): t
            case .link(let text, _): text
            case .citation(let n): "[\(n)]"
            case .date(let day): dates == .iso ? day.iso : day.prose
            // A redline in plain text reads as wdiff writes one.
            case .revision(.insertion, let content): "{+" + content.text(dates: dates) + "+}"
            case .revision(.deletion, let content): "[-" + content.text(dates: dates) + "-]"
            }
        }.joined()
    }

    /// The numbers cited, in order.
    public var citations: [Int] {
        flatMap { inline -> [Int] in
            switch inline {
            case .citation(let n): [n]
            case .revision(_, let content): content.citations
            default: []
            }
        }
    }

    /// The content as one side of a redline has it: `.insertion` keeps what the newer side shows (inserted runs
    /// without their mark, deleted runs left out), `.deletion` what the older side showed.
    public func side(_ kept: Revision) -> [Inline] {
        flatMap { inline -> [Inline] in
            guard case .revision(let revision, let content) = inline else { return [inline] }
            return revision == kept ? content : []
        }
    }

    /// The revision of content a redline inserted or deleted whole: every run of it is inside revisions of one kind.
    public var wholeRevision: Revision? {
        var found: Revision?
        for inline in self {
            guard case .revision(let revision, _) = inline, found == nil || found == revision else { return nil }
            found = revision
        }
        return found
    }

    /// Whether any run of the content is inserted or deleted.
    public var hasRevisions: Bool {
        contains { if case .revision = $0 { true } else { false } }
    }
}

/// Label → value rows.
public struct FactTable: Sendable, Hashable {
    public var caption: String
    public var rows: [Row]

    public struct Row: Sendable, Hashable {
        public var label: String
        public var value: [Inline]
        public var marking: Marking

        public init(label: String, value: [Inline], marking: Marking) {
            self.label = label
            self.value = value
            self.marking = marking
        }
    }

    public init(caption: String, rows: [Row]) {
        self.caption = caption
        self.rows = rows
    }
}

/// A table with a header row; each row carries its marking.
public struct DataTable: Sendable, Hashable {
    /// What a table is; writers that want one table (the CSV writer the prisoners, `brief diff` the changes) find it by kind.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case figures, conflicts, prisoners, conditions, watch
        /// Requested but not included, and other cases.
        case other
        /// A diff's changes by record.
        case changes

        /// The table's anchor id in HTML (`table-` and this), always of `[a-z]` only.
        public var anchor: String { rawValue }
    }

    public var kind: Kind
    public var caption: String
    public var columns: [Column]
    public var rows: [Row]

    public struct Column: Sendable, Hashable {
        public var title: String
        public var numeric: Bool

        public init(_ title: String, numeric: Bool = false) {
            self.title = title
            self.numeric = numeric
        }
    }

    /// A cell: plain text (most cells), or text with citations.
    public enum Cell: Sendable, Hashable {
        case text(String)
        case inlines([Inline])

        /// The cell's text, citations as `[n]`, dates as prose writes them.
        public var plainText: String {
            switch self {
            case .text(let text): text
            case .inlines(let content): content.plainText
            }
        }

        /// The cell's text as a data format (CSV) writes it: dates in ISO form.
        public var dataText: String {
            switch self {
            case .text(let text): text
            case .inlines(let content): content.dataText
            }
        }

        /// Whether some run of the cell is inserted or deleted.
        public var hasRevisions: Bool {
            if case .inlines(let content) = self { content.hasRevisions } else { false }
        }

        /// The note numbers the cell cites.
        public var citations: [Int] {
            switch self {
            case .text: []
            case .inlines(let content): content.citations
            }
        }
    }

    /// What a row of a changes table does: adds (`+`), takes away (`-`) or modifies (`~`).
    public enum Effect: Sendable, Hashable {
        case addition, removal, modification
    }

    public struct Row: Sendable, Hashable {
        public var cells: [Cell]
        public var marking: Marking
        /// Whether the row should stand out (a conflict, say).
        public var flagged: Bool
        /// In a changes table, what the change does.
        public var effect: Effect?

        public init(cells: [Cell], marking: Marking, flagged: Bool = false, effect: Effect? = nil) {
            self.cells = cells
            self.marking = marking
            self.flagged = flagged
            self.effect = effect
        }

        /// The revision of a row a redline inserted or deleted whole: each of its cells is empty or that revision.
        public var revision: Revision? {
            var found: Revision?
            for cell in cells {
                switch cell {
                case .text(let text) where text.isEmpty: continue
                case .text: return nil
                case .inlines(let content):
                    guard let revision = content.wholeRevision, found == nil || found == revision else { return nil }
                    found = revision
                }
            }
            return found
        }

        /// A row of plain-text cells.
        public init(cells: [String], marking: Marking, flagged: Bool = false, effect: Effect? = nil) {
            self.init(cells: cells.map(Cell.text), marking: marking, flagged: flagged, effect: effect)
        }
    }

    public init(kind: Kind, caption: String, columns: [Column], rows: [Row]) {
        self.kind = kind
        self.caption = caption
        self.columns = columns
        self.rows = rows
    }
}

/// A chart: its data and a text alternative. Writers draw it (SVG, PDF) or show the data as a table.
public struct Chart: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Cumulative values over dates, with an optional target line.
        case timeline(target: Int?)
        /// One bar per category.
        case bars
    }

    public var id: String
    public var kind: Kind
    public var title: String
    /// A sentence saying what the chart shows, for screen readers and text formats.
    public var description: String
    /// Points: label (a date for timelines) and value.
    public var points: [Point]
    public var marking: Marking

    public struct Point: Sendable, Hashable {
        public var label: String
        public var value: Int

        public init(label: String, value: Int) {
            self.label = label
            self.value = value
        }
    }

    public init(id: String, kind: Kind, title: String, description: String, points: [Point], marking: Marking) {
        self.id = id
        self.kind = kind
        self.title = title
        self.description = description
        self.points = points
        self.marking = marking
    }
}

public struct BulletList: Sendable, Hashable {
    public var items: [Paragraph]
    /// Numbered (1., 2., …) rather than bulleted.
    public var ordered: Bool

    public init(items: [Paragraph], ordered: Bool = false) {
        self.items = items
        self.ordered = ordered
    }
}

/// How a date reads.
enum DateStyle: Sendable {
    /// "January 13, 2015".
    case prose
    /// "2015-01-13".
    case iso
}

/// A numbered note: a source.
public struct Note: Sendable, Hashable {
    public var number: Int
    public var text: String
    /// Only http and https hrefs are ever kept.
    public var href: String?
    public var marking: Marking
    /// In a redline: a note only the newer briefing prints (insertion) or only the older one (deletion).
    public var revision: Revision?
    /// In a redline: the text of a note both briefings print, with its changes marked (the text is the newer one).
    public var revisedText: [Inline]?

    public init(number: Int, text: String, href: String?, marking: Marking, revision: Revision? = nil) {
        self.number = number
        self.text = text
        self.href = href
        self.marking = marking
        self.revision = revision
    }

    /// How a note reads in every format: its number in bold, its text, and its link (all marked as inserted or
    /// deleted in a redline).
    public var content: [Inline] {
        let numbered = [.strong("[\(number)] ")] + (revisedText ?? body)
        return revision.map { [.revision($0, numbered)] } ?? numbered
    }

    /// The note's text and link.
    public var body: [Inline] {
        [.text(text)] + (href.map { [.text(" "), .link(text: $0, href: $0)] } ?? [])
    }
}
