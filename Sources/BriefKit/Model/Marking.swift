/// A handling marking, in increasing order of restriction (docs/format.md, "Handling markings").
public enum Marking: Int, Sendable, Comparable, CaseIterable, Codable {
    case `public` = 0
    case committee = 1
    case restricted = 2

    public static func < (lhs: Marking, rhs: Marking) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses a marking attribute value (whitespace-trimmed), or nil.
    public init?(attribute: String) {
        switch attribute.trimmingXMLWhitespace() {
        case "public": self = .public
        case "committee": self = .committee
        case "restricted": self = .restricted
        default: return nil
        }
    }

    /// The name used in the format and in outputs.
    public var name: String {
        switch self {
        case .public: "public"
        case .committee: "committee"
        case .restricted: "restricted"
        }
    }

    /// The portion mark shown before a portion in committee and restricted editions.
    public var portionMark: String {
        switch self {
        case .public: "(P)"
        case .committee: "(C)"
        case .restricted: "(R)"
        }
    }

    /// The banner line of an edition whose highest included marking is this one.
    public var banner: String {
        switch self {
        case .public: "PUBLIC"
        case .committee: "COMMITTEE SENSITIVE"
        case .restricted: "RESTRICTED"
        }
    }
}

extension Marking {
    /// Encoded by name (`"committee"`), as in the format.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Marking(attribute: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a marking: \(text)")
        }
        self = value
    }
}

extension Marking: CustomStringConvertible {
    public var description: String { name }
}

extension Sequence where Element == Marking {
    /// The most restrictive marking in the sequence, or `public` when it is empty.
    public var highest: Marking {
        reduce(Marking.public) { Swift.max($0, $1) }
    }
}
