/// What to generate: the size, the seed, and which revision of the list.
///
/// The same options always give byte-identical output, on every platform:
/// the generator uses its own PRNG (SplitMix64) seeded from `seed`, and never
/// the system's random numbers or clock.
///
/// ## Revisions and drift
///
/// `drift == 0` gives the *base* revision: `revision` and `asOf` are written
/// as they are, and every date in the list is on or before `asOf`.
///
/// `drift > 0` gives a *later* revision of that same list (same `listID`,
/// same seed): it is written with revision `revision + 1` and asOf
/// `driftAsOf` (default: `asOf` plus 120 days). Exactly
/// `k = round(count × drift / 100)` records differ from the base revision:
///
/// - `round(k / 10)` records are **added**, with new ids after the last base
///   id (`P000101`… for a base of 100), on the `requested` or `other` list;
/// - the other `k − round(k / 10)` base records, picked by a seeded
///   permutation, are **changed**. A changed record on the `requested` or
///   `other` list is **removed** with probability 30% (records on the `agreed`
///   list are never removed, and none are added to it, so
///   `agreement/@committed` is the same in both revisions). Otherwise it gets
///   one of:
///   - (55%) a new status claim dated after the base `asOf` (and on or
///     before the new one): a person in custody is `released` (sometimes with
///     a new condition or warning); a released person without conditions or
///     warnings is `rearrested`; otherwise a source confirms the release; a
///     person whose whereabouts were `unknown` is found `detained`;
///   - (30%) a new `warning` or `condition` dated after the base `asOf`, on a
///     person out of custody, or a new `detained` claim on a person in custody;
///   - (15%, and where nothing above applies) a new note.
///
/// Every new claim is dated at least 8 days after the base `asOf`, so it is
/// later than every earlier claim and adds no `source-conflict` note.
///
/// All other records are byte-identical to the base revision's; the header
/// (revision, asOf, counts) is recomputed. The drifted list is itself valid
/// and passes every rule of docs/format.md, like the base one.
///
/// ## Hostile shapes
///
/// `conflictingSources`, `rearrests` and `longNames` add records built to make
/// a quadratic step show (issue 12; docs/benchmarks.md), after the others, with
/// ids `H000001`… (the same in every revision), public, on the `other` list:
///
/// - `conflictingSources = n`: `n` more sources (`c000001`…, public) and one
///   prisoner with one claim from each, all of one date, alternately
///   `detained` and `released`: every pair of them disagrees, one
///   `source-conflict` note;
/// - `rearrests = n`: one prisoner with `n` `rearrested` claims and, written
///   after them, the release they follow, dated before them all;
/// - `longNames = n`: `n` prisoners each named by one word of `longNameLength`
///   characters: Latin letters, and a Greek one at the end (text wrapping has
///   a fast path for Latin text only; Pango shapes a run of one script as one
///   item).
///
/// The list stays valid and passes every rule but `source-conflict`.
public struct ListGeneratorOptions: Sendable, Hashable {
    /// Number of prisoner records in the base revision (ids `P000001`…). At least 0.
    public var count: Int
    /// Seed of every random choice: the same seed gives the same list.
    public var seed: UInt64
    /// Percentage (0...100) of records that differ from the base revision; 0 gives the base revision.
    public var drift: Double
    /// Revision number of the base list (at least 1); a drifted list is written as `revision + 1`.
    public var revision: Int
    /// The base revision's `asOf` date, `YYYY-MM-DD`, between 1900-01-01 and 9000-12-31.
    public var asOf: String
    /// The drifted revision's `asOf` date; `nil` means `asOf` plus 120 days. Must be at least 16 days after `asOf`.
    public var driftAsOf: String?
    /// The list's `id` attribute: an identifier (`[A-Za-z0-9][A-Za-z0-9._-]{0,63}`), stable across revisions.
    public var listID: String
    /// Sources that disagree about one added prisoner (see "Hostile shapes"); 0 adds none. At most 999,999.
    public var conflictingSources: Int
    /// `rearrested` claims on one added prisoner; 0 adds none.
    public var rearrests: Int
    /// Added prisoners with a name of one long word; 0 adds none. At most 999,999.
    public var longNames: Int
    /// Characters in each of those names: 8 to 1,000,000 (the name then fits reading's 1 MiB text limit).
    public var longNameLength: Int

    /// Creates options; every parameter but `count` and `seed` has a default.
    public init(
        count: Int,
        seed: UInt64,
        drift: Double = 0,
        revision: Int = 1,
        asOf: String = "2015-06-30",
        driftAsOf: String? = nil,
        listID: String = "synthetic-list",
        conflictingSources: Int = 0,
        rearrests: Int = 0,
        longNames: Int = 0,
        longNameLength: Int = 20_000
    ) {
        self.count = count
        self.seed = seed
        self.drift = drift
        self.revision = revision
        self.asOf = asOf
        self.driftAsOf = driftAsOf
        self.listID = listID
        self.conflictingSources = conflictingSources
        self.rearrests = rearrests
        self.longNames = longNames
        self.longNameLength = longNameLength
    }

    /// The `revision` attribute the output carries: `revision`, or `revision + 1` when drifted.
    public var effectiveRevision: Int { drift > 0 ? revision + 1 : revision }

    /// The `asOf` attribute the output carries: `asOf`, or the drifted revision's date.
    /// `nil` when the dates are invalid (see `validate()`).
    public var effectiveAsOf: String? {
        guard let days = try? resolvedDates() else { return nil }
        return formatISODate(drift > 0 ? days.drifted : days.base)
    }

    /// Throws the first problem with these options; `generateList` requires options that pass.
    public func validate() throws(ListGeneratorError) {
        guard count >= 0 else { throw .invalidCount(count) }
        guard drift.isFinite, (0...100).contains(drift) else { throw .invalidDrift(drift) }
        guard revision >= 1, revision < Int.max else { throw .invalidRevision(revision) }
        guard Self.isIdentifier(listID) else { throw .invalidListID(listID) }
        guard (0...999_999).contains(conflictingSources) else {
            throw .invalidShape(option: "conflicting sources", value: conflictingSources, allowed: "0...999999")
        }
        guard rearrests >= 0 else { throw .invalidShape(option: "rearrests", value: rearrests, allowed: "0 or more") }
        guard (0...999_999).contains(longNames) else { throw .invalidShape(option: "long names", value: longNames, allowed: "0...999999") }
        guard (8...1_000_000).contains(longNameLength) else {
            throw .invalidShape(option: "long name length", value: longNameLength, allowed: "8...1000000")
        }
        _ = try resolvedDates()
    }

    /// The base and drifted `asOf` as day numbers.
    func resolvedDates() throws(ListGeneratorError) -> (base: Int, drifted: Int) {
        let lowest = daysFromCivil(year: 1900, month: 1, day: 1)
        let highest = daysFromCivil(year: 9000, month: 12, day: 31)
        guard let base = parseISODate(asOf), base >= lowest, base <= highest else {
            throw .invalidDate(asOf)
        }
        var drifted = base + 120
        if let text = driftAsOf {
            guard let day = parseISODate(text), day >= base + 16, day <= highest + 400 else {
                throw .invalidDate(text)
            }
            drifted = day
        }
        return (base, drifted)
    }

    static func isIdentifier(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        for (i, b) in bytes.enumerated() {
            let alnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            let punct = b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
            if !(alnum || (i > 0 && punct)) { return false }
        }
        return true
    }
}

/// Why a `ListGeneratorOptions` value cannot be generated.
public enum ListGeneratorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `count` is negative.
    case invalidCount(Int)
    /// `drift` is not a finite number in 0...100.
    case invalidDrift(Double)
    /// `revision` is below 1.
    case invalidRevision(Int)
    /// `listID` is not an identifier.
    case invalidListID(String)
    /// A date is not `YYYY-MM-DD`, out of range, or (for `driftAsOf`) less than 16 days after `asOf`.
    case invalidDate(String)
    /// A hostile shape's size is out of its range.
    case invalidShape(option: String, value: Int, allowed: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .invalidCount(let n): return "count must be 0 or more (got \(n))"
        case .invalidDrift(let d): return "drift must be a percentage in 0...100 (got \(d))"
        case .invalidRevision(let r): return "revision must be 1 or more (got \(r))"
        case .invalidListID(let id):
            return "list id must match [A-Za-z0-9][A-Za-z0-9._-]{0,63} (got \"\(id)\")"
        case .invalidDate(let text):
            return "invalid date \"\(text)\": expected YYYY-MM-DD between 1900-01-01 and 9000-12-31"
                + " (a drifted asOf at least 16 days after asOf)"
        case .invalidShape(let option, let value, let allowed):
            return "\(option) must be \(allowed) (got \(value))"
        }
    }
}
