extension String {
    /// Trims the four XML whitespace characters.
    func trimmingXMLWhitespace() -> String {
        XMLWhitespace.trimmed(utf8.span)
    }

    /// Trims and collapses runs of XML whitespace to one space: how docs/format.md's free text is read.
    func collapsingXMLWhitespace() -> String {
        XMLWhitespace.collapsed(utf8.span)
    }
}

extension Substring {
    /// Trims the four XML whitespace characters.
    func trimmingXMLWhitespace() -> String {
        XMLWhitespace.trimmed(utf8.span)
    }

    /// Trims and collapses runs of XML whitespace to one space.
    func collapsingXMLWhitespace() -> String {
        XMLWhitespace.collapsed(utf8.span)
    }
}

/// XML whitespace handling on UTF-8 bytes, giving exactly the results of the character-wise definitions
/// (`trimmedByCharacters`, `collapsedByCharacters`) without iterating characters.
///
/// The character-wise definitions treat a whitespace byte as whitespace only when it is a character of its own.
/// A tab, line feed or carriage return always is (CR LF is one whitespace character). A space is not when a
/// "prepend" scalar comes before it or a combining (extending) scalar after it; those cases, which need a
/// non-ASCII neighbour, are checked with the standard library's own grapheme breaking, and the rare text that
/// has one is handled character-wise.
enum XMLWhitespace {
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// `String(utf8: bytes).trimmingXMLWhitespace()`.
    static func trimmed(_ bytes: Span<UInt8>) -> String {
        let count = bytes.count
        guard count > 0 else { return "" }
        if !isSpace(bytes[0]), !isSpace(bytes[count - 1]) { return String(utf8: bytes) }
        var start = 0, end = count
        while start < end, isSpace(bytes[start]) { start += 1 }
        guard start < end else { return "" }
        while isSpace(bytes[end - 1]) { end -= 1 }
        guard start == 0 || spaceStandsAlone(bytes, at: start - 1),
              end == count || spaceStandsAlone(bytes, at: end) else {
            return trimmedByCharacters(String(utf8: bytes))
        }
        return String(utf8: bytes.extracting(start..<end))
    }

    /// Where the bytes between leading and trailing XML whitespace bytes are (which, unlike `trimmed`, may keep a
    /// space that a combining mark joins: use it where the result is compared with ASCII only).
    static func trimmedRange(_ bytes: Span<UInt8>) -> Range<Int> {
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    /// Whether collapsing leaves `bytes` as they are: no whitespace at the ends, no tab or line break, no two
    /// spaces in a row (single spaces between other characters stay as they are, whatever those characters).
    static func isCollapsed(_ bytes: Span<UInt8>) -> Bool {
        let count = bytes.count
        guard count > 0 else { return true }
        guard !isSpace(bytes[0]), !isSpace(bytes[count - 1]) else { return false }
        // Most bytes are above the space: one comparison each.
        var previous: UInt8 = 0
        for index in bytes.indices {
            let byte = bytes[index]
            if byte <= 0x20 {
                if byte == 0x20, previous == 0x20 { return false }
                if byte == 0x09 || byte == 0x0A || byte == 0x0D { return false }
            }
            previous = byte
        }
        return true
    }

    /// `String(utf8: bytes).collapsingXMLWhitespace()`.
    static func collapsed(_ bytes: Span<UInt8>) -> String {
        let count = bytes.count
        guard count > 0 else { return "" }
        if isCollapsed(bytes) { return String(utf8: bytes) }
        var output: [UInt8] = []
        output.reserveCapacity(count)
        var index = 0
        while index < count {
            if isSpace(bytes[index]) {
                let runStart = index
                while index < count, isSpace(bytes[index]) { index += 1 }
                if !spaceStandsAlone(bytes, at: runStart) || !spaceStandsAlone(bytes, at: index - 1) {
                    return collapsedByCharacters(String(utf8: bytes))
                }
                if !output.isEmpty, index < count { output.append(0x20) }
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(utf8: output.span)
    }

    /// Whether the whitespace byte at `index` is a character of its own (always, unless it is a space next to a
    /// non-ASCII scalar that joins it).
    private static func spaceStandsAlone(_ bytes: Span<UInt8>, at index: Int) -> Bool {
        guard bytes[index] == 0x20 else { return true }
        if index > 0, bytes[index - 1] >= 0x80 {
            var start = index - 1
            while start > 0, index - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            guard let previous = decodeScalar(bytes.extracting(start..<index)), separate(previous, " ") else { return false }
        }
        if index + 1 < bytes.count, bytes[index + 1] >= 0x80 {
            var end = index + 2
            while end < bytes.count, end - index < 5, bytes[end] & 0xC0 == 0x80 { end += 1 }
            guard let next = decodeScalar(bytes.extracting((index + 1)..<end)), separate(" ", next) else { return false }
        }
        return true
    }

    /// The one scalar that `bytes` encode, or nil if they are not exactly one well-formed scalar.
    private static func decodeScalar(_ bytes: Span<UInt8>) -> Unicode.Scalar? {
        guard let valid = try? UTF8Span(validating: bytes) else { return nil }
        var scalars = valid.makeUnicodeScalarIterator()
        guard let scalar = scalars.next(), scalars.next() == nil else { return nil }
        return scalar
    }

    /// Whether a grapheme break falls between two scalars (by the standard library's rules).
    private static func separate(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        var pair = String()
        pair.unicodeScalars.append(first)
        pair.unicodeScalars.append(second)
        return pair.count == 2
    }

    /// The definition of trimming, character by character.
    static func trimmedByCharacters<S: StringProtocol>(_ text: S) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }

    /// The definition of collapsing, character by character.
    static func collapsedByCharacters<S: StringProtocol>(_ text: S) -> String {
        var result = ""
        var pendingSpace = false
        for character in text {
            if character == " " || character == "\t" || character == "\n" || character == "\r" || character == "\r\n" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" "); pendingSpace = false }
                result.append(character)
            }
        }
        return result
    }
}
