// Small self-contained helpers: a PRNG whose output never depends on the
// standard library's random algorithms, proleptic Gregorian day arithmetic,
// and a byte buffer that writes XML without Foundation.

/// SplitMix64 (Steele, Lea, Flood 2014). Tiny, fast and fully specified, so a
/// seed gives the same stream on every platform and Swift version.
struct SplitMix64 {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one stream (`salt`) of one item (`index`) of a seed:
    /// every record has its own stream, so a record's content does not depend
    /// on how many records came before it.
    init(seed: UInt64, stream salt: UInt64, index: UInt64) {
        // Hash the index through the (bijective) finaliser: neighbouring indices
        // must not get states one gamma apart, or their streams would be shifts
        // of each other.
        let streamKey = SplitMix64.mix(seed ^ SplitMix64.mix(salt &+ 0x632B_E59B_D9B4_E019))
        state = SplitMix64.mix(streamKey ^ SplitMix64.mix(index ^ 0xD1B5_4A32_D192_ED03))
        _ = next()
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound` (bound > 0), by multiply-high (Lemire, no rejection:
    /// the bias is below 2^-40 for the bounds used here).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform in `lo...hi`; `hi < lo` gives `lo`.
    mutating func int(_ lo: Int, _ hi: Int) -> Int {
        hi <= lo ? lo : lo + below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    mutating func percent(_ percent: Int) -> Bool { below(100) < percent }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

func gcd(_ a: Int, _ b: Int) -> Int {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
}

/// A bijection of `0..<size` onto itself, `x -> (x * multiplier + offset) mod size`,
/// with the multiplier coprime to `size`. Used to give distinct indices
/// distinct name combinations and to pick exactly k records out of n.
struct AffinePermutation {
    let size: Int
    let multiplier: Int
    let offset: Int

    init(size: Int, seed: UInt64) {
        precondition(size > 0)
        self.size = size
        var rng = SplitMix64(seed: seed)
        // A random multiplier, walked up to the next one coprime to size.
        var m = size > 2 ? 1 + rng.below(size - 1) : 1
        while gcd(m, size) != 1 { m = m + 1 >= size ? 1 : m + 1 }
        multiplier = m
        offset = size > 1 ? rng.below(size) : 0
    }

    func callAsFunction(_ x: Int) -> Int {
        // size is below 2^31 where used, so the product fits in Int64;
        // use full-width arithmetic anyway for larger sizes.
        let product = x.multipliedFullWidth(by: multiplier)
        let (_, remainder) = size.dividingFullWidth((product.high, product.low))
        let r = remainder + offset
        return r >= size ? r - size : r
    }
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's
/// `days_from_civil`).
func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

/// Inverse of `daysFromCivil`.
func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
}

/// Parses `YYYY-MM-DD` (exactly that shape, a real calendar date) into a day number.
func parseISODate(_ text: String) -> Int? {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
        var value = 0
        for i in range {
            let b = bytes[i]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
          (1...12).contains(m), (1...31).contains(d) else { return nil }
    let days = daysFromCivil(year: y, month: m, day: d)
    let back = civilFromDays(days)
    guard back.year == y, back.month == m, back.day == d else { return nil }
    return days
}

/// Formats a day number as `YYYY-MM-DD`.
func formatISODate(_ days: Int) -> String {
    var buffer = ByteBuffer(capacity: 10)
    buffer.date(days)
    return String(decoding: buffer.bytes, as: UTF8.self)
}

/// An append-only UTF-8 buffer with the few writes the generator needs.
struct ByteBuffer {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func put(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func put(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    mutating func int(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            int(-value)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            } while v > 0
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(raw[i]) }
        }
    }

    /// Writes `value` with at least `width` digits, zero-padded.
    mutating func padded(_ value: Int, width: Int) {
        var magnitude = 1
        for _ in 1..<max(width, 1) { magnitude *= 10 }
        var m = magnitude
        while m > 1 && value < m {
            bytes.append(UInt8(ascii: "0"))
            m /= 10
        }
        int(value)
    }

    mutating func date(_ days: Int) {
        let (y, m, d) = civilFromDays(days)
        padded(y, width: 4)
        bytes.append(UInt8(ascii: "-"))
        padded(m, width: 2)
        bytes.append(UInt8(ascii: "-"))
        padded(d, width: 2)
    }
}
