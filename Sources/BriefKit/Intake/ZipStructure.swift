/// A bounds check of a zip's directory before the zip library reads it: every offset and size the directory gives
/// must lie inside the bytes. ZIPFoundation's in-memory archive trusts them, and a damaged or hostile workbook
/// whose header points past its end stops the process (a range check in the library) instead of failing.
enum ZipStructure {
    /// Why the zip cannot be read safely, or nil when every record lies inside `bytes`.
    static func problem(in bytes: [UInt8], maxEntries: Int) -> String? {
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= bytes.count else { return nil }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) -> Int? {
            guard let low = u16(at), let high = u16(at + 2) else { return nil }
            return low | high << 16
        }
        // The end-of-central-directory record: 22 bytes and a comment of at most 65,535, at the end.
        let minimum = 22
        guard bytes.count >= minimum else { return "the zip is truncated" }
        var end: Int?
        var position = bytes.count - minimum
        while position >= max(0, bytes.count - minimum - 65_535) {
            if u32(position) == 0x0605_4B50 { end = position; break }
            position -= 1
        }
        guard let end, let entries = u16(end + 10), let size = u32(end + 12), let start = u32(end + 16),
              let commentLength = u16(end + 20) else { return "the zip has no central directory" }
        guard end + minimum + commentLength == bytes.count else { return "the zip's end record does not end the file" }
        guard entries != 0xFFFF, size != 0xFFFF_FFFF, start != 0xFFFF_FFFF else { return "the zip is a ZIP64 archive, which a workbook of this size never needs" }
        guard entries <= maxEntries else { return "the workbook has more than \(maxEntries) parts" }
        guard start + size <= end else { return "the zip's central directory lies outside the file" }
        var record = start
        for _ in 0..<entries {
            guard u32(record) == 0x0201_4B50, let compressed = u32(record + 20), let uncompressed = u32(record + 24),
                  let nameLength = u16(record + 28), let extraLength = u16(record + 30), let commentLength = u16(record + 32),
                  let local = u32(record + 42) else { return "the zip's central directory is damaged" }
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else {
                return "the zip is a ZIP64 archive, which a workbook of this size never needs"
            }
            let next = record + 46 + nameLength + extraLength + commentLength
            guard next <= start + size else { return "the zip's central directory is damaged" }
            // The local header, its name and extra field, and the compressed data, before the directory.
            guard u32(local) == 0x0403_4B50, let localName = u16(local + 26), let localExtra = u16(local + 28) else {
                return "a part's local header lies outside the zip or is damaged"
            }
            guard local + 30 + localName + localExtra + compressed <= start else { return "a part's data lies outside the zip" }
            record = next
        }
        return nil
    }
}
