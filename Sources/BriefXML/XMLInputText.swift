/// A document's text as UTF-8, decoded from the bytes of a submission under docs/format.md's encoding policy:
/// UTF-8, or UTF-16 with a byte-order mark; nothing else.
///
/// libxml2 is then told to parse UTF-8 and ignore the declaration, so that byte offsets seen during parsing
/// are offsets into `utf8`, which diagnostics use to find lines and columns.
public struct XMLInputText: Sendable {
    /// The text in UTF-8, without a byte-order mark.
    public var utf8: [UInt8]
    /// The encoding the submission was in.
    public var sourceEncoding: String

    /// Decodes a submission's bytes, or says where and why they are not acceptable.
    public static func decode(_ raw: [UInt8]) -> Result<XMLInputText, XMLProblem> {
        if raw.count >= 4, raw[0] == 0, raw[1] == 0, raw[2] == 0xFE, raw[3] == 0xFF {
            return .failure(encodingProblem("UTF-32 is not accepted; lists must be UTF-8 (or UTF-16 with a byte-order mark)"))
        }
        if raw.count >= 2, (raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF) {
            if raw.count >= 4, raw[0] == 0xFF, raw[1] == 0xFE, raw[2] == 0, raw[3] == 0 {
                return .failure(encodingProblem("UTF-32 is not accepted; lists must be UTF-8 (or UTF-16 with a byte-order mark)"))
            }
            let bigEndian = raw[0] == 0xFE
            return decodeUTF16(raw.dropFirst(2), bigEndian: bigEndian).flatMap { text in
                checkDeclaration(text, label: "UTF-16", accepts: ["utf-16", bigEndian ? "utf-16be" : "utf-16le"])
            }
        }
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.count >= 2, bytes[0] == 0 || bytes[1] == 0 {
            return .failure(encodingProblem(
                "UTF-16 or UTF-32 without a byte-order mark is not accepted; save the list as UTF-8"))
        }
        if bytes.starts(with: [0x4C, 0x6F, 0xA7, 0x94]) {
            return .failure(encodingProblem("EBCDIC is not accepted; save the list as UTF-8"))
        }
        return checkDeclaration(XMLInputText(utf8: bytes, sourceEncoding: "UTF-8"), label: "UTF-8", accepts: ["utf-8"])
    }

    private static func encodingProblem(_ message: String, offset: Int = 0, line: Int = 1, column: Int = 1) -> XMLProblem {
        XMLProblem(kind: .wellFormedness, message: message, offset: offset, line: line, column: column)
    }

    private static func decodeUTF16(_ body: ArraySlice<UInt8>, bigEndian: Bool) -> Result<XMLInputText, XMLProblem> {
        if body.count % 2 != 0 {
            return .failure(encodingProblem("UTF-16 text has an odd number of bytes (truncated?)"))
        }
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index < body.endIndex {
            let a = UInt16(body[index]), b = UInt16(body[index + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            index += 2
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(units.count)
        var line = 1, column = 1
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                UTF8.encode(scalar) { utf8.append($0) }
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break loop
            case .error:
                return .failure(encodingProblem("invalid UTF-16 (an unpaired surrogate)", offset: utf8.count,
                                                line: line, column: column))
            }
        }
        return .success(XMLInputText(utf8: utf8, sourceEncoding: "UTF-16"))
    }

    /// The XML declaration's `encoding`, if any, must name the encoding the bytes are really in.
    private static func checkDeclaration(_ text: XMLInputText, label: String, accepts: Set<String>) -> Result<XMLInputText, XMLProblem> {
        guard let declared = declaredEncoding(in: text.utf8) else { return .success(text) }
        if accepts.contains(declared.name.lowercased()) { return .success(text) }
        let declaredName = declared.name.lowercased()
        let message: String
        if label == "UTF-8", declaredName.hasPrefix("utf-16") {
            message = "the document is declared '\(declared.name)' but its bytes are UTF-8 without a UTF-16 byte-order mark"
        } else if label == "UTF-16", declaredName == "utf-8" || declaredName == "utf8" {
            message = "the document is declared 'UTF-8' but starts with a UTF-16 byte-order mark; declare UTF-16 or save it as UTF-8"
        } else {
            message = "encoding '\(declared.name)' is not accepted; lists must be UTF-8 (or UTF-16 with a byte-order mark)"
        }
        return .failure(encodingProblem(message, offset: declared.offset, line: 1 + declared.newlinesBefore,
                                        column: declared.column))
    }

    /// Finds `encoding="..."` in a leading XML declaration.
    static func declaredEncoding(in utf8: [UInt8]) -> (name: String, offset: Int, newlinesBefore: Int, column: Int)? {
        guard utf8.starts(with: Array("<?xml".utf8)), utf8.count > 5,
              [0x20, 0x09, 0x0A, 0x0D].contains(utf8[5]) else { return nil }
        guard let end = indexOf(Array("?>".utf8), in: utf8, limit: 512),
              let keyword = indexOf(Array("encoding".utf8), in: Array(utf8[0..<end]), limit: end) else { return nil }
        var i = keyword + 8
        while i < end, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "=")].contains(utf8[i]) { i += 1 }
        guard i < end, utf8[i] == UInt8(ascii: "\"") || utf8[i] == UInt8(ascii: "'") else { return nil }
        let quote = utf8[i]
        var j = i + 1
        while j < end, utf8[j] != quote { j += 1 }
        let name = String(decoding: utf8[(i + 1)..<j], as: UTF8.self)
        let newlines = utf8[0..<keyword].filter { $0 == 0x0A }.count
        let lineStart = (utf8[0..<keyword].lastIndex(of: 0x0A) ?? -1) + 1
        return (name, keyword, newlines, keyword - lineStart + 1)
    }

    private static func indexOf(_ needle: [UInt8], in haystack: [UInt8], limit: Int) -> Int? {
        let last = min(haystack.count, limit) - needle.count
        guard last >= 0 else { return nil }
        for start in 0...last where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}
