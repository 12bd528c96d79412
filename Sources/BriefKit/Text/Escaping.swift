// Text: the escaping of untrusted text for each place it is written to. It knows strings and bytes only: never the
// model, the IR or a file.

/// Escaping of untrusted text for each place it is written to. Every data string reaches an output through one
/// of these functions (docs/security.md says what each output is promised).
///
/// One policy for bidirectional formatting characters (`isBidiControl`): no output that people read carries one
/// raw. Text outputs show each as its visible escape `\u{202E}` (`visible`, `terminal`, `xml`, `bidi`); JSON writes
/// each as the JSON escape `\u202e`, the same string value (`Escaping+JSON.swift`). So no data string can reorder
/// text outside itself, and none can reorder itself either.
public enum Escaping {
    // MARK: The characters

    /// Bidirectional formatting characters: the embeddings and overrides U+202A–U+202E, the isolates
    /// U+2066–U+2069, and the marks U+200E, U+200F and U+061C.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// The length of the bidirectional formatting character whose UTF-8 starts at `index` (2 or 3), or 0: `D8 9C`
    /// (U+061C), `E2 80 8E`–`8F`, `E2 80 AA`–`AE`, `E2 81 A6`–`A9`.
    @inline(__always)
    static func bidiControlLength(_ bytes: Span<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case 0xD8:
            return index + 1 < bytes.count && bytes[index + 1] == 0x9C ? 2 : 0
        case 0xE2:
            guard index + 2 < bytes.count else { return 0 }
            let second = bytes[index + 1], third = bytes[index + 2]
            if second == 0x80, third == 0x8E || third == 0x8F || (0xAA...0xAE).contains(third) { return 3 }
            if second == 0x81, (0xA6...0xA9).contains(third) { return 3 }
            return 0
        default:
            return 0
        }
    }

    /// Control characters (C0, DEL, C1) and bidirectional formatting characters: what `visible` escapes.
    static func isUnsafeOnTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        default: isBidiControl(scalar)
        }
    }

    /// A scalar as the reader sees it escaped: `\u{202E}`.
    static func shown(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    // MARK: Text read by people

    /// Text with its bidirectional formatting characters shown as `\u{202E}`-style escapes, and nothing else
    /// changed (CSV cells, which keep their tabs and line breaks).
    public static func bidi(_ text: String) -> String {
        let bytes = text.utf8.span
        let found = (0..<bytes.count).contains { bytes[$0] >= 0xD8 && bidiControlLength(bytes, at: $0) > 0 }
        guard found else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if isBidiControl(scalar) { result += shown(scalar) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// Text to draw or show: control characters and bidirectional formatting characters are shown as
    /// `\u{1B}`-style escapes (PDF, charts, Markdown before its own escaping).
    public static func visible(_ text: String) -> String {
        escape(text, commands: false)
    }

    /// Text safe to print on a terminal or in a CI log: what `visible` escapes, and the sequences a CI runner reads
    /// as a workflow command — the second `:` of `::` and the `[` of `##[` — so that no data string can start or
    /// hold one, wherever a line is wrapped (docs/security.md). Each scalar is escaped or not by what precedes it
    /// only, so the escaping of a prefix of a text is a prefix of the text's escaping (carets stay aligned).
    public static func terminal(_ text: String) -> String {
        escape(text, commands: true)
    }

    private static func escape(_ text: String, commands: Bool) -> String {
        guard mayBeUnsafeOnTerminal(text, commands: commands) else { return text }
        return escapeScalars(text, commands: commands)
    }

    /// `terminal` (with `commands`, else `visible`) scalar by scalar, without the fast path.
    static func escapeScalars(_ text: String, commands: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        var previous: Unicode.Scalar = "\0", beforePrevious: Unicode.Scalar = "\0"
        for scalar in text.unicodeScalars {
            if isUnsafeOnTerminal(scalar) || (commands && startsCommand(scalar, after: previous, beforePrevious)) {
                result += shown(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
            beforePrevious = previous
            previous = scalar
        }
        return result
    }

    /// Whether `scalar` completes `::` or `##[` after the two scalars before it.
    @inline(__always)
    static func startsCommand(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar, _ beforePrevious: Unicode.Scalar) -> Bool {
        (scalar == ":" && previous == ":") || (scalar == "[" && previous == "#" && beforePrevious == "#")
    }

    /// False when `terminal` (with `commands`, else `visible`) returns `text` unchanged, judged from its UTF-8 bytes:
    /// C0 controls and DEL, `C2 80`–`C2 9F` (C1 controls), the bidirectional formatting characters, and `::` or `##[`.
    /// Most text is decided here without decoding a scalar.
    static func mayBeUnsafeOnTerminal(_ text: String, commands: Bool = true) -> Bool {
        let bytes = text.utf8.span
        for index in 0..<bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x00..<0x20, 0x7F: return true
            case 0xC2: if index + 1 < bytes.count, bytes[index + 1] < 0xA0 { return true }
            case 0xD8, 0xE2: if bidiControlLength(bytes, at: index) > 0 { return true }
            case 0x3A: if commands, index > 0, bytes[index - 1] == 0x3A { return true }
            case 0x5B: if commands, index > 1, bytes[index - 1] == 0x23, bytes[index - 2] == 0x23 { return true }
            default: break
            }
        }
        return false
    }

    // MARK: XML and HTML

    /// Text for XML content or attribute values (`&`, `<`, `>`, `"`, `'` escaped), with characters XML 1.0 cannot
    /// hold replaced by U+FFFD, bidirectional formatting characters shown as `\u{202E}`, and the `[` of `##[` as
    /// `&#91;` (a CI runner reads `##[command]` anywhere in a line). With `breaksAsReferences`, CR and LF are
    /// written `&#13;` and `&#10;` (the same text), so that no data starts a line of the output (HTML; attributes).
    public static func xml(_ text: String, breaksAsReferences: Bool = false) -> String {
        guard needsXMLEscaping(text, breaks: breaksAsReferences) else { return text }
        return xmlScalars(text, breaksAsReferences: breaksAsReferences)
    }

    /// `xml` scalar by scalar, without the fast path.
    static func xmlScalars(_ text: String, breaksAsReferences: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        var previous: Unicode.Scalar = "\0", beforePrevious: Unicode.Scalar = "\0"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n" where breaksAsReferences: result += "&#10;"
            case "\r" where breaksAsReferences: result += "&#13;"
            case "[" where previous == "#" && beforePrevious == "#": result += "&#91;"
            default:
                if !isXMLCharacter(scalar) {
                    result.unicodeScalars.append("\u{FFFD}")
                } else if isBidiControl(scalar) {
                    result += shown(scalar)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
            beforePrevious = previous
            previous = scalar
        }
        return result
    }

    /// False when `xml` returns `text` unchanged, judged from UTF-8 bytes: markup characters, controls, `EF` (the lead
    /// byte of U+FFFE and U+FFFF), the bidirectional formatting characters and `##[` send it to the scalar path.
    static func needsXMLEscaping(_ text: String, breaks: Bool = false) -> Bool {
        let bytes = text.utf8.span
        for index in 0..<bytes.count {
            switch bytes[index] {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0xEF: return true
            case 0x09: break
            case 0x0A, 0x0D: if breaks { return true }
            case 0x00..<0x20: return true
            case 0xD8, 0xE2: if bidiControlLength(bytes, at: index) > 0 { return true }
            case 0x5B: if index > 1, bytes[index - 1] == 0x23, bytes[index - 2] == 0x23 { return true }
            default: break
            }
        }
        return false
        return false
    }

    /// Whether XML 1.0 allows the character at all.
    public static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    // MARK: Length

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
