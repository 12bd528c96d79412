extension String {
    /// The text of UTF-8 bytes; ill-formed sequences read as U+FFFD, as with `String(decoding:as:)`.
    ///
    /// Valid bytes (all that libxml2 hands over, and all of brief's own) are checked once and copied once.
    init(utf8 bytes: Span<UInt8>) {
        if let valid = try? UTF8Span(validating: bytes) {
            self.init(copying: valid)
            return
        }
        var copy: [UInt8] = []
        copy.reserveCapacity(bytes.count)
        for index in bytes.indices { copy.append(bytes[index]) }
        self.init(decoding: copy, as: UTF8.self)
    }
}

extension Span where Element == UInt8 {
    /// Whether the two runs of bytes are the same, compared eight bytes at a time.
    func equals(_ other: Span<UInt8>) -> Bool {
        guard count == other.count else { return false }
        var offset = 0
        while offset + 8 <= count {
            guard word(at: offset) == other.word(at: offset) else { return false }
            offset += 8
        }
        while offset < count {
            guard self[offset] == other[offset] else { return false }
            offset += 1
        }
        return true
    }

    /// The eight bytes from `offset` as one little-endian word (the compiler makes it one load).
    @inline(__always)
    func word(at offset: Int) -> UInt64 {
        let bytes = extracting(offset..<(offset + 8))
        var word: UInt64 = 0
        for index in 0..<8 { word |= UInt64(bytes[index]) << (8 * UInt64(index)) }
        return word
    }
}
