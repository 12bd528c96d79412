/// Shares equal strings while a document is read: a 100,000-prisoner list repeats a few hundred charges,
/// facilities, affiliations and provinces hundreds of thousands of times; each is stored once.
///
/// Only strings too long for Swift's inline representation (16 UTF-8 bytes or more) are worth sharing. The table
/// is bounded, so a document of unique values costs at most `capacity` entries.
struct StringInterner {
    /// Largest number of distinct strings kept.
    static let capacity = 1 << 15

    private var slots: [String?]
    private var hashes: [UInt64]
    private var mask: Int
    private var count = 0

    init() {
        slots = Array(repeating: nil, count: 64)
        hashes = Array(repeating: 0, count: 64)
        mask = 63
    }

    /// The shared copy of `string` (or `string` itself).
    mutating func intern(_ string: String) -> String {
        guard string.utf8.count >= 16 else { return string }
        return intern(string.utf8.span) { string }
    }

    /// The shared string of these UTF-8 bytes, made only when it is not known yet.
    mutating func intern(_ bytes: Span<UInt8>) -> String {
        intern(bytes) { String(utf8: bytes) }
    }

    /// `XMLWhitespace.collapsed(bytes)`, shared: text that needs no collapsing is looked up without making a string.
    mutating func internCollapsed(_ bytes: Span<UInt8>) -> String {
        if XMLWhitespace.isCollapsed(bytes) { return intern(bytes) }
        let collapsed = XMLWhitespace.collapsed(bytes)
        return intern(collapsed)
    }

    private mutating func intern(_ bytes: Span<UInt8>, make: () -> String) -> String {
        guard bytes.count >= 16 else { return make() }
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while let existing = slots[slot] {
            if hashes[slot] == hash, existing.utf8.count == bytes.count, existing.utf8.span.equals(bytes) {
                return existing
            }
            slot = (slot + 1) & mask
        }
        let string = make()
        guard count < Self.capacity else { return string }
        slots[slot] = string
        hashes[slot] = hash
        count += 1
        if count * 2 > slots.count { grow() }
        return string
    }

    /// A 64-bit hash of the bytes, eight at a time.
    private static func hash(_ bytes: Span<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.word(at: offset)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < bytes.count {
            tail = tail << 8 | UInt64(bytes[offset])
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }

    private mutating func grow() {
        let oldSlots = slots, oldHashes = hashes
        slots = Array(repeating: nil, count: oldSlots.count * 2)
        hashes = Array(repeating: 0, count: oldSlots.count * 2)
        mask = slots.count - 1
        for (index, string) in oldSlots.enumerated() {
            guard let string else { continue }
            var slot = Int(truncatingIfNeeded: oldHashes[index]) & mask
            while slots[slot] != nil { slot = (slot + 1) & mask }
            slots[slot] = string
            hashes[slot] = oldHashes[index]
        }
    }
}

/// A copy of `array` in storage of its own, exactly sized (gathering buffers keep their spare capacity).
@inline(__always)
func exactCopy<T>(_ array: [T]) -> [T] {
    guard !array.isEmpty else { return [] }
    var copy: [T] = []
    copy.reserveCapacity(array.count)
    copy.append(contentsOf: array)
    return copy
}
