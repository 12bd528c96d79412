/// A prisoner list (docs/format.md, namespace `urn:oversight:prisoner-list:1`), typed, with markings resolved.
///
/// Every portion carries its *effective* marking (docs/format.md's rules applied: inheritance, restriction only,
/// claims at least as restricted as their sources) beside the marking it declared, if any.
public struct PrisonerList: Sendable {
    public static let namespace = "urn:oversight:prisoner-list:1"

    public var id: String
    public var revision: Int
    public var asOf: Day
    /// The root's `marking`, the default for top-level items (`committee` when absent).
    public var defaultMarking: Marking
    public var title: String
    public var submitter: String
    public var submitterContact: String?
    public var agreement: Agreement?
    public var sources: [Source]
    public var counts: [CountClaim]
    public var prisoners: [Prisoner]
    public var anchor: SourceAnchor

    public init(id: String, revision: Int, asOf: Day, defaultMarking: Marking = .committee, title: String,
                submitter: String, submitterContact: String? = nil, agreement: Agreement? = nil, sources: [Source] = [],
                counts: [CountClaim] = [], prisoners: [Prisoner] = [], anchor: SourceAnchor = SourceAnchor(offset: 0)) {
        self.id = id
        self.revision = revision
        self.asOf = asOf
        self.defaultMarking = defaultMarking
        self.title = title
        self.submitter = submitter
        self.submitterContact = submitterContact
        self.agreement = agreement
        self.sources = sources
        self.counts = counts
        self.prisoners = prisoners
        self.anchor = anchor
    }

    /// The source with this id.
    public func source(_ id: String) -> Source? {
        sources.first { $0.id == id }
    }
}

/// The release agreement.
public struct Agreement: Sendable {
    public var announced: Day
    /// How many releases were promised.
    public var committed: Int?
    /// Whether the list means to hold everyone the agreement covers (`complete`, the default) or only the cases its
    /// submitter follows (`partial`).
    public var coverage: Coverage = .complete
    public var parties: [String]
    public var summary: String?
    public var marking: Marking
    public var declaredMarking: Marking?
    public var anchor: SourceAnchor
}

/// Whether a list holds everyone an agreement covers or only the cases its submitter follows (`agreement/@coverage`).
public enum Coverage: String, Sendable, Codable, CaseIterable {
    case complete, partial
}

/// The kind of a source.
public enum SourceKind: String, Sendable, Codable, CaseIterable {
    case government, ngo, press, family, other
}

/// Where claims come from.
public struct Source: Sendable {
    public var id: String
    public var kind: SourceKind
    public var published: Day?
    /// The link as written; only `http` and `https` links may be emitted as links (see `linkableHref`).
    public var href: String?
    public var description: String
    public var marking: Marking
    public var declaredMarking: Marking?
    public var anchor: SourceAnchor

    /// The href if it is an `http` or `https` URL, else nil.
    public var linkableHref: String? {
        guard let href else { return nil }
        let lower = href.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") ? href : nil
    }
}

/// What a count claim counts.
public enum CountSubject: String, Sendable, Codable, CaseIterable {
    case released, detained, rearrested, warned
}

/// A source's claim about an aggregate ("officials: 53 released").
public struct CountClaim: Sendable {
    public var sourceID: String
    public var date: Day
    public var subject: CountSubject
    public var value: Int
    public var marking: Marking
    public var declaredMarking: Marking?
    public var anchor: SourceAnchor
}
