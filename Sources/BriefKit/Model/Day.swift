/// A calendar date without time zone (`xs:date` as FORMAT.md restricts it: `2015-01-12`).
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date from valid components; nil if they do not form a date of the proleptic Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, ignoring surrounding whitespace.
    public init?(iso text: String) {
        var text = text
        guard let (y, m, d) = text.withUTF8({ Day.isoComponents($0) }) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses `YYYY-MM-DD` from UTF-8 bytes, ignoring surrounding XML whitespace.
    init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard let (y, m, d) = Day.isoComponents(bytes) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The components of `DDDD-DD-DD` (ASCII digits) between XML whitespace, unchecked as a date.
    ///
    /// Working on bytes gives the same answer as trimming characters first: a text whose trimmed characters are
    /// exactly ten ASCII digits and hyphens has exactly those ten bytes between its whitespace bytes, and back.
    static func isoComponents(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        var start = 0, end = bytes.count
        while start < end, XMLWhitespace.isSpace(bytes[start]) { start += 1 }
        while end > start, XMLWhitespace.isSpace(bytes[end - 1]) { end -= 1 }
        guard end - start == 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for index in from..<(from + count) {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let y = number(start, 4), let m = number(start + 5, 2), let d = number(start + 8, 2) else { return nil }
        return (y, m, d)
    }

    /// The date as `YYYY-MM-DD`.
    public var iso: String {
        if (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) {
            // The common case, without intermediate strings.
            return String(unsafeUninitializedCapacity: 10) { buffer in
                func put(_ value: Int, _ width: Int, at start: Int) {
                    var value = value
                    for index in stride(from: start + width - 1, through: start, by: -1) {
                        buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                        value /= 10
                    }
                }
                put(year, 4, at: 0)
                buffer[4] = UInt8(ascii: "-")
                put(month, 2, at: 5)
                buffer[7] = UInt8(ascii: "-")
                put(day, 2, at: 8)
                return 10
            }
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    /// Days since 1970-01-01 (negative before), for differences between dates.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Whole days from `self` to `other`.
    public func days(to other: Day) -> Int { other.ordinal - ordinal }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date: \(text)")
        }
        self = value
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// Trims the four XML whitespace characters.
    func trimmingXMLWhitespace() -> String {
        if let result = utf8.withContiguousStorageIfAvailable({ XMLWhitespace.trimmed($0) }) { return result }
        return XMLWhitespace.trimmedByCharacters(self)
    }

    /// Trims and collapses runs of XML whitespace to one space: how FORMAT.md's free text is read.
    func collapsingXMLWhitespace() -> String {
        if let result = utf8.withContiguousStorageIfAvailable({ XMLWhitespace.collapsed($0) }) { return result }
        return XMLWhitespace.collapsedByCharacters(self)
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

    /// `String(decoding: bytes, as: UTF8.self).trimmingXMLWhitespace()`.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = bytes.count
        guard count > 0 else { return "" }
        if !isSpace(bytes[0]), !isSpace(bytes[count - 1]) { return String(decoding: bytes, as: UTF8.self) }
        var start = 0, end = count
        while start < end, isSpace(bytes[start]) { start += 1 }
        guard start < end else { return "" }
        while isSpace(bytes[end - 1]) { end -= 1 }
        guard start == 0 || spaceStandsAlone(bytes, at: start - 1),
              end == count || spaceStandsAlone(bytes, at: end) else {
            return trimmedByCharacters(String(decoding: bytes, as: UTF8.self))
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Whether collapsing leaves `bytes` as they are: no whitespace at the ends, no tab or line break, no two
    /// spaces in a row (single spaces between other characters stay as they are, whatever those characters).
    static func isCollapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count > 0 else { return true }
        guard !isSpace(bytes[0]), !isSpace(bytes[count - 1]) else { return false }
        // Most bytes are above the space: one comparison each. (The last byte is not a space, so `index + 1` is in
        // range after a space.)
        for index in 0..<count where bytes[index] <= 0x20 {
            switch bytes[index] {
            case 0x20: if bytes[index + 1] == 0x20 { return false }
            case 0x09, 0x0A, 0x0D: return false
            default: break
            }
        }
        return true
    }

    /// `String(decoding: bytes, as: UTF8.self).collapsingXMLWhitespace()`.
    static func collapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = bytes.count
        guard count > 0 else { return "" }
        if isCollapsed(bytes) { return String(decoding: bytes, as: UTF8.self) }
        var safe = true
        let result = String(unsafeUninitializedCapacity: count) { output in
            var written = 0, index = 0, pending = false
            while index < count {
                if isSpace(bytes[index]) {
                    let runStart = index
                    while index < count, isSpace(bytes[index]) { index += 1 }
                    if !spaceStandsAlone(bytes, at: runStart) || !spaceStandsAlone(bytes, at: index - 1) {
                        safe = false
                        return 0
                    }
                    pending = written > 0
                } else {
                    if pending {
                        output[written] = 0x20
                        written += 1
                        pending = false
                    }
                    while index < count, !isSpace(bytes[index]) {
                        output[written] = bytes[index]
                        written += 1
                        index += 1
                    }
                }
            }
            return written
        }
        return safe ? result : collapsedByCharacters(String(decoding: bytes, as: UTF8.self))
    }

    /// Whether the whitespace byte at `index` is a character of its own (always, unless it is a space next to a
    /// non-ASCII scalar that joins it).
    private static func spaceStandsAlone(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard bytes[index] == 0x20 else { return true }
        if index > 0, bytes[index - 1] >= 0x80 {
            var start = index - 1
            while start > 0, index - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            guard let previous = decodeScalar(bytes, from: start, to: index), separate(previous, " ") else { return false }
        }
        if index + 1 < bytes.count, bytes[index + 1] >= 0x80 {
            var end = index + 2
            while end < bytes.count, end - index < 5, bytes[end] & 0xC0 == 0x80 { end += 1 }
            guard let next = decodeScalar(bytes, from: index + 1, to: end), separate(" ", next) else { return false }
        }
        return true
    }

    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Unicode.Scalar? {
        var iterator = UnsafeBufferPointer(rebasing: bytes[start..<end]).makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), iterator.next() == nil else { return nil }
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

extension Day {
    /// The date `ordinal` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    public init(ordinal: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(uncheckedYear: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// The UTC day of a `SOURCE_DATE_EPOCH` value (seconds since 1970), or nil if it is not a number.
    public init?(sourceDateEpoch: String) {
        guard let seconds = Int(sourceDateEpoch.trimmingXMLWhitespace()), seconds >= 0 else { return nil }
        self.init(ordinal: seconds / 86_400)
    }
}
