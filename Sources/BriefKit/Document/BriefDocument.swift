/// The briefing document IR: what every writer renders, and all it may know.
///
/// It holds no XML, no model and no file: only text, numbers and markings, already cut to the audience.
/// Writers must render it faithfully and add nothing derived from elsewhere.
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
    public var sections: [Section]
    /// Numbered notes (sources), cited from blocks by number.
    public var notes: [Note]

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
                sections: [Section], notes: [Note]) {
        self.title = title
        self.audience = audience
        self.banner = banner
        self.showsPortionMarks = showsPortionMarks
        self.metadata = metadata
        self.sections = sections
        self.notes = notes
    }
}

/// A headed part of the briefing.
public struct Section: Sendable, Hashable {
    /// Stable id (`summary`, `prisoners`...), used for anchors.
    public var id: String
    public var heading: String
    public var blocks: [Block]

    public init(id: String, heading: String, blocks: [Block]) {
        self.id = id
        self.heading = heading
        self.blocks = blocks
    }
}

/// A block of a section. Every block carries its portion marking and the notes it cites.
public enum Block: Sendable, Hashable {
    case paragraph(Paragraph)
    /// A label → value table (memo header, key figures).
    case facts(FactTable)
    case table(DataTable)
    case chart(Chart)
    case bullets(BulletList)

    /// The marking of the block's content.
    public var marking: Marking {
        switch self {
        case .paragraph(let p): p.marking
        case .facts(let f): f.rows.map(\.marking).highest
        case .table(let t): t.rows.map(\.marking).highest
        case .chart(let c): c.marking
        case .bullets(let b): b.items.map(\.marking).highest
        }
    }
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
}

public struct Paragraph: Sendable, Hashable {
    public var marking: Marking
    public var content: [Inline]

    public init(marking: Marking, content: [Inline]) {
        self.marking = marking
        self.content = content
    }

    /// The paragraph's text without emphasis (citations as `[n]`).
    public var plainText: String {
        content.map { inline in
            switch inline {
            case .text(let t), .strong(let t), .emphasis(let t): t
            case .link(let text, _): text
            case .citation(let n): "[\(n)]"
            }
        }.joined()
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
    /// Stable id (`prisoners`...), used by the CSV writer.
    public var id: String
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

    public struct Row: Sendable, Hashable {
        public var cells: [String]
        public var marking: Marking
        /// Whether the row should stand out (a conflict, say).
        public var flagged: Bool

        public init(cells: [String], marking: Marking, flagged: Bool = false) {
            self.cells = cells
            self.marking = marking
            self.flagged = flagged
        }
    }

    public init(id: String, caption: String, columns: [Column], rows: [Row]) {
        self.id = id
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

    public init(items: [Paragraph]) {
        self.items = items
    }
}

/// A numbered note: a source.
public struct Note: Sendable, Hashable {
    public var number: Int
    public var text: String
    /// Only http and https hrefs are ever kept.
    public var href: String?
    public var marking: Marking

    public init(number: Int, text: String, href: String?, marking: Marking) {
        self.number = number
        self.text = text
        self.href = href
        self.marking = marking
    }
}
