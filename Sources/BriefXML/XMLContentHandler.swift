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

/// One attribute of a start tag, as libxml2 delivered it.
///
/// `value` points into the parser's buffers: it is valid only during the `startElement` call that delivers it.
/// Copy what must outlive the call (`stringValue`, or the bytes).
public struct XMLAttribute {
    public let name: XMLName
    /// The value's UTF-8 bytes (entity and character references resolved, attribute-value normalisation done).
    public let value: UnsafeBufferPointer<UInt8>

    public init(name: XMLName, value: UnsafeBufferPointer<UInt8>) {
        self.name = name
        self.value = value
    }

    /// The value as a `String` (a copy).
    public var stringValue: String { String(decoding: value, as: UTF8.self) }
}

/// The attributes of a start tag, in document order; valid only during the `startElement` call.
public struct XMLAttributes: RandomAccessCollection {
    public let storage: UnsafeBufferPointer<XMLAttribute>

    public init(_ storage: UnsafeBufferPointer<XMLAttribute>) {
        self.storage = storage
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.count }
    public subscript(position: Int) -> XMLAttribute { storage[position] }
}

/// Receives a document as a stream of events, in document order, while it is parsed and validated.
///
/// Nothing of the document is kept by the parser: the handler builds what it needs. Problems are delivered
/// in the same stream, at the moment libxml2 raises them, so a handler can attach its own context (the
/// record being read) to them.
///
/// Events carry borrowed views (names interned per parse, attribute values and text as bytes in libxml2's
/// buffers), so that reading a large document costs no allocation per event; a handler copies only what it keeps.
public protocol XMLContentHandler: AnyObject {
    /// The root element's namespace is known: return the schema to validate with, or nil for none.
    func schema(forRootNamespace namespace: String?, localName: String) -> CompiledSchema?
    /// An element starts. `index` counts elements in document order from 0; `offset` is the byte offset of its `<`.
    /// `attributes` is valid only during the call.
    func startElement(name: XMLName, attributes: XMLAttributes, index: Int, offset: Int)
    /// Character data inside the current element (possibly in several pieces); valid only during the call.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
    /// The current element ends.
    func endElement()
    /// Something is wrong with the document.
    func problem(_ problem: XMLProblem)
}
