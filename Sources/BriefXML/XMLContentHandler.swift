/// An attribute of an element, with its value decoded.
public struct XMLAttribute: Sendable, Equatable {
    public var localName: String
    public var namespace: String?
    public var value: String

    public init(localName: String, namespace: String? = nil, value: String) {
        self.localName = localName
        self.namespace = namespace
        self.value = value
    }
}

/// Receives a document as a stream of events, in document order, while it is parsed and validated.
///
/// Nothing of the document is kept by the parser: the handler builds what it needs. Problems are delivered
/// in the same stream, at the moment libxml2 raises them, so a handler can attach its own context (the
/// record being read) to them.
public protocol XMLContentHandler: AnyObject {
    /// The root element's namespace is known: return the schema to validate with, or nil for none.
    func schema(forRootNamespace namespace: String?, localName: String) -> CompiledSchema?
    /// An element starts. `index` counts elements in document order from 0; `offset` is the byte offset of its `<`.
    func startElement(localName: String, namespace: String?, attributes: [XMLAttribute], index: Int, offset: Int)
    /// Character data inside the current element (possibly in several pieces).
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
    /// The current element ends.
    func endElement()
    /// Something is wrong with the document.
    func problem(_ problem: XMLProblem)
}
