import BriefXML

extension Escaping {
    /// Appends `value` as a JSON string: `"` and `\` escaped, control characters as `\n`-style or `\u001f`-style
    /// escapes, bidirectional formatting characters as `\u202e`-style escapes, and the `[` of `##[` as `\u005b` (a CI
    /// runner reads `##[command]` anywhere in a line). Every escape decodes to the same string: the data stays
    /// faithful, and no raw bidirectional character or workflow command is in the bytes. Runs of other bytes are
    /// copied at once.
    static func appendJSONString(_ value: String, to bytes: inout [UInt8]) {
        do {
            let utf8 = value.utf8.span
            bytes.append(UInt8(ascii: "\""))
            var start = 0, index = 0
            func flush() {
                bytes.append(utf8, range: start..<index)
            }
            while index < utf8.count {
                let byte = utf8[index]
                let length: Int
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x00..<0x20:
                    length = 1
                case 0xD8, 0xE2:
                    length = bidiControlLength(utf8, at: index)
                case 0x5B:
                    length = index > 1 && utf8[index - 1] == 0x23 && utf8[index - 2] == 0x23 ? 1 : 0
                default:
                    length = 0
                }
                guard length > 0 else {
                    index += 1
                    continue
                }
                flush()
                appendJSONEscape(of: utf8, at: index, length: length, to: &bytes)
                index += length
                start = index
            }
            flush()
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// The escape of the character of `length` bytes at `index`, as `JSONEncoder` writes the ones it escapes.
    private static func appendJSONEscape(of utf8: Span<UInt8>, at index: Int, length: Int, to bytes: inout [UInt8]) {
        let byte = utf8[index]
        let backslash = UInt8(ascii: "\\")
        switch (byte, length) {
        case (UInt8(ascii: "\""), 1): bytes.append(contentsOf: [backslash, byte])
        case (UInt8(ascii: "\\"), 1): bytes.append(contentsOf: [backslash, backslash])
        case (0x08, 1): bytes.append(contentsOf: [backslash, UInt8(ascii: "b")])
        case (0x0C, 1): bytes.append(contentsOf: [backslash, UInt8(ascii: "f")])
        case (0x0A, 1): bytes.append(contentsOf: [backslash, UInt8(ascii: "n")])
        case (0x0D, 1): bytes.append(contentsOf: [backslash, UInt8(ascii: "r")])
        case (0x09, 1): bytes.append(contentsOf: [backslash, UInt8(ascii: "t")])
        default:
            // A code point below U+10000: one `\u` escape of four lowercase hex digits.
            var value: UInt32
            switch length {
            case 2: value = UInt32(byte & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F)
            case 3: value = UInt32(byte & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
            default: value = UInt32(byte)
            }
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [backslash, UInt8(ascii: "u")])
            for shift in stride(from: 12, through: 0, by: -4) {
                bytes.append(hex[Int((value >> UInt32(shift)) & 0xF)])
            }
        }
    }

    /// JSON text from `JSONEncoder` with the same escapes `appendJSONString` makes: each raw bidirectional formatting
    /// character becomes `\u202e`-style, each `##[` becomes `##\u005b`. Both can only occur inside strings (JSON's own
    /// tokens are ASCII and never `#`), so the value is unchanged. Text that holds neither is returned as it is.
    public static func json(_ encoded: [UInt8]) -> [UInt8] {
        do {
            let utf8 = encoded.span
            var result: [UInt8] = []
            var start = 0, index = 0
            while index < utf8.count {
                let byte = utf8[index]
                var length = 0
                if byte == 0xD8 || byte == 0xE2 {
                    length = bidiControlLength(utf8, at: index)
                } else if byte == 0x5B, index > 1, utf8[index - 1] == 0x23, utf8[index - 2] == 0x23 {
                    length = 1
                }
                guard length > 0 else {
                    index += 1
                    continue
                }
                if result.isEmpty { result.reserveCapacity(utf8.count + 64) }
                result.append(utf8, range: start..<index)
                appendJSONEscape(of: utf8, at: index, length: length, to: &result)
                index += length
                start = index
            }
            guard start > 0 else { return encoded }
            result.append(utf8, range: start..<utf8.count)
            return result
        }
    }
}
