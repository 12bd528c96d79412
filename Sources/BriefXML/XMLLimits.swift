/// Resource limits for reading one untrusted document.
public struct XMLLimits: Sendable, Equatable {
    /// Largest accepted input, in bytes (default 256 MiB).
    public var maxBytes: Int
    /// Deepest accepted element nesting (default 64; a prisoner list needs 4).
    public var maxDepth: Int
    /// Longest accepted text content of one element or value of one attribute, in bytes (default 1 MiB).
    public var maxTextBytes: Int

    /// Creates limits; values are clamped to what libxml2 itself allows.
    public init(maxBytes: Int = 256 << 20, maxDepth: Int = 64, maxTextBytes: Int = 1 << 20) {
        self.maxBytes = max(0, min(maxBytes, Int(Int32.max)))
        self.maxDepth = max(1, min(maxDepth, XMLRuntime.hardDepthLimit))
        self.maxTextBytes = max(1, maxTextBytes)
    }

    /// The documented defaults.
    public static let `default` = XMLLimits()
}
