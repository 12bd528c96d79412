#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let original = string
        var contiguous = string
        return contiguous.withUTF8 { bytes in intern(bytes) { original } }
    }

    /// The shared string of these UTF-8 bytes, made only when it is not known yet.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        intern(bytes) { String(decoding: bytes, as: UTF8.self) }
    }

    /// `XMLWhitespace.collapsed(bytes)`, shared: text that needs no collapsing is looked up without making a string.
    mutating func internCollapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        XMLWhitespace.isCollapsed(bytes) ? intern(bytes) : intern(XMLWhitespace.collapsed(bytes))
    }

    private mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, make: () -> String) -> String {
        guard bytes.count >= 16 else { return make() }
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while let existing = slots[slot] {
            if hashes[slot] == hash, existing.utf8.count == bytes.count, Self.equal(existing, bytes) {
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

    /// Whether `string`'s UTF-8 is `bytes` (of the same length).
    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return string.isEmpty }
        return string.utf8.withContiguousStorageIfAvailable { stored in
            memcmp(stored.baseAddress!, base, bytes.count) == 0
        } ?? string.utf8.elementsEqual(bytes)
    }

    /// A 64-bit hash of the bytes, eight at a time.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < bytes.count {
            tail = tail << 8 | UInt64(base[offset])
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
    return array.withUnsafeBufferPointer { source in
        [T](unsafeUninitializedCapacity: source.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: source)
        }
    }
}
