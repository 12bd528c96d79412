/// What went wrong while reading a document, before any domain meaning is attached.
public struct XMLProblem: Error, Sendable, Equatable {
    /// Where a problem comes from.
    public enum Kind: Sendable, Equatable {
        /// Not well-formed XML, or not in an accepted encoding.
        case wellFormedness
        /// The document has a DOCTYPE declaration, refused before it was read.
        case doctype
        /// The XML Schema rejected the document.
        case schema
        /// A resource limit (size, depth, text length) was exceeded.
        case limit
    }

    /// When a schema problem was raised, relative to the element it concerns.
    public enum Phase: Sendable, Equatable {
        /// While the element's start tag (name, attributes) was checked.
        case start
        /// While the element's text was checked.
        case text
        /// While the element's end was checked (content model, identity constraints).
        case end
    }

    public var kind: Kind
    /// libxml2's number for the problem (`.none` for problems found by this module itself).
    public var code: XMLErrorCode
    /// The message, without libxml2's trailing newline.
    public var message: String
    /// Byte offset in the UTF-8 text where the problem is, when known.
    public var offset: Int?
    /// Line and column (1-based) reported by libxml2, when it gives them (well-formedness errors).
    public var line: Int?
    public var column: Int?
    /// Document-order index of the element the problem concerns (schema problems), when known.
    public var elementIndex: Int?
    /// When a schema problem was raised (it concerns the element open then, `elementIndex`).
    public var phase: Phase?
    /// libxml2's extra strings (for schema errors: often the offending value, then what it should have been; see
    /// `XMLErrorCode`'s cases).
    public var details: [String]
    /// libxml2's number parameter, when the problem has one (for `.invalidCharacter`, the character's code point;
    /// 0 when the bytes are not UTF-8).
    public var number: Int?

    public init(kind: Kind, code: XMLErrorCode = .none, message: String, offset: Int? = nil, line: Int? = nil, column: Int? = nil,
                elementIndex: Int? = nil, phase: Phase? = nil, details: [String] = [], number: Int? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.elementIndex = elementIndex
        self.phase = phase
        self.details = details
        self.number = number
    }
}
