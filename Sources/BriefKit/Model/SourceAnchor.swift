/// Where a model value came from in its file: the byte offset of its element's `<`, and optionally the attribute.
///
/// Kept as an offset (two machine words) rather than a line and column, which are computed only for the few
/// values a diagnostic points at.
public struct SourceAnchor: Sendable, Hashable {
    /// Byte offset of the element's `<` in the document's UTF-8 text.
    public var offset: Int
    /// The attribute meant, if any.
    public var attribute: String?

    public init(offset: Int, attribute: String? = nil) {
        self.offset = offset
        self.attribute = attribute
    }

    /// The same element, pointing at one of its attributes.
    public func at(_ attribute: String) -> SourceAnchor {
        SourceAnchor(offset: offset, attribute: attribute)
    }
}
