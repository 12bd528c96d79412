/// Escaping of untrusted text for each place it is written to. Every data string reaches an output through one
/// of these functions.
public enum Escaping {
    /// Text safe to print on a terminal: control characters, escape sequences and bidirectional overrides are
    /// shown as `\u{1B}`-style escapes and never reach the terminal raw.
    public static func terminal(_ text: String) -> String {
        guard mayBeUnsafeOnTerminal(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if isUnsafeOnTerminal(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// False when no scalar of `text` can be unsafe, judged from UTF-8 lead bytes alone: C0 controls and DEL,
    /// `C2` (C1 controls), `D8` (U+061C) and `E2` (the bidirectional marks). Most text is decided here without
    /// decoding a scalar.
    static func mayBeUnsafeOnTerminal(_ text: String) -> Bool {
        let bytes = text.utf8.span
        for index in bytes.indices {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2 { return true }
        }
        return false
    }

    static func isUnsafeOnTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// Text for XML content or attribute values (`&`, `<`, `>`, `"`, `'` escaped), with characters XML 1.0
    /// cannot hold replaced by U+FFFD.
    public static func xml(_ text: String) -> String {
        guard needsXMLEscaping(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                if isXMLCharacter(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result.unicodeScalars.append("\u{FFFD}")
                }
            }
        }
        return result
    }

    /// False when `text` holds no markup character and nothing XML cannot hold, judged from UTF-8 bytes: controls
    /// and `EF` (the lead byte of U+FFFE and U+FFFF) send it to the scalar-by-scalar path.
    static func needsXMLEscaping(_ text: String) -> Bool {
        let bytes = text.utf8.span
        for index in bytes.indices {
            switch bytes[index] {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0xEF: return true
            case 0x09, 0x0A, 0x0D: continue
            case let byte where byte < 0x20: return true
            default: continue
            }
        }
        return false
    }

    /// Whether XML 1.0 allows the character at all.
    public static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Cuts text to at most `limit` scalars, marking the cut with an ellipsis.
    public static func bounded(_ text: String, limit: Int) -> String {
        var count = 0
        var index = text.unicodeScalars.startIndex
        while index != text.unicodeScalars.endIndex {
            count += 1
            if count > limit {
                return String(text.unicodeScalars[..<index]) + "…"
            }
            index = text.unicodeScalars.index(after: index)
        }
        return text
    }
}
