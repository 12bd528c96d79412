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
    /// libxml2's number parameter, when the problem has one (for `.invalidCharacter`, the character's code point,
    /// or 0).
    public var number: Int?
    /// For `.invalidCharacter`: what is at the problem's offset, read from the text itself (libxml2 raises bytes
    /// that are not UTF-8 and characters XML does not allow under one number, and tells them apart only in words).
    public var invalidCharacter: InvalidCharacter?

    /// What an `.invalidCharacter` problem found.
    public enum InvalidCharacter: Sendable, Equatable {
        /// Bytes that do not begin a UTF-8 sequence (the first two of them, or one at the end of the text).
        case notUTF8(bytes: [UInt8])
        /// A character XML does not allow, written as itself.
        case written(codePoint: Int)
        /// A character reference (`&#27;`, `&#x1B;`) to a character XML does not allow.
        case referenced(codePoint: Int)
    }

    public init(kind: Kind, code: XMLErrorCode = .none, message: String, offset: Int? = nil, line: Int? = nil, column: Int? = nil,
                elementIndex: Int? = nil, phase: Phase? = nil, details: [String] = [], number: Int? = nil,
                invalidCharacter: InvalidCharacter? = nil) {
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
        self.invalidCharacter = invalidCharacter
    }
}

extension XMLProblem {
    /// What an identity-constraint problem (`.identityConstraint`) is.
    public enum IdentityConstraintFailure: Sendable, Equatable {
        /// A `key` or `unique` constraint met a value (a key sequence) a second time.
        case duplicate(values: [String])
        /// A `keyref` value (a key sequence) that no key has.
        case unmatchedReference(values: [String])
        /// A field could not be evaluated, because its value is itself invalid (and has its own problem).
        case unevaluable
    }

    /// For `.identityConstraint`: which failure it is. libxml2 raises them all under one number; they differ in
    /// their details: a keyref's are the element, the key sequence and the keyref's name (xmlSchemaKeyrefErr);
    /// a duplicate's are the key sequence (`['CU-019']`) and the constraint; the others carry no key sequence.
    public var identityConstraintFailure: IdentityConstraintFailure? {
        guard code == .identityConstraint else { return nil }
        if details.count == 3, let values = Self.keySequence(details[1]) { return .unmatchedReference(values: values) }
        if details.count == 2, let values = Self.keySequence(details[0]) { return .duplicate(values: values) }
        return .unevaluable
    }

    /// `['a']` or `['a', 'b']` (libxml2's xmlSchemaFormatIDCKeySequence) → its values; nil for anything else.
    static func keySequence(_ text: String) -> [String]? {
        guard text.hasPrefix("['"), text.hasSuffix("']"), text.count >= 4 else { return nil }
        return text.dropFirst(2).dropLast(2).split(separator: "', '", omittingEmptySubsequences: false).map(String.init)
    }
}
