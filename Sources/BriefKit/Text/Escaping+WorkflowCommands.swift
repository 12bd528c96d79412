import BriefXML

extension Escaping {
    /// Output lines that no CI runner reads as a workflow command. The GitHub Actions runner reads a line as a command
    /// when, after leading white space, it starts with `::` (`::add-mask::…`), or when it holds `##[` anywhere
    /// (`##[error]…`, the older form); it splits lines at LF and at CR. So in each line the second `:` of a leading
    /// `::` is written `\u{3A}`, and the `[` of every `##[` `\u{5B}`; every other byte is kept.
    ///
    /// Data reaches human outputs through `terminal`, which already escapes both sequences wherever they are in a data
    /// string; this pass is the last line of defence at the output's edge, for what text around data could still form.
    /// Output without either sequence (nearly all) is returned as it is after one scan of its bytes.
    public static func commandSafeLines(_ text: String) -> String {
        guard let changed = commandSafeLines(text.utf8.span) else { return text }
        return String(decoding: changed, as: UTF8.self)
    }

    /// `commandSafeLines` of UTF-8 bytes (which need not be valid UTF-8): nil when nothing changes.
    public static func commandSafeLines(_ bytes: Span<UInt8>) -> [UInt8]? {
        guard holdsCommandSequence(bytes) else { return nil }
        var result: [UInt8]?
        var start = 0, index = 0
        var lineStart = true
        let colon: [UInt8] = Array("\\u{3A}".utf8), bracket: [UInt8] = Array("\\u{5B}".utf8)
        func replace(at position: Int, with escape: [UInt8]) {
            if result == nil { result = []; result?.reserveCapacity(bytes.count + 64) }
            result?.append(bytes, range: start..<position)
            result?.append(contentsOf: escape)
            start = position + 1
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lineStart = true
                index += 1
                continue
            }
            if lineStart {
                let space = whiteSpaceLength(bytes, at: index)
                if space > 0 {
                    index += space
                    continue
                }
                lineStart = false
                if byte == 0x3A, index + 1 < bytes.count, bytes[index + 1] == 0x3A {
                    replace(at: index + 1, with: colon)
                    index += 2
                    continue
                }
            }
            if byte == 0x5B, index > 1, bytes[index - 1] == 0x23, bytes[index - 2] == 0x23 {
                replace(at: index, with: bracket)
            }
            index += 1
        }
        guard var result else { return nil }
        result.append(bytes, range: start..<bytes.count)
        return result
    }

    /// Whether `commandSafeLines` would change `bytes`: a `##[` anywhere, or a line whose first character after white
    /// space is `::`. `memchr` (`Span.firstIndex(of:from:)`) finds the rare `[` and, when the text has no CR, each
    /// line; so an output of tens of megabytes is judged at a fraction of a byte-by-byte loop's cost.
    static func holdsCommandSequence(_ bytes: Span<UInt8>) -> Bool {
        let count = bytes.count
        guard count > 0 else { return false }
        var from = 0
        while let index = bytes.firstIndex(of: 0x5B, from: from) {
            if index > 1, bytes[index - 1] == 0x23, bytes[index - 2] == 0x23 { return true }
            from = index + 1
        }
        /// Whether the line starting at `start` starts with `::` after white space.
        func startsWithColons(_ start: Int) -> Bool {
            var index = start
            while index < count {
                let space = whiteSpaceLength(bytes, at: index)
                guard space > 0, bytes[index] != 0x0A, bytes[index] != 0x0D else { break }
                index += space
            }
            return index + 1 < count && bytes[index] == 0x3A && bytes[index + 1] == 0x3A
        }
        if bytes.firstIndex(of: 0x0D, from: 0) != nil {
            // Lines end at CR too: every byte is looked at.
            var lineStart = true
            for index in 0..<count {
                if lineStart, startsWithColons(index) { return true }
                lineStart = bytes[index] == 0x0A || bytes[index] == 0x0D
            }
            return false
        }
        var start = 0
        while start < count {
            if startsWithColons(start) { return true }
            guard let newline = bytes.firstIndex(of: 0x0A, from: start) else { break }
            start = newline + 1
        }
        return false
    }

    /// `commandSafeLines` of an array of UTF-8 bytes; the same array when nothing changes.
    public static func commandSafeLines(_ bytes: [UInt8]) -> [UInt8] {
        commandSafeLines(bytes.span) ?? bytes
    }

    /// The length of the white space character at `index` that .NET's `TrimStart` (the runner's) removes, or 0:
    /// tab to CR, space, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    static func whiteSpaceLength(_ bytes: Span<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x09...0x0D, 0x20:
            return 1
        case 0xC2:
            guard index + 1 < bytes.count else { return 0 }
            return bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0 ? 2 : 0
        case 0xE1, 0xE2, 0xE3:
            guard index + 2 < bytes.count else { return 0 }
            let second = bytes[index + 1], third = bytes[index + 2]
            switch (byte, second) {
            case (0xE1, 0x9A): return third == 0x80 ? 3 : 0
            case (0xE2, 0x80): return (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
            case (0xE2, 0x81): return third == 0x9F ? 3 : 0
            case (0xE3, 0x80): return third == 0x80 ? 3 : 0
            default: return 0
            }
        default:
            return 0
        }
    }
}
