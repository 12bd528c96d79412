/// A calendar date without time zone (`xs:date` as docs/format.md restricts it: `2015-01-12`).
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
        self.init(isoBytes: text.utf8.span)
    }

    /// Parses `YYYY-MM-DD` from UTF-8 bytes, ignoring surrounding XML whitespace.
    init?(isoBytes bytes: Span<UInt8>) {
        guard let (y, m, d) = Day.isoComponents(bytes) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The components of `DDDD-DD-DD` (ASCII digits) between XML whitespace, unchecked as a date.
    ///
    /// Working on bytes gives the same answer as trimming characters first: a text whose trimmed characters are
    /// exactly ten ASCII digits and hyphens has exactly those ten bytes between its whitespace bytes, and back.
    static func isoComponents(_ bytes: Span<UInt8>) -> (Int, Int, Int)? {
        var start = 0, end = bytes.count
        while start < end, XMLWhitespace.isSpace(bytes[start]) { start += 1 }
        while end > start, XMLWhitespace.isSpace(bytes[end - 1]) { end -= 1 }
        guard end - start == 10 else { return nil }
        let date = bytes.extracting(start..<end)
        // One pass over the ten bytes: digits accumulate, the hyphens at 4 and 7 close the year and the month.
        var year = 0, month = 0, value = 0
        for index in 0..<10 {
            let byte = date[index]
            if index == 4 || index == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                if index == 4 { year = value } else { month = value }
                value = 0
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return (year, month, value)
    }

    /// The date as a US committee writes it in prose: "January 13, 2015".
    public var prose: String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        guard (1...12).contains(month) else { return iso }
        return "\(names[month - 1]) \(day), \(year)"
    }

    /// The date as `YYYY-MM-DD`.
    public var iso: String {
        if (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) {
            // The common case, without intermediate strings: ten ASCII bytes, a small string.
            var digits = InlineArray<10, UInt8>(repeating: UInt8(ascii: "-"))
            func put(_ value: Int, _ width: Int, at start: Int) {
                var value = value
                for index in stride(from: start + width - 1, through: start, by: -1) {
                    digits[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0)
            put(month, 2, at: 5)
            put(day, 2, at: 8)
            return String(utf8: digits.span)
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
