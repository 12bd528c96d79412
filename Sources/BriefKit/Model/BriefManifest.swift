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
    /// The sections to include, in order; nil for all in the default order.
    public var sections: [SectionKind]?
}

public struct Memo: Sendable {
    public var to: [String]
    public var from: String
    public var date: Day
    public var subject: String
}

/// The sections of a briefing, named as in a manifest's `sections`.
public enum SectionKind: String, Sendable, Codable, CaseIterable {
    case header, summary, figures, discrepancies, charts, prisoners, conditions, watch, other, changes, sources, provenance
}
