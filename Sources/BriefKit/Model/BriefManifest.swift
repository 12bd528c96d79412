// Model: the typed list and manifest, with markings resolved. Plain values: no reading, checking or rendering.

/// A brief manifest (docs/format.md, namespace `urn:oversight:brief:1`).
public struct BriefManifest: Sendable {
    public static let namespace = "urn:oversight:brief:1"

    public var id: String
    public var memo: Memo
    public var audience: Marking
    /// The list's path as written, relative to the manifest's folder.
    public var listHref: String
    public var listAnchor: SourceAnchor
    public var previousHref: String?
    public var previousAnchor: SourceAnchor?
    /// The house style, when the manifest sets one.
    public var style: StyleSpec?
    /// The sections to include, in order, generated and authored; nil for every generated one in the default order.
    public var sections: [ManifestSection]?

    /// The authored sections, in order.
    public var authoredSections: [AuthoredSection] {
        (sections ?? []).compactMap { if case .authored(let section) = $0 { section } else { nil } }
    }
}

public struct Memo: Sendable {
    public var to: [String]
    public var from: String
    public var date: Day
    public var subject: String
    /// The staff contact (name, telephone, address), printed in the header.
    public var contact: String?
}

/// A section of a manifest's `sections`: one the briefing generates, or one the staff wrote.
public enum ManifestSection: Sendable {
    case generated(SectionKind)
    case authored(AuthoredSection)
}

/// The manifest's `style` as written; the letterhead image is read from `imageHref` when the briefing is made.
public struct StyleSpec: Sendable {
    public var letterhead: [String] = []
    public var imageHref: String?
    public var imageAnchor: SourceAnchor?
    public var imageDescription: String?
    public var accent: String?
    public var bodyFont: String?
    public var headingFont: String?
    public var pageSize: String?
}

/// A section the staff wrote (docs/format.md, "Authored sections"): a marked title and marked blocks whose prose
/// may hold live values, read from the list when the briefing is built.
public struct AuthoredSection: Sendable {
    public var title: AuthoredText
    public var blocks: [AuthoredBlock]
    public var anchor: SourceAnchor
}

/// A marked line of text (a title, a heading).
public struct AuthoredText: Sendable {
    public var text: String
    public var marking: Marking
    public var anchor: SourceAnchor
}

public enum AuthoredBlock: Sendable {
    case paragraph(AuthoredParagraph)
    case heading(AuthoredText)
    case list(ordered: Bool, items: [AuthoredParagraph])
}

/// A paragraph or list item: its declared marking and its content.
public struct AuthoredParagraph: Sendable {
    public var marking: Marking
    public var content: [AuthoredInline]
    public var anchor: SourceAnchor
}

/// A run of authored prose. Live values (figure, count, person, date, citation) are resolved against the edition.
public enum AuthoredInline: Sendable {
    case text(String)
    case emphasis(String)
    case strong(String)
    case link(text: String, href: String)
    /// `<cite source>`: the source's note.
    case citation(source: String, anchor: SourceAnchor)
    /// `<figure of>`: the list's own tally (`Reconciliation.FigureKind` raw values, and `disputed`).
    case figure(name: String, anchor: SourceAnchor)
    /// `<count source of>`: the source's latest count of a subject.
    case count(source: String, subject: CountSubject, anchor: SourceAnchor)
    /// `<person ref>`: the person's name, or "name withheld".
    case person(id: String, anchor: SourceAnchor)
    /// `<date of>` or `<date value>`.
    case date(AuthoredDate, anchor: SourceAnchor)
}

public enum AuthoredDate: Sendable, Equatable {
    /// The list's `asOf`.
    case asOf
    /// The agreement's announcement.
    case announced
    /// The memo's date.
    case memo
    /// The previous list's `asOf`.
    case previous
    case fixed(Day)
}

/// The sections of a briefing, named as in a manifest's `sections`.
public enum SectionKind: String, Sendable, Codable, CaseIterable {
    case header, summary, background, figures, discrepancies, charts, people, prisoners, conditions, watch, other, changes, sources, provenance
}
