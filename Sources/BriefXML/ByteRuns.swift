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

extension Array where Element == UInt8 {
    /// Appends `bytes[range]` at once.
    public mutating func append(_ bytes: Span<UInt8>, range: Range<Int>) {
        guard !range.isEmpty else { return }
        bytes.withUnsafeBufferPointer { buffer in
            append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
        }
    }
}
