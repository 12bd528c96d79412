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
public struct Prisoner: Sendable {
    public var id: String
    public var list: ListKind
    public var marking: Marking
    public var declaredMarking: Marking?
    public var name: MarkedText
    public var aliases: [MarkedText]
    public var gender: Gender?
    public var born: Int?
    public var province: String?
    public var affiliations: [String]
    public var detention: Detention?
    public var statuses: [StatusClaim]
    public var conditions: [ConditionClaim]
    public var warnings: [WarningClaim]
    public var notes: [MarkedText]
    public var anchor: SourceAnchor

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

    /// Statuses that say the person got out (FORMAT.md's "release-type" statuses).
    public var isReleaseType: Bool { self == .released || self == .unconfirmed || self == .exiled }

    /// The class used to decide whether two sources conflict (FORMAT.md `source-conflict`); nil for `unknown`.
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
    case exile, surveillance, other
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
