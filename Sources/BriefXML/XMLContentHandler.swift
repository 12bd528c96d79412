/// An element or attribute name, interned for the length of one parse.
///
/// Within a parse, two names are equal exactly when their `id`s are, so a handler can classify a name once (by
/// its strings) and afterwards compare or index by `id` alone. Ids are dense, from 0, in order of first use.
public struct XMLName: Sendable, Hashable {
    /// Dense per-parse identifier (0, 1, 2, ...).
    public let id: Int
    public let localName: String
    public let namespace: String?

    public init(id: Int, localName: String, namespace: String?) {
        self.id = id
        self.localName = localName
        self.namespace = namespace
    }
}

/// The attributes of a start tag, in document order, lent to `XMLContentHandler.startElement` for the call.
///
/// The values are in libxml2's buffers, which change after the call: the attributes cannot be copied out of the
/// call, and their values are lent as `Span`s that cannot outlive it. Copy what must be kept (`stringValue(at:)`,
/// or the bytes into storage of one's own).
public struct XMLAttributes: ~Copyable {
    /// One attribute: its interned name and its value's bytes, valid during the event.
    @usableFromInline
    struct Entry {
        @usableFromInline let name: XMLName
        @usableFromInline let value: UnsafeBufferPointer<UInt8>

        @usableFromInline
        init(name: XMLName, value: UnsafeBufferPointer<UInt8>) {
            self.name = name
            self.value = value
        }
    }

    @usableFromInline let entries: UnsafeBufferPointer<Entry>

    init(_ entries: UnsafeBufferPointer<Entry>) {
        self.entries = entries
    }

    /// The number of attributes.
    @inlinable
    public var count: Int { entries.count }

    /// The positions of the attributes, `0..<count`.
    @inlinable
    public var indices: Range<Int> { 0..<entries.count }

    /// The name of the attribute at `index`.
    @inlinable
    public func name(at index: Int) -> XMLName {
        precondition(index >= 0 && index < entries.count, "XMLAttributes index out of range")
        return entries[index].name
    }

    /// The UTF-8 bytes of the value of the attribute at `index` (character references resolved, attribute-value
    /// normalisation done), lent for as long as the attributes are.
    @inlinable @_lifetime(borrow self)
    public func value(at index: Int) -> Span<UInt8> {
        precondition(index >= 0 && index < entries.count, "XMLAttributes index out of range")
        let buffer = entries[index].value
        let bytes = Span(_unsafeElements: buffer)
        return _overrideLifetime(bytes, borrowing: self)
    }

    /// The value of the attribute at `index` as a `String` (a copy).
    public func stringValue(at index: Int) -> String {
        precondition(index >= 0 && index < entries.count, "XMLAttributes index out of range")
        return String(decoding: entries[index].value, as: UTF8.self)
    }
}

/// Receives a document as a stream of events, in document order, while it is parsed and validated.
///
/// Nothing of the document is kept by the parser: the handler builds what it needs. Problems are delivered
/// in the same stream, at the moment libxml2 raises them, so a handler can attach its own context (the
/// record being read) to them.
///
/// Events carry borrowed views (names interned per parse, attribute values and text as `Span`s of libxml2's
/// buffers), so that reading a large document costs no allocation per event; a handler copies only what it keeps,
/// and cannot keep a view past its event.
public protocol XMLContentHandler: AnyObject {
    /// The root element's namespace is known: return the schema to validate with, or nil for none.
    func schema(forRootNamespace namespace: String?, localName: String) -> CompiledSchema?
    /// An element starts. `index` counts elements in document order from 0; `offset` is the byte offset of its `<`.
    /// `attributes` is lent for the call.
    func startElement(name: XMLName, attributes: borrowing XMLAttributes, index: Int, offset: Int)
    /// Character data inside the current element, as UTF-8 (possibly in several pieces), lent for the call.
    func characters(_ bytes: Span<UInt8>)
    /// The current element ends.
    func endElement()
    /// Something is wrong with the document.
    func problem(_ problem: XMLProblem)
}

/// `XMLContentHandler` for values: a handler that a parse owns while it runs (`SecureXMLParser.parse(_:handler:)`
/// with an `inout` handler), whose events are mutating calls. It may be noncopyable.
public protocol XMLEventHandler: ~Copyable {
    /// The root element's namespace is known: return the schema to validate with, or nil for none.
    mutating func schema(forRootNamespace namespace: String?, localName: String) -> CompiledSchema?
    /// An element starts. `index` counts elements in document order from 0; `offset` is the byte offset of its `<`.
    /// `attributes` is lent for the call.
    mutating func startElement(name: XMLName, attributes: borrowing XMLAttributes, index: Int, offset: Int)
    /// Character data inside the current element, as UTF-8 (possibly in several pieces), lent for the call.
    mutating func characters(_ bytes: Span<UInt8>)
    /// The current element ends.
    mutating func endElement()
    /// Something is wrong with the document.
    mutating func problem(_ problem: XMLProblem)
}
