#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Byte primitives that the C library does faster than a loop, lent to BriefKit's fast paths as safe calls on spans:
// the pointers never leave these functions.

extension Span where Element == UInt8 {
    /// The first index at or after `start` whose byte is `byte` (`memchr`).
    public func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start < count else { return nil }
        return withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress,
                  let hit = memchr(base + start, Int32(byte), count - start) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }
}

extension Span where Element == UInt8 {
    /// Every index where `needle` starts, in order, not overlapping: a whole-file scan for a rare marker (brief's
    /// suppressions, `<?brief-ignore`) at `memchr`'s speed. It looks for the needle's byte at `rareByteIndex` — pick one
    /// that is rare in the text (`?` or `!` after a `<`; a list's `<` is everywhere) — and compares the rest there.
    public func offsets(of needle: [UInt8], rareByteIndex: Int = 1) -> [Int] {
        guard !needle.isEmpty, needle.count <= count, needle.indices.contains(rareByteIndex) else { return [] }
        var found: [Int] = []
        var from = rareByteIndex
        while let hit = firstIndex(of: needle[rareByteIndex], from: from) {
            let start = hit - rareByteIndex
            from = hit + 1
            guard start >= (found.last.map { $0 + needle.count } ?? 0), start + needle.count <= count else { continue }
            var equal = true
            for index in needle.indices where self[start + index] != needle[index] {
                equal = false
                break
            }
            if equal { found.append(start) }
        }
        return found
    }
}

extension Array where Element == UInt8 {
    /// Appends `bytes[range]` at once.
    public mutating func append(_ bytes: Span<UInt8>, range: Range<Int>) {
        guard !range.isEmpty else { return }
        bytes.withUnsafeBufferPointer { buffer in
            append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
        }
    }
}
