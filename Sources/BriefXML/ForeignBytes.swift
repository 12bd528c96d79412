/// Bytes that C code hands to Swift (libFuzzer's input), copied into an array at the boundary.
public enum ForeignBytes {
    /// A copy of the `count` bytes at `start`. The caller vouches that they are readable: it is the C side's
    /// contract (libFuzzer's `LLVMFuzzerTestOneInput`), which Swift cannot check.
    @unsafe
    public static func copy(from start: OpaquePointer?, count: Int) -> [UInt8] {
        guard let start, count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: UnsafePointer<UInt8>(start), count: count))
    }
}
