/// Which list a prisoner is on.
public enum ListKind: String, Sendable, Codable, CaseIterable {
    /// On the agreed release list.
    case agreed
    /// Requested (by the United States) but refused for the list.
    case requested
    /// Another case the briefing follows.
    case other
}

public enum Gender: String, Sendable, Codable, CaseIterable {
    case female, male, other, unknown
}

/// A piece of text that is itself a portion (name, alias, note).
public struct MarkedText: Sendable, Hashable {
    public var text: String
    public var marking: Marking
    public var declaredMarking: Marking?
    public var anchor: SourceAnchor
}

/// A person on the list.
///
/// The fields live in one shared, copy-on-write box: a record is copied whenever an edition, a reconciliation or a
/// diff holds it, and a copy is then one reference to count instead of a dozen.
public struct Prisoner: Sendable {
    private var box: Box

    private final class Box: @unchecked Sendable {
        // Mutated only through `Prisoner.fields`, which copies a shared box first.
        var fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }

    private struct Fields: Sendable {
        var id: String
        var list: ListKind
        var marking: Marking
        var declaredMarking: Marking?
        var name: MarkedText
        var aliases: [MarkedText]
        var gender: Gender?
        var born: Int?
        var province: String?
        var affiliations: [String]
        var detention: Detention?
        var statuses: [StatusClaim]
        var conditions: [ConditionClaim]
        var warnings: [WarningClaim]
        var notes: [MarkedText]
        var anchor: SourceAnchor
        var bornAnchor: SourceAnchor?
    }

    public init(id: String, list: ListKind, marking: Marking, declaredMarking: Marking?, name: MarkedText, aliases: [MarkedText],
                gender: Gender?, born: Int?, province: String?, affiliations: [String], detention: Detention?, statuses: [StatusClaim],
                conditions: [ConditionClaim], warnings: [WarningClaim], notes: [MarkedText], anchor: SourceAnchor) {
        box = Box(Fields(id: id, list: list, marking: marking, declaredMarking: declaredMarking, name: name, aliases: aliases,
                         gender: gender, born: born, province: province, affiliations: affiliations, detention: detention,
                         statuses: statuses, conditions: conditions, warnings: warnings, notes: notes, anchor: anchor,
                         bornAnchor: nil))
    }

    /// The fields, for reading, or for changing a box no other copy shares.
    private var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    public var id: String {
        get { box.fields.id }
        _modify { yield &fields.id }
    }

    public var list: ListKind {
        get { box.fields.list }
        _modify { yield &fields.list }
    }

    public var marking: Marking {
        get { box.fields.marking }
        _modify { yield &fields.marking }
    }

    public var declaredMarking: Marking? {
        get { box.fields.declaredMarking }
        _modify { yield &fields.declaredMarking }
    }

    public var name: MarkedText {
        get { box.fields.name }
        _modify { yield &fields.name }
    }

    public var aliases: [MarkedText] {
        get { box.fields.aliases }
        _modify { yield &fields.aliases }
    }

    public var gender: Gender? {
        get { box.fields.gender }
        _modify { yield &fields.gender }
    }

    public var born: Int? {
        get { box.fields.born }
        _modify { yield &fields.born }
    }

    public var province: String? {
        get { box.fields.province }
        _modify { yield &fields.province }
    }

    public var affiliations: [String] {
        get { box.fields.affiliations }
        _modify { yield &fields.affiliations }
    }

    public var detention: Detention? {
        get { box.fields.detention }
        _modify { yield &fields.detention }
    }

    public var statuses: [StatusClaim] {
        get { box.fields.statuses }
        _modify { yield &fields.statuses }
    }

    public var conditions: [ConditionClaim] {
        get { box.fields.conditions }
        _modify { yield &fields.conditions }
    }

    public var warnings: [WarningClaim] {
        get { box.fields.warnings }
        _modify { yield &fields.warnings }
    }

    public var notes: [MarkedText] {
        get { box.fields.notes }
        _modify { yield &fields.notes }
    }

    public var anchor: SourceAnchor {
        get { box.fields.anchor }
        _modify { yield &fields.anchor }
    }

    /// Where `<born>` starts, when the record has one.
    public var bornAnchor: SourceAnchor? {
        get { box.fields.bornAnchor }
        _modify { yield &fields.bornAnchor }
    }

    /// The latest status claim by date (the last written among equals), if any.
    public var latestStatus: StatusClaim? {
        statuses.indices.max { a, b in
            statuses[a].date != statuses[b].date ? statuses[a].date < statuses[b].date : a < b
        }.map { statuses[$0] }
    }
}

public struct Detention: Sendable {
    public var arrested: Day?
    public var facility: String?
    /// An `xs:duration` as written (`P4Y6M`).
    public var sentence: String?
    public var charges: [String]
    public var anchor: SourceAnchor
}

/// A person's situation according to a source.
public enum Status: String, Sendable, Codable, CaseIterable {
    case detained, released, unconfirmed, rearrested, exiled, deceased, unknown

    /// Statuses that say the person got out (docs/format.md's "release-type" statuses).
    public var isReleaseType: Bool { self == .released || self == .unconfirmed || self == .exiled }

    /// The class used to decide whether two sources conflict (docs/format.md `source-conflict`); nil for `unknown`.
    public var conflictClass: StatusClass? {
        switch self {
        case .detained, .rearrested: .inCustody
        case .released, .exiled: .out
        case .unconfirmed: .unconfirmed
        case .deceased: .deceased
        case .unknown: nil
        }
    }
}

/// Classes of statuses that are compatible with one another.
public enum StatusClass: String, Sendable, Codable {
    case inCustody = "in custody"
    case out
    case unconfirmed
    case deceased
}

public struct StatusClaim: Sendable {
    public var value: Status
    public var date: Day
    public var sourceID: String
    public var note: String?
    public var marking: Marking
    public var declaredMarking: Marking?
    public var anchor: SourceAnchor
}

public enum ConditionKind: String, Sendable, Codable, CaseIterable {
    case parole, reporting
    case travelBan = "travel-ban"
    case activityBan = "activity-ban"
    case houseArrest = "house-arrest"
    case exile, surveillance
    case citizenshipRevoked = "citizenship-revoked"
    case propertyConfiscated = "property-confiscated"
    case other

    /// Whether the kind is a condition of release (in force only for someone out). Loss of citizenship and
    /// confiscation of property are measures of their own: they are imposed in custody as well as after release.
    public var isConditionOfRelease: Bool {
        switch self {
        case .citizenshipRevoked, .propertyConfiscated: false
        default: true
        }
    }
}

/// A condition of release.
public struct ConditionClaim: Sendable {
    public var kind: ConditionKind
    public var since: Day?
    public var until: Day?
    public var sourceID: String
    public var text: String
    public var marking: Marking
    public var declaredMarking: Marking?
    public var anchor: SourceAnchor
}

public enum WarningKind: String, Sendable, Codable, CaseIterable {
    case rearrest, harassment, other
}

/// A warning given to the person.
public struct WarningClaim: Sendable {
    public var kind: WarningKind
    public var date: Day?
    public var issuer: String?
    public var sourceID: String
    public var text: String
    public var marking: Marking
    public var declaredMarking: Marking?
    public var anchor: SourceAnchor
}
