// ListGenerator: deterministic synthetic prisoner lists, for tests and benchmarks. It depends on nothing of brief's.

/// Generates a synthetic prisoner list (namespace `urn:oversight:prisoner-list:1`)
/// as a UTF-8 XML string.
///
/// The list is valid against `schemas/prisoner-list.xsd` and triggers none of
/// docs/format.md's semantic rules except, rarely (about 1 agreed record in 300), a
/// `source-conflict` note. See `ListGeneratorOptions` for how `drift` gives a
/// later revision of the same list. Same options, same bytes.
///
/// - Precondition: `options.validate()` does not throw.
public func generateList(_ options: ListGeneratorOptions) -> String {
    String(decoding: generateListBytes(options), as: UTF8.self)
}

/// Generates the same document as `generateList(_:)`, as UTF-8 bytes
/// (no copy into a `String`: the faster choice for writing to a file).
///
/// - Precondition: `options.validate()` does not throw.
public func generateListBytes(_ options: ListGeneratorOptions) -> [UInt8] {
    do {
        try options.validate()
    } catch {
        preconditionFailure("ListGenerator: \(error)")
    }
    return Generator(options: options).document()
}

// MARK: - Model

enum ListKind: UInt8 { case agreed, requested, other }

enum Marking: UInt8 { case `public`, committee, restricted }

enum StatusValue: UInt8 {
    case detained, released, unconfirmed, rearrested, exiled, deceased, unknown

    /// `released`, `unconfirmed` or `exiled`: the values `date-order` checks against the arrest.
    var isReleaseType: Bool { self == .released || self == .unconfirmed || self == .exiled }
    var isCustody: Bool { self == .detained || self == .rearrested }
}

enum SourceRef: UInt8, CaseIterable {
    case usg, minrex, ccdhrn, unpacu, press, family
}

enum ConditionKind: UInt8 {
    case parole, reporting, travelBan, activityBan, houseArrest, exile, surveillance, other
}

enum WarningKind: UInt8 { case rearrest, harassment, other }

struct Claim {
    var value: StatusValue
    var day: Int
    var source: SourceRef
    var restricted: Bool
    /// Index into `Vocabulary.statusNotes[value]`, or -1 for no text.
    var note: Int
}

struct Condition {
    var kind: ConditionKind
    var since: Int?
    var until: Int?
    var source: SourceRef
    var restricted: Bool
    var text: Int
}

struct Warning {
    var kind: WarningKind
    var day: Int?
    var issuer: Int?
    var source: SourceRef
    var restricted: Bool
    var text: Int
}

struct Note {
    /// 0: `Vocabulary.notes`, 1: `restrictedNotes` (written restricted), 2: `revisionNotes`.
    var table: Int
    var index: Int
}

struct Record {
    var index: Int
    var list: ListKind = .agreed
    var marking: Marking?
    var name = NameParts(female: false, given: 0, second: nil, first: 0, last: 0, cycle: 0)
    var alias: Int?
    /// 0 male/female from the name, 1 omitted, 2 `unknown`.
    var genderForm = 0
    var born: Int?
    var province: Int?
    var affiliations: [Int] = []
    var hasDetention = true
    var arrested = 0
    var showArrested = true
    var facility: Int?
    var sentenceYears = 0
    var sentenceMonths = 0
    var charges: [Int] = []
    var statuses: [Claim] = []
    var conditions: [Condition] = []
    var warnings: [Warning] = []
    var notes: [Note] = []

    var latest: StatusValue { statuses[statuses.count - 1].value }
    var lastDay: Int { statuses[statuses.count - 1].day }
    /// The date of the first release-type claim, if any.
    var releaseDay: Int? { statuses.first(where: { $0.value.isReleaseType })?.day }
}

struct NameParts {
    var female: Bool
    var given: Int
    var second: Int?
    var first: Int
    var last: Int
    /// 0 normally; above `NameSpace.doubleSize` two-given names, a generational suffix (II, III…) keeps names unique.
    var cycle: Int
}

/// Maps record indices to distinct names.
///
/// Names are "given [second-given] surname surname". In every block of five
/// consecutive indices, two (chosen by a hash of the block) get a single given
/// name and three get two; the k-th index of each kind is mapped by a seeded
/// bijection of that kind's combination space (an affine permutation, then
/// three Feistel-like rounds over the mixed-radix digits so that neighbouring
/// indices get unrelated names). Distinct indices therefore get distinct
/// combinations, and because the name tables are prefix-free (see
/// Vocabulary.swift) distinct combinations are distinct names even ignoring
/// case, accents and spacing. Once the single-given space (about 560,000) is
/// used up every further index gets two given names; past the two-given space
/// (about 24 million) a generational suffix (II, III…) is added.
struct NameSpace {
    static let males = Vocabulary.maleGiven.count
    static let females = Vocabulary.femaleGiven.count
    static let surnames = Vocabulary.surnames.count
    static let singleGiven = males + females
    static let doubleMale = males * (males - 1)
    static let doubleGiven = doubleMale + females * (females - 1)
    static let singleSize = singleGiven * surnames * surnames
    static let doubleSize = doubleGiven * surnames * surnames
    /// The ten ways of choosing 2 positions out of 5.
    static let pairs: [(Int, Int)] = [(0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4)]

    let key: UInt64
    let singlePermutation: AffinePermutation
    let doublePermutation: AffinePermutation

    init(seed: UInt64) {
        key = SplitMix64.mix(seed ^ 0x6E61_6D65)
        singlePermutation = AffinePermutation(size: NameSpace.singleSize, seed: key ^ 1)
        doublePermutation = AffinePermutation(size: NameSpace.doubleSize, seed: key ^ 2)
    }

    private func hash(_ x: Int, _ y: Int, _ modulus: Int) -> Int {
        Int(SplitMix64.mix(key ^ (UInt64(x) << 32) ^ UInt64(y)) % UInt64(modulus))
    }

    /// Bijection of `0..<(givenSpace * surnames²)` onto (given, first, last).
    private func digits(_ value: Int, givenSpace: Int) -> (given: Int, first: Int, last: Int) {
        let s = NameSpace.surnames
        var last = value % s
        var first = (value / s) % s
        var given = value / (s * s)
        last = (last + hash(first, given, s)) % s
        given = (given + hash(last, first + s, givenSpace)) % givenSpace
        first = (first + hash(last + 2 * s, given, s)) % s
        return (given, first, last)
    }

    func parts(_ index: Int) -> NameParts {
        let block = index / 5
        let position = index % 5
        let pair = NameSpace.pairs[Int(SplitMix64.mix(key ^ UInt64(block)) % 10)]
        let singlesBefore = 2 * block + (position > pair.0 ? 1 : 0) + (position > pair.1 ? 1 : 0)
        if (position == pair.0 || position == pair.1) && singlesBefore < NameSpace.singleSize {
            let d = digits(singlePermutation(singlesBefore), givenSpace: NameSpace.singleGiven)
            let female = d.given >= NameSpace.males
            return NameParts(female: female, given: female ? d.given - NameSpace.males : d.given, second: nil,
                             first: d.first, last: d.last, cycle: 0)
        }
        let k = index - min(singlesBefore, NameSpace.singleSize)
        let d = digits(doublePermutation(k % NameSpace.doubleSize), givenSpace: NameSpace.doubleGiven)
        let female = d.given >= NameSpace.doubleMale
        let n = female ? NameSpace.females : NameSpace.males
        let g = female ? d.given - NameSpace.doubleMale : d.given
        let given = g % n
        let step = g / n + 1  // 1..<n: the second given name is never the first
        return NameParts(female: female, given: given, second: (given + step) % n,
                         first: d.first, last: d.last, cycle: k / NameSpace.doubleSize)
    }
}

// MARK: - Generator

struct Generator {
    let options: ListGeneratorOptions
    let seed: UInt64
    /// Base revision's asOf, and the agreement's announcement.
    let asOf: Int
    let announced: Int
    /// Window for the releases that followed the announcement.
    let releaseLo: Int
    let releaseHi: Int
    /// The output's asOf (drifted or base).
    let outputAsOf: Int
    let drifted: Bool
    let names: NameSpace

    init(options: ListGeneratorOptions) {
        self.options = options
        seed = options.seed
        // validate() has passed.
        let dates = (try? options.resolvedDates()) ?? (base: 0, drifted: 120)
        asOf = dates.base
        announced = min(daysFromCivil(year: 2014, month: 12, day: 17), asOf - 90)
        releaseLo = announced + 1
        releaseHi = max(releaseLo, min(announced + 45, asOf - 16))
        drifted = options.drift > 0
        outputAsOf = drifted ? dates.drifted : dates.base
        names = NameSpace(seed: seed)
    }

    // MARK: Records of the base revision

    private func claim(_ value: StatusValue, _ day: Int, _ source: SourceRef,
                       _ rng: inout SplitMix64, notePercent: Int = 30) -> Claim {
        let notes = Vocabulary.statusNotes[Int(value.rawValue)]
        let note = rng.percent(notePercent) ? rng.below(notes.count) : -1
        let restricted = source == .family || rng.percent(2)
        return Claim(value: value, day: day, source: source, restricted: restricted, note: note)
    }

    private func makeCondition(_ kind: ConditionKind, since: Int, _ rng: inout SplitMix64,
                               source: SourceRef? = nil) -> Condition {
        let texts = Vocabulary.conditionTexts[Int(kind.rawValue)]
        let src = source ?? rng.pick([SourceRef.ccdhrn, .ccdhrn, .ccdhrn, .unpacu, .unpacu, .unpacu, .unpacu, .press, .press, .family])
        let until: Int? = kind != .exile && rng.percent(40) ? since + rng.int(180, 1825) : nil
        return Condition(kind: kind, since: since, until: until, source: src,
                         restricted: src == .family || rng.percent(3), text: rng.below(texts.count))
    }

    /// Who reports a person in custody: relatives, the two groups, or the press.
    private func custodySource(_ rng: inout SplitMix64) -> SourceRef {
        let roll = rng.below(10)
        return roll == 0 ? .family : roll < 5 ? .ccdhrn : roll < 8 ? .unpacu : .press
    }

    private func randomConditionKind(_ rng: inout SplitMix64) -> ConditionKind {
        let roll = rng.below(100)
        switch roll {
        case ..<30: return .parole
        case ..<50: return .reporting
        case ..<65: return .travelBan
        case ..<80: return .activityBan
        case ..<90: return .surveillance
        case ..<95: return .houseArrest
        default: return .other
        }
    }

    private func makeWarning(from lo: Int, to hi: Int, _ rng: inout SplitMix64) -> Warning {
        let roll = rng.below(100)
        let kind: WarningKind = roll < 75 ? .rearrest : roll < 93 ? .harassment : .other
        let src = rng.pick([SourceRef.unpacu, .unpacu, .unpacu, .unpacu, .unpacu, .ccdhrn, .ccdhrn, .ccdhrn, .press, .family])
        return Warning(kind: kind, day: rng.percent(85) ? rng.int(lo, hi) : nil,
                       issuer: rng.percent(80) ? (kind == .rearrest ? 0 : rng.below(2)) : nil,
                       source: src, restricted: src == .family || rng.percent(3),
                       text: rng.below(Vocabulary.warningTexts[Int(kind.rawValue)].count))
    }

    /// Record `index` of the base revision; its content depends only on the seed and the index.
    func makeRecord(index: Int, forcedList: ListKind? = nil) -> Record {
        var rng = SplitMix64(seed: seed, stream: 1, index: UInt64(index))
        var r = Record(index: index)
        r.name = names.parts(index)

        let listRoll = rng.below(100)
        r.list = forcedList ?? (listRoll < 72 ? .agreed : listRoll < 88 ? .requested : .other)
        let markingRoll = rng.below(100)
        r.marking = markingRoll < 40 ? .public : markingRoll < 43 ? .restricted : nil
        let genderRoll = rng.below(100)
        r.genderForm = genderRoll < 95 ? 0 : genderRoll < 98 ? 1 : 2
        if rng.percent(6) { r.alias = rng.below(Vocabulary.aliases.count) }

        // Detention.
        let arrested = r.list == .other
            ? rng.int(announced - 8 * 365, asOf - 120)
            : rng.int(announced - 15 * 365, announced - 60)
        r.arrested = arrested
        r.hasDetention = rng.percent(98)
        r.showArrested = r.hasDetention && rng.percent(97)
        if rng.percent(90) { r.facility = rng.below(Vocabulary.facilities.count) }
        if rng.percent(75) {
            r.sentenceYears = rng.int(1, 25)
            r.sentenceMonths = rng.percent(25) ? 6 : 0
        }
        if rng.percent(90) {
            let n = rng.int(1, 3)
            while r.charges.count < n {
                let c = rng.below(Vocabulary.charges.count)
                if !r.charges.contains(c) { r.charges.append(c) }
            }
        }

        // Person.
        let arrestYear = civilFromDays(arrested).year
        let bornMax = min(2000, arrestYear - 18)
        let bornMin = min(1940, bornMax)
        if rng.percent(96) { r.born = rng.int(bornMin, bornMax) }
        if rng.percent(97) { r.province = rng.below(Vocabulary.provinces.count) }
        let affiliationRoll = rng.below(100)
        let affiliationCount = affiliationRoll < 25 ? 0 : affiliationRoll < 85 ? 1 : 2
        if r.name.female && affiliationCount > 0 && rng.percent(50) {
            r.affiliations.append(Vocabulary.damasDeBlanco)
        }
        while r.affiliations.count < affiliationCount {
            let a = rng.below(Vocabulary.affiliations.count)
            if a != Vocabulary.damasDeBlanco && !r.affiliations.contains(a) { r.affiliations.append(a) }
        }

        // Status claims: dates strictly increasing, every gap at least 8 days (so
        // no two sources' latest claims fall within 7 days of each other), all
        // after the arrest and on or before asOf.
        let preLo = arrested + 1
        let preHi = announced - 8
        switch r.list {
        case .agreed:
            let roll = rng.below(100)
            switch roll {
            case ..<62:
                let d1 = rng.int(preLo, preHi)
                r.statuses.append(claim(.detained, d1, custodySource(&rng), &rng))
                let d2 = rng.int(releaseLo, releaseHi)
                r.statuses.append(claim(.released, d2, rng.percent(80) ? .usg : .minrex, &rng))
                let third = rng.below(1000)
                if third < 120 {
                    r.statuses.append(claim(.rearrested, rng.int(d2 + 8, asOf), rng.percent(70) ? .unpacu : .ccdhrn,
                                            &rng, notePercent: 60))
                } else if third < 300 {
                    r.statuses.append(claim(.released, rng.int(d2 + 8, asOf), .ccdhrn, &rng))
                } else if third < 305 {
                    // Rare on purpose: a source-conflict note (out vs unconfirmed within 7 days).
                    r.statuses.append(claim(.unconfirmed, d2 + 3, .press, &rng, notePercent: 100))
                }
            case ..<74:
                r.statuses.append(claim(.detained, rng.int(preLo, preHi), custodySource(&rng), &rng))
                r.statuses.append(claim(.exiled, rng.int(releaseLo, releaseHi), .minrex, &rng))
            case ..<84:
                r.statuses.append(claim(.released, rng.int(releaseLo, releaseHi), .usg, &rng))
            case ..<92:
                r.statuses.append(claim(.detained, rng.int(preLo, preHi), custodySource(&rng), &rng))
                r.statuses.append(claim(.unconfirmed, rng.int(releaseLo, releaseHi),
                                        rng.percent(50) ? .press : .ccdhrn, &rng, notePercent: 60))
            case ..<97:
                r.statuses.append(claim(.detained, rng.int(preLo, preHi), custodySource(&rng), &rng))
                let d2 = rng.int(releaseLo, releaseHi)
                r.statuses.append(claim(.released, d2, .usg, &rng))
                r.statuses.append(claim(.detained, rng.int(d2 + 8, asOf), .ccdhrn, &rng, notePercent: 70))
            case ..<99:
                r.statuses.append(claim(.detained, rng.int(preLo, preHi), custodySource(&rng), &rng))
                r.statuses.append(claim(.unknown, rng.int(releaseLo, asOf), .press, &rng))
            default:
                r.statuses.append(claim(.detained, rng.int(preLo, preHi), custodySource(&rng), &rng))
                r.statuses.append(claim(.deceased, rng.int(releaseLo, asOf), .family, &rng, notePercent: 100))
            }
        case .requested:
            let roll = rng.below(100)
            switch roll {
            case ..<70:
                r.statuses.append(claim(.detained, rng.int(preLo, preHi), custodySource(&rng), &rng))
                if rng.percent(50) {
                    r.statuses.append(claim(.detained, rng.int(releaseLo, asOf),
                                            rng.percent(50) ? .press : .ccdhrn, &rng))
                }
            case ..<85:
                r.statuses.append(claim(.detained, rng.int(preLo, preHi), custodySource(&rng), &rng))
                r.statuses.append(claim(.released, rng.int(releaseLo, asOf), .ccdhrn, &rng))
            case ..<95:
                r.statuses.append(claim(.detained, rng.int(preLo, asOf), .family, &rng))
            default:
                r.statuses.append(claim(.unknown, rng.int(preLo, asOf), .press, &rng))
            }
        case .other:
            // arrested <= asOf - 120
            let roll = rng.below(100)
            switch roll {
            case ..<45:
                r.statuses.append(claim(.detained, rng.int(preLo, asOf - 16), custodySource(&rng), &rng))
            case ..<75:
                let d1 = rng.int(preLo, asOf - 24)
                r.statuses.append(claim(.released, d1, rng.percent(50) ? .ccdhrn : .unpacu, &rng))
                r.statuses.append(claim(.rearrested, rng.int(d1 + 8, asOf), .unpacu, &rng, notePercent: 60))
            case ..<90:
                let d1 = rng.int(preLo, asOf - 24)
                r.statuses.append(claim(.detained, d1, custodySource(&rng), &rng))
                r.statuses.append(claim(.released, rng.int(d1 + 8, asOf), .ccdhrn, &rng))
            default:
                r.statuses.append(claim(.unconfirmed, rng.int(preLo, asOf), .press, &rng))
            }
        }

        // Conditions and warnings, only where the latest status is out of custody.
        if let release = r.releaseDay, [.released, .exiled, .unconfirmed].contains(r.latest) {
            if r.statuses.contains(where: { $0.value == .exiled }) {
                r.conditions.append(makeCondition(.exile, since: release, &rng, source: .minrex))
            } else {
                let conditionPercent = r.list == .agreed ? 45 : 25
                if rng.percent(conditionPercent) {
                    let kind = randomConditionKind(&rng)
                    r.conditions.append(makeCondition(kind, since: release, &rng))
                    if rng.percent(15) {
                        let second = randomConditionKind(&rng)
                        if second != kind { r.conditions.append(makeCondition(second, since: release, &rng)) }
                    }
                }
            }
            let warningPercent = r.list == .agreed ? 50 : 30
            if rng.percent(warningPercent) {
                r.warnings.append(makeWarning(from: release, to: min(release + 60, asOf), &rng))
            }
        }

        if rng.percent(12) { r.notes.append(Note(table: 0, index: rng.below(Vocabulary.notes.count))) }
        if rng.percent(3) { r.notes.append(Note(table: 1, index: rng.below(Vocabulary.restrictedNotes.count))) }
        return r
    }

    // MARK: Drift

    /// Applies one drift change to a base record, dated in (base asOf, output asOf].
    /// Returns false when the record is removed.
    func drift(_ r: inout Record, _ rng: inout SplitMix64) -> Bool {
        let lo = asOf + 8  // every new claim is at least 8 days after every base claim
        let hi = outputAsOf
        // Records on the agreed list are never removed (the commitment stays the same).
        if r.list != .agreed && rng.percent(30) { return false }
        switch rng.below(100) {
        case ..<55:
            let latest = r.latest
            if latest.isCustody {
                let day = rng.int(lo, hi)
                r.statuses.append(claim(.released, day, r.list == .agreed ? .usg : .ccdhrn, &rng))
                if rng.percent(40) { r.conditions.append(makeCondition(randomConditionKind(&rng), since: day, &rng)) }
                if rng.percent(40) { r.warnings.append(makeWarning(from: day, to: hi, &rng)) }
            } else if latest.isReleaseType {
                if latest != .exiled && r.conditions.isEmpty && r.warnings.isEmpty {
                    r.statuses.append(claim(.rearrested, rng.int(lo, hi), .unpacu, &rng, notePercent: 80))
                } else {
                    r.statuses.append(claim(.released, rng.int(lo, hi), .ccdhrn, &rng, notePercent: 50))
                }
            } else if latest == .unknown {
                r.statuses.append(claim(.detained, rng.int(lo, hi), .ccdhrn, &rng, notePercent: 50))
            } else {
                r.notes.append(Note(table: 2, index: rng.below(Vocabulary.revisionNotes.count)))
            }
        case ..<85:
            let latest = r.latest
            if latest.isReleaseType {
                if rng.percent(60) {
                    r.warnings.append(makeWarning(from: asOf + 1, to: hi, &rng))
                } else {
                    let kind = latest == .exiled ? ConditionKind.exile : randomConditionKind(&rng)
                    r.conditions.append(makeCondition(kind, since: rng.int(asOf + 1, hi), &rng))
                }
            } else if latest.isCustody {
                r.statuses.append(claim(.detained, rng.int(lo, hi), .ccdhrn, &rng, notePercent: 70))
            } else {
                r.notes.append(Note(table: 2, index: rng.below(Vocabulary.revisionNotes.count)))
            }
        default:
            r.notes.append(Note(table: 2, index: rng.below(Vocabulary.revisionNotes.count)))
        }
        return true
    }

    // MARK: Document

    struct Tally {
        var agreed = 0
        var agreedOut = 0
        var warned = 0
        var inCustody = 0
        var rearrested = 0

        mutating func add(_ r: Record) {
            if r.list == .agreed {
                agreed += 1
                if r.latest == .released || r.latest == .exiled { agreedOut += 1 }
            }
            if !r.warnings.isEmpty { warned += 1 }
            if r.latest.isCustody { inCustody += 1 }
            if r.latest == .rearrested { rearrested += 1 }
        }
    }

    func document() -> [UInt8] {
        let count = options.count
        // Records first, header (whose counts need them) inserted in front at the end:
        // the reserve leaves room for it, so that is a move, not a new buffer.
        // The hostile shapes: a conflicting source's claim here and its `<source>` in the header, 80 bytes each.
        var body = ByteBuffer(capacity: count * 1100 + 16_384 + options.conflictingSources * 160 + options.rearrests * 70
                                        + options.longNames * (options.longNameLength + 260))
        var tally = Tally()

        // Which base records change, and how many are added.
        var changed = 0
        var added = 0
        if drifted {
            let k = Int((Double(count) * options.drift / 100).rounded())
            added = Int((Double(k) / 10).rounded())
            changed = min(k - added, count)
        }
        let selection = count > 0 ? AffinePermutation(size: count, seed: SplitMix64.mix(seed ^ 0x6472_6966)) : nil

        for index in 0..<count {
            var record = makeRecord(index: index)
            if let selection, selection(index) < changed {
                var rng = SplitMix64(seed: seed, stream: 2, index: UInt64(index))
                if !drift(&record, &rng) { continue }
            }
            tally.add(record)
            write(record, into: &body)
        }
        for index in count..<(count + added) {
            var rng = SplitMix64(seed: seed, stream: 3, index: UInt64(index))
            let record = makeRecord(index: index, forcedList: rng.percent(50) ? .requested : .other)
            tally.add(record)
            write(record, into: &body)
        }
        writeHostileRecords(into: &body, tally: &tally)
        body.put("</prisonerList>\n")

        var header = ByteBuffer(capacity: 8192 + options.conflictingSources * 80)
        writeHeader(tally, into: &header)
        body.bytes.insert(contentsOf: header.bytes, at: 0)
        return body.bytes
    }

    private func sourceID(_ s: SourceRef) -> StaticString {
        switch s {
        case .usg: return "usg"
        case .minrex: return "minrex"
        case .ccdhrn: return "ccdhrn"
        case .unpacu: return "unpacu"
        case .press: return "press"
        case .family: return "family"
        }
    }

    private func writeHeader(_ tally: Tally, into b: inout ByteBuffer) {
        b.put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        b.put("<prisonerList xmlns=\"urn:oversight:prisoner-list:1\" id=\"")
        b.put(Array(options.listID.utf8))
        b.put("\" revision=\"")
        b.int(options.effectiveRevision)
        b.put("\" asOf=\"")
        b.date(outputAsOf)
        b.put("\" marking=\"committee\">\n")

        b.put("  <title>Political prisoners followed after the agreement announced ")
        b.date(announced)
        b.put(" (synthetic list, seed ")
        b.put(Array(String(seed).utf8))
        b.put(")</title>\n")
        b.put("  <submitter contact=\"lists@example.org\">Committee staff, synthetic data from brief-gen</submitter>\n")

        b.put("  <agreement announced=\"")
        b.date(announced)
        b.put("\" committed=\"")
        b.int(tally.agreed)
        b.put("\" marking=\"public\">\n")
        b.put("    <party>Government of the United States</party>\n")
        b.put("    <party>Government of the Republic of Cuba</party>\n")
        b.put("    <summary>Release of the prisoners on the agreed list, announced by both governments;")
        b.put(" the names were not published.</summary>\n")
        b.put("  </agreement>\n")

        let base = asOf
        b.put("  <sources>\n")
        b.put("    <source id=\"usg\" kind=\"government\" published=\"")
        b.date(min(announced + 20, base))
        b.put("\" href=\"https://www.example.org/usg/prisoner-releases\" marking=\"public\">")
        b.put("U.S. Department of State: statement on the prisoners released under the agreement</source>\n")
        b.put("    <source id=\"minrex\" kind=\"government\" published=\"")
        b.date(min(announced + 30, base))
        b.put("\">Cuban Ministry of Foreign Affairs (MINREX): communiqué on the releases</source>\n")
        b.put("    <source id=\"ccdhrn\" kind=\"ngo\" published=\"")
        b.date(outputAsOf - 5)
        b.put("\" href=\"https://www.example.org/ccdhrn/monthly-report\" marking=\"public\">")
        b.put("Comisión Cubana de Derechos Humanos y Reconciliación Nacional (CCDHRN): monthly report</source>\n")
        b.put("    <source id=\"unpacu\" kind=\"ngo\" published=\"")
        b.date(outputAsOf - 10)
        b.put("\">Unión Patriótica de Cuba (UNPACU): list of members released and warned</source>\n")
        b.put("    <source id=\"press\" kind=\"press\" published=\"")
        b.date(outputAsOf - 3)
        b.put("\" href=\"https://www.example.org/wire/havana-prisoners\" marking=\"public\">")
        b.put("Wire-service report from the Havana bureau</source>\n")
        b.put("    <source id=\"family\" kind=\"family\" marking=\"restricted\">")
        b.put("Relatives interviewed by committee staff</source>\n")
        writeHostileSources(into: &b)
        b.put("  </sources>\n")

        // Every source is cited here, so none is ever unused, even in an empty list.
        let latest = outputAsOf
        b.put("  <counts>\n")
        b.put("    <count source=\"usg\" date=\"")
        b.date(min(announced + 20, base))
        b.put("\" of=\"released\" marking=\"public\">")
        b.int(tally.agreed)
        b.put("</count>\n")
        b.put("    <count source=\"minrex\" date=\"")
        b.date(min(announced + 30, base))
        b.put("\" of=\"released\">")
        b.int(tally.agreed)
        b.put("</count>\n")
        b.put("    <count source=\"ccdhrn\" date=\"")
        b.date(latest - 5)
        b.put("\" of=\"released\" marking=\"public\">")
        b.int(tally.agreedOut)
        b.put("</count>\n")
        b.put("    <count source=\"unpacu\" date=\"")
        b.date(latest - 10)
        b.put("\" of=\"warned\">")
        b.int(tally.warned)
        b.put("</count>\n")
        b.put("    <count source=\"press\" date=\"")
        b.date(latest - 3)
        b.put("\" of=\"detained\" marking=\"public\">")
        b.int(tally.inCustody)
        b.put("</count>\n")
        b.put("    <count source=\"family\" date=\"")
        b.date(latest)
        b.put("\" of=\"rearrested\" marking=\"restricted\">")
        b.int(tally.rearrested)
        b.put("</count>\n")
        b.put("  </counts>\n")
    }

    private func statusName(_ v: StatusValue) -> StaticString {
        switch v {
        case .detained: return "detained"
        case .released: return "released"
        case .unconfirmed: return "unconfirmed"
        case .rearrested: return "rearrested"
        case .exiled: return "exiled"
        case .deceased: return "deceased"
        case .unknown: return "unknown"
        }
    }

    private func conditionName(_ k: ConditionKind) -> StaticString {
        switch k {
        case .parole: return "parole"
        case .reporting: return "reporting"
        case .travelBan: return "travel-ban"
        case .activityBan: return "activity-ban"
        case .houseArrest: return "house-arrest"
        case .exile: return "exile"
        case .surveillance: return "surveillance"
        case .other: return "other"
        }
    }

    private func warningName(_ k: WarningKind) -> StaticString {
        switch k {
        case .rearrest: return "rearrest"
        case .harassment: return "harassment"
        case .other: return "other"
        }
    }

    private func roman(_ n: Int) -> [UInt8] {
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n
        var s = ""
        for (value, letters) in table {
            while n >= value { s += letters; n -= value }
        }
        return Array(s.utf8)
    }

    /// Writes ` marking="restricted"` for a restricted part; parts are never marked lower than their record.
    @inline(__always)
    private func restrictedMark(_ restricted: Bool, _ b: inout ByteBuffer) {
        if restricted { b.put(" marking=\"restricted\"") }
    }

    func write(_ r: Record, into b: inout ByteBuffer) {
        let recordRestricted = r.marking == .restricted
        b.put("  <prisoner id=\"P")
        b.padded(r.index + 1, width: 6)
        switch r.list {
        case .agreed: b.put("\" list=\"agreed\"")
        case .requested: b.put("\" list=\"requested\"")
        case .other: b.put("\" list=\"other\"")
        }
        switch r.marking {
        case .public?: b.put(" marking=\"public\"")
        case .restricted?: b.put(" marking=\"restricted\"")
        case .committee?: b.put(" marking=\"committee\"")
        case nil: break
        }
        b.put(">\n")

        // Names are committee-only, stated explicitly (a restricted record's name inherits restricted).
        b.put(recordRestricted ? "    <name>" : "    <name marking=\"committee\">")
        let given = r.name.female ? Vocabulary.femaleGiven : Vocabulary.maleGiven
        b.put(given[r.name.given])
        if let second = r.name.second {
            b.put(" ")
            b.put(given[second])
        }
        b.put(" ")
        b.put(Vocabulary.surnames[r.name.first])
        b.put(" ")
        b.put(Vocabulary.surnames[r.name.last])
        if r.name.cycle > 0 {
            b.put(" ")
            b.put(roman(r.name.cycle + 1))
        }
        b.put("</name>\n")
        if let alias = r.alias {
            b.put(recordRestricted ? "    <alias>" : "    <alias marking=\"committee\">")
            b.put(Vocabulary.aliases[alias])
            b.put("</alias>\n")
        }
        switch r.genderForm {
        case 0: b.put(r.name.female ? "    <gender>female</gender>\n" : "    <gender>male</gender>\n")
        case 2: b.put("    <gender>unknown</gender>\n")
        default: break
        }
        if let born = r.born {
            b.put("    <born>")
            b.padded(born, width: 4)
            b.put("</born>\n")
        }
        if let province = r.province {
            b.put("    <province>")
            b.put(Vocabulary.provinces[province])
            b.put("</province>\n")
        }
        for a in r.affiliations {
            b.put("    <affiliation>")
            b.put(Vocabulary.affiliations[a])
            b.put("</affiliation>\n")
        }
        if r.hasDetention {
            b.put("    <detention")
            if r.showArrested {
                b.put(" arrested=\"")
                b.date(r.arrested)
                b.put("\"")
            }
            if let facility = r.facility {
                b.put(" facility=\"")
                b.put(Vocabulary.facilities[facility])
                b.put("\"")
            }
            if r.sentenceYears > 0 {
                b.put(" sentence=\"P")
                b.int(r.sentenceYears)
                b.put("Y")
                if r.sentenceMonths > 0 {
                    b.int(r.sentenceMonths)
                    b.put("M")
                }
                b.put("\"")
            }
            if r.charges.isEmpty {
                b.put("/>\n")
            } else {
                b.put(">\n")
                for c in r.charges {
                    b.put("      <charge>")
                    b.put(Vocabulary.charges[c])
                    b.put("</charge>\n")
                }
                b.put("    </detention>\n")
            }
        }
        for s in r.statuses {
            b.put("    <status value=\"")
            b.put(statusName(s.value))
            b.put("\" date=\"")
            b.date(s.day)
            b.put("\" source=\"")
            b.put(sourceID(s.source))
            b.put("\"")
            restrictedMark(s.restricted, &b)
            if s.note < 0 {
                b.put("/>\n")
            } else {
                b.put(">")
                b.put(Vocabulary.statusNotes[Int(s.value.rawValue)][s.note])
                b.put("</status>\n")
            }
        }
        for c in r.conditions {
            b.put("    <condition kind=\"")
            b.put(conditionName(c.kind))
            b.put("\"")
            if let since = c.since {
                b.put(" since=\"")
                b.date(since)
                b.put("\"")
            }
            if let until = c.until {
                b.put(" until=\"")
                b.date(until)
                b.put("\"")
            }
            b.put(" source=\"")
            b.put(sourceID(c.source))
            b.put("\"")
            restrictedMark(c.restricted, &b)
            b.put(">")
            b.put(Vocabulary.conditionTexts[Int(c.kind.rawValue)][c.text])
            b.put("</condition>\n")
        }
        for w in r.warnings {
            b.put("    <warning kind=\"")
            b.put(warningName(w.kind))
            b.put("\"")
            if let day = w.day {
                b.put(" date=\"")
                b.date(day)
                b.put("\"")
            }
            if let issuer = w.issuer {
                b.put(" issuer=\"")
                b.put(Vocabulary.issuers[issuer])
                b.put("\"")
            }
            b.put(" source=\"")
            b.put(sourceID(w.source))
            b.put("\"")
            restrictedMark(w.restricted, &b)
            b.put(">")
            b.put(Vocabulary.warningTexts[Int(w.kind.rawValue)][w.text])
            b.put("</warning>\n")
        }
        for n in r.notes {
            switch n.table {
            case 1:
                b.put("    <note marking=\"restricted\">")
                b.put(Vocabulary.restrictedNotes[n.index])
            case 2:
                b.put("    <note>")
                b.put(Vocabulary.revisionNotes[n.index])
            default:
                b.put("    <note>")
                b.put(Vocabulary.notes[n.index])
            }
            b.put("</note>\n")
        }
        b.put("  </prisoner>\n")
    }
}
