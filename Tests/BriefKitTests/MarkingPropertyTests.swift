@testable import BriefKit
import Foundation
import Testing
import ZIPFoundation

// A property-based test of handling markings (docs/format.md, "Handling markings"; docs/briefing.md, "Editions"):
//
//   random lists with random markings at every portion, every audience, every format including DOCX parts and
//   PDF text: no string from a portion above the audience ever appears in an edition, and the banner always
//   equals the highest marking included. Same for diffs.
//
// Every textual value of every portion is a unique token (`TOK` and six hex digits; numbers are unique nine-digit
// values), so finding a token in an output names the one portion it came from. The effective markings, and so
// which tokens each audience may see and which banner each edition must carry, are computed here from docs/format.md's
// rules, independently of brief's own reader and `Edition`.
//
// Seeds: `BRIEF_MARKING_SEEDS=N` runs seeds 0..<N (default 16). To look at a failing case, run with
// `BRIEF_MARKING_DUMP=/some/folder`: the generated lists and every output are kept there, per seed.

// MARK: - A deterministic generator

/// SplitMix64: small, fast, and the same on every platform.
struct PropRNG {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range` (the tiny modulo bias does not matter here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    mutating func pick<T>(_ values: [T]) -> T {
        values[int(0...(values.count - 1))]
    }
}

/// The generated list, as this test understands it: declared markings only, nothing resolved.
struct PropList {
    struct Text { var text: String; var marking: Marking? }
    struct Agreement { var committed: Int?; var parties: [String]; var summary: String?; var marking: Marking? }
    struct Source { var id: String; var kind: String; var published: Int?; var href: String?; var description: String; var marking: Marking? }
    struct Count { var source: String; var day: Int; var of: String; var value: Int; var marking: Marking? }
    struct Status { var value: String; var day: Int; var source: String; var note: String?; var marking: Marking? }
    struct Condition { var kind: String; var since: Int?; var until: Int?; var source: String; var text: String; var marking: Marking? }
    struct Warning { var kind: String; var day: Int?; var issuer: String?; var source: String; var text: String; var marking: Marking? }
    struct Prisoner {
        var id: String
        var list: String
        var marking: Marking?
        var name: Text
        var aliases: [Text]
        var gender: String?
        var born: Int?
        var province: String?
        var affiliations: [String]
        var arrested: String?
        var facility: String?
        var charges: [String]
        var statuses: [Status]
        var conditions: [Condition]
        var warnings: [Warning]
        var notes: [Text]
        /// An `xs:duration`; the generator leaves it out (tests set it).
        var sentence: String? = nil
    }

    var revision: Int
    var asOf: Int
    var marking: Marking?
    var title: String
    var submitter: String
    var contact: String?
    var agreement: Agreement?
    var sources: [Source]
    var counts: [Count]
    var prisoners: [Prisoner]
}

/// Days are counted from 2014-12-01 (day 0); the agreement was announced on day 16.
func propDay(_ day: Int) -> String {
    var rest = day
    for (year, month, length) in [(2014, 12, 31), (2015, 1, 31), (2015, 2, 28), (2015, 3, 31), (2015, 4, 30)] {
        if rest < length { return "\(year)-\(month < 10 ? "0" : "")\(month)-\(rest + 1 < 10 ? "0" : "")\(rest + 1)" }
        rest -= length
    }
    preconditionFailure("day \(day) out of range")
}

/// Generates two revisions of a list from one seed.
struct PropListGen {
    var rng: PropRNG
    var used = Set<String>()

    init(seed: Int) { rng = PropRNG(seed: 0x5EED_0000_0000 &+ UInt64(seed) &* 0x1_0000_0001) }

    /// A fresh token: `TOK` and six lowercase hex digits, unique across both revisions.
    mutating func token() -> String {
        while true {
            let hex = String(rng.next() & 0xFF_FFFF, radix: 16)
            let token = "TOK" + String(repeating: "0", count: 6 - hex.count) + hex
            if used.insert(token).inserted { return token }
        }
    }

    /// A fresh nine-digit number, unique across both revisions (and unlike any date, offset or size in an output).
    mutating func number() -> Int {
        while true {
            let value = rng.int(910_000_000...989_999_999)
            if used.insert(String(value)).inserted { return value }
        }
    }

    /// No marking, or one of the three; `nil` (inherit) a little more often.
    mutating func marking() -> Marking? {
        switch rng.int(0...4) {
        case 0, 1: nil
        case 2: .public
        case 3: .committee
        default: .restricted
        }
    }

    mutating func maybe<T>(_ probability: Double, _ make: (inout PropListGen) -> T) -> T? {
        rng.chance(probability) ? make(&self) : nil
    }

    mutating func first() -> PropList {
        let asOf = 45 // 2015-01-15
        var list = PropList(revision: 1, asOf: asOf, marking: marking(), title: token(), submitter: token(), contact: nil,
                           agreement: nil, sources: [], counts: [], prisoners: [])
        list.contact = maybe(0.5) { $0.token() }
        if rng.chance(0.8) {
            var parties = [token(), token()]
            if rng.chance(0.3) { parties.append(token()) }
            list.agreement = PropList.Agreement(committed: maybe(0.7) { $0.number() }, parties: parties,
                                               summary: maybe(0.6) { $0.token() }, marking: marking())
        }
        for _ in 0..<rng.int(2...4) { list.sources.append(source(before: asOf)) }
        for _ in 0..<rng.int(0...4) { list.counts.append(count(in: list, before: asOf)) }
        for _ in 0..<rng.int(1...6) { list.prisoners.append(prisoner(in: list, asOf: asOf)) }
        return list
    }

    mutating func source(before asOf: Int) -> PropList.Source {
        PropList.Source(id: token(), kind: rng.pick(["government", "ngo", "press", "family", "other"]),
                       published: maybe(0.5) { $0.rng.int(0...asOf) },
                       href: rng.chance(0.5) ? "https://example.org/\(token())" : nil, description: token(),
                       marking: rng.chance(0.4) ? .public : marking())
    }

    mutating func count(in list: PropList, before asOf: Int) -> PropList.Count {
        PropList.Count(source: rng.pick(list.sources).id, day: rng.int(16...asOf), of: rng.pick(["released", "detained", "rearrested", "warned"]),
                      value: number(), marking: marking())
    }

    mutating func prisoner(in list: PropList, asOf: Int) -> PropList.Prisoner {
        let sources = list.sources.map(\.id)
        var p = PropList.Prisoner(
            id: token(), list: rng.pick(["agreed", "agreed", "requested", "other"]), marking: marking(),
            name: PropList.Text(text: token(), marking: marking()), aliases: [], gender: maybe(0.5) { $0.rng.pick(["female", "male", "other", "unknown"]) },
            born: maybe(0.6) { $0.rng.int(1940...1995) }, province: maybe(0.7) { $0.token() }, affiliations: [],
            arrested: maybe(0.6) { "20\($0.rng.int(10...13))-0\($0.rng.int(1...9))-1\($0.rng.int(0...9))" },
            facility: maybe(0.4) { $0.token() }, charges: [], statuses: [], conditions: [], warnings: [], notes: [])
        for _ in 0..<rng.int(0...2) { p.aliases.append(PropList.Text(text: token(), marking: marking())) }
        for _ in 0..<rng.int(0...2) { p.affiliations.append(token()) }
        for _ in 0..<rng.int(0...2) { p.charges.append(token()) }

        // Statuses: a detention claim can only come first, so the latest claim is never `detained` once a release is
        // claimed; `rearrested` only after a release-type claim; nothing after asOf.
        let start = rng.int(0...(asOf - 12))
        func status(_ value: String, _ day: Int, _ gen: inout PropListGen) -> PropList.Status {
            PropList.Status(value: value, day: day, source: gen.rng.pick(sources), note: gen.maybe(0.6) { $0.token() }, marking: gen.marking())
        }
        var release: Int?
        switch rng.int(0...6) {
        case 0:
            p.statuses.append(status("detained", start, &self))
        case 1, 2:
            if rng.chance(0.6) { p.statuses.append(status("detained", start, &self)) }
            let day = rng.int((start + 1)...(asOf - 4))
            p.statuses.append(status(rng.pick(["released", "released", "unconfirmed", "exiled"]), day, &self))
            release = day
        case 3:
            let day = rng.int((start + 1)...(asOf - 4))
            p.statuses.append(status("released", day, &self))
            p.statuses.append(status("rearrested", rng.int((day + 1)...asOf), &self))
            release = day
        case 4:
            p.statuses.append(status("unknown", start, &self))
        case 5:
            p.statuses.append(status("deceased", start, &self))
        default:
            // Two sources about one release, perhaps disagreeing on its kind.
            let day = rng.int((start + 1)...(asOf - 4))
            p.statuses.append(status("released", day, &self))
            p.statuses.append(status(rng.pick(["unconfirmed", "exiled", "released"]), rng.int(day...asOf), &self))
            release = day
        }
        if let release {
            for _ in 0..<rng.int(0...2) {
                let since = maybe(0.7) { $0.rng.int(release...asOf) }
                p.conditions.append(PropList.Condition(
                    kind: rng.pick(["parole", "reporting", "travel-ban", "activity-ban", "house-arrest", "exile", "surveillance", "other"]),
                    since: since, until: since.flatMap { s in maybe(0.5) { $0.rng.int(s...(s + 40)) } },
                    source: rng.pick(sources), text: token(), marking: marking()))
            }
            for _ in 0..<rng.int(0...2) {
                p.warnings.append(PropList.Warning(kind: rng.pick(["rearrest", "rearrest", "harassment", "other"]), day: maybe(0.7) { $0.rng.int(release...asOf) },
                                                  issuer: maybe(0.5) { $0.token() }, source: rng.pick(sources), text: token(), marking: marking()))
            }
        }
        for _ in 0..<rng.int(0...2) { p.notes.append(PropList.Text(text: token(), marking: marking())) }
        return p
    }

    /// A later revision: markings moved, claims added, records added, removed and renumbered, texts changed.
    mutating func second(after old: PropList) -> PropList {
        var list = old
        list.revision = old.revision + rng.int(1...3)
        list.asOf = old.asOf + rng.int(5...30)
        let asOf = list.asOf
        if rng.chance(0.25) { list.marking = marking() }
        if rng.chance(0.2) { list.title = token() }
        if var agreement = list.agreement {
            if rng.chance(0.3) { agreement.marking = marking() }
            if rng.chance(0.3) { agreement.committed = maybe(0.8) { $0.number() } }
            if rng.chance(0.2) { agreement.summary = token() }
            list.agreement = agreement
        }
        for index in list.sources.indices {
            if rng.chance(0.25) { list.sources[index].marking = rng.chance(0.4) ? .public : marking() }
            if rng.chance(0.2) { list.sources[index].description = token() }
        }
        if rng.chance(0.4) { list.sources.append(source(before: asOf)) }
        for index in list.counts.indices {
            if rng.chance(0.25) { list.counts[index].marking = marking() }
            if rng.chance(0.25) { list.counts[index].value = number() }
        }
        if !list.counts.isEmpty, rng.chance(0.3) { list.counts.remove(at: rng.int(0...(list.counts.count - 1))) }
        for _ in 0..<rng.int(0...2) { list.counts.append(count(in: list, before: asOf)) }

        var prisoners: [PropList.Prisoner] = []
        for var p in list.prisoners {
            if rng.chance(0.12) { continue } // removed
            if rng.chance(0.25) { p.marking = marking() }
            if rng.chance(0.2) { p.name.marking = marking() }
            if rng.chance(0.15) { p.name.text = token() }
            if rng.chance(0.1) { p.id = token() } // renumbered: `id-changed` when the name is shown on both sides
            if rng.chance(0.15) { p.province = token() }
            for index in p.aliases.indices where rng.chance(0.2) { p.aliases[index].marking = marking() }
            for index in p.statuses.indices where rng.chance(0.15) { p.statuses[index].marking = marking() }
            for index in p.conditions.indices where rng.chance(0.15) { p.conditions[index].marking = marking() }
            for index in p.conditions.indices where rng.chance(0.15) { p.conditions[index].text = token() }
            for index in p.warnings.indices where rng.chance(0.15) { p.warnings[index].marking = marking() }
            for index in p.warnings.indices where rng.chance(0.15) { p.warnings[index].text = token() }
            for index in p.notes.indices where rng.chance(0.15) { p.notes[index].marking = marking() }
            if !p.notes.isEmpty, rng.chance(0.2) { p.notes.remove(at: rng.int(0...(p.notes.count - 1))) }
            if rng.chance(0.25) { p.notes.append(PropList.Text(text: token(), marking: marking())) }
            if rng.chance(0.2) { p.aliases.append(PropList.Text(text: token(), marking: marking())) }
            // A new claim after the old asOf: a release for someone never released, a re-arrest for someone out.
            let last = p.statuses.map(\.day).max() ?? 0
            let released = p.statuses.contains { ["released", "unconfirmed", "exiled"].contains($0.value) }
            let deceased = p.statuses.contains { $0.value == "deceased" }
            if !deceased, rng.chance(0.4), last + 1 <= asOf {
                let value = released ? (p.statuses.last?.value == "rearrested" ? "released" : "rearrested") : "released"
                let day = rng.int(max(last + 1, old.asOf + 1)...asOf)
                p.statuses.append(PropList.Status(value: value, day: day, source: rng.pick(list.sources).id,
                                                 note: maybe(0.6) { $0.token() }, marking: marking()))
                if value == "released", rng.chance(0.5) {
                    p.conditions.append(PropList.Condition(kind: rng.pick(["parole", "reporting", "travel-ban"]), since: day, until: nil,
                                                          source: rng.pick(list.sources).id, text: token(), marking: marking()))
                }
                if value == "released", rng.chance(0.5) {
                    p.warnings.append(PropList.Warning(kind: "rearrest", day: day, issuer: maybe(0.5) { $0.token() },
                                                      source: rng.pick(list.sources).id, text: token(), marking: marking()))
                }
            }
            prisoners.append(p)
        }
        list.prisoners = prisoners
        for _ in 0..<rng.int(0...2) { list.prisoners.append(prisoner(in: list, asOf: asOf)) }
        return list
    }
}

// MARK: - Writing the list

extension PropList {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { " \(name)=\"\(escape($0))\"" } }.joined()
    }

    var xml: String {
        typealias E = PropList
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<prisonerList xmlns=\"urn:oversight:prisoner-list:1\"\(E.attributes([("id", "prop-list"), ("revision", "\(revision)"), ("asOf", propDay(asOf)), ("marking", marking?.name)]))>\n"
        out += "  <title>\(E.escape(title))</title>\n"
        out += "  <submitter\(E.attributes([("contact", contact)]))>\(E.escape(submitter))</submitter>\n"
        if let agreement {
            out += "  <agreement\(E.attributes([("announced", propDay(16)), ("committed", agreement.committed.map(String.init)), ("marking", agreement.marking?.name)]))>"
            out += agreement.parties.map { "<party>\(E.escape($0))</party>" }.joined()
            if let summary = agreement.summary { out += "<summary>\(E.escape(summary))</summary>" }
            out += "</agreement>\n"
        }
        out += "  <sources>\n"
        for s in sources {
            out += "    <source\(E.attributes([("id", s.id), ("kind", s.kind), ("published", s.published.map(propDay)), ("href", s.href), ("marking", s.marking?.name)]))>\(E.escape(s.description))</source>\n"
        }
        out += "  </sources>\n"
        if !counts.isEmpty {
            out += "  <counts>\n"
            for c in counts {
                out += "    <count\(E.attributes([("source", c.source), ("date", propDay(c.day)), ("of", c.of), ("marking", c.marking?.name)]))>\(c.value)</count>\n"
            }
            out += "  </counts>\n"
        }
        for p in prisoners {
            out += "  <prisoner\(E.attributes([("id", p.id), ("list", p.list), ("marking", p.marking?.name)]))>\n"
            out += "    <name\(E.attributes([("marking", p.name.marking?.name)]))>\(E.escape(p.name.text))</name>\n"
            for a in p.aliases { out += "    <alias\(E.attributes([("marking", a.marking?.name)]))>\(E.escape(a.text))</alias>\n" }
            if let gender = p.gender { out += "    <gender>\(gender)</gender>\n" }
            if let born = p.born { out += "    <born>\(born)</born>\n" }
            if let province = p.province { out += "    <province>\(E.escape(province))</province>\n" }
            for a in p.affiliations { out += "    <affiliation>\(E.escape(a))</affiliation>\n" }
            if p.arrested != nil || p.facility != nil || p.sentence != nil || !p.charges.isEmpty {
                out += "    <detention\(E.attributes([("arrested", p.arrested), ("facility", p.facility), ("sentence", p.sentence)]))>"
                out += p.charges.map { "<charge>\(E.escape($0))</charge>" }.joined()
                out += "</detention>\n"
            }
            for s in p.statuses {
                out += "    <status\(E.attributes([("value", s.value), ("date", propDay(s.day)), ("source", s.source), ("marking", s.marking?.name)]))>\(E.escape(s.note ?? ""))</status>\n"
            }
            for c in p.conditions {
                out += "    <condition\(E.attributes([("kind", c.kind), ("since", c.since.map(propDay)), ("until", c.until.map(propDay)), ("source", c.source), ("marking", c.marking?.name)]))>\(E.escape(c.text))</condition>\n"
            }
            for w in p.warnings {
                out += "    <warning\(E.attributes([("kind", w.kind), ("date", w.day.map(propDay)), ("issuer", w.issuer), ("source", w.source), ("marking", w.marking?.name)]))>\(E.escape(w.text))</warning>\n"
            }
            for n in p.notes { out += "    <note\(E.attributes([("marking", n.marking?.name)]))>\(E.escape(n.text))</note>\n" }
            out += "  </prisoner>\n"
        }
        out += "</prisonerList>\n"
        return out
    }
}

// MARK: - The oracle: effective markings per docs/format.md, computed here

/// One portion of the generated list: its effective marking and the strings it alone holds.
struct PropPortion {
    var label: String
    var marking: Marking
    var tokens: [String]
    /// Whether `brief`'s briefing documents are expected to show the tokens (the JSON shows them all except the
    /// submitter's contact, which no output shows).
    var inJSON = true
    /// Strings of the portion that identify the person (docs/briefing.md, "Identifying details"): an edition shows
    /// them only where it shows the record's name.
    var identifying: [String] = []
    /// The effective marking of the record's name, for a portion inside a record.
    var nameMarking: Marking? = nil
    /// Whether the whole portion is withheld with the name (an alias, a note), not only its identifying strings.
    var withheldWithName = false

    /// Every string of the portion.
    var allTokens: [String] { tokens + identifying }

    /// Whether an edition for `audience` withholds the record's name, and with it the identifying details.
    func nameWithheld(_ audience: Marking) -> Bool { (nameMarking ?? .public) > audience }

    /// The strings an edition for `audience` shows.
    func shown(_ audience: Marking) -> [String] {
        guard marking <= audience else { return [] }
        return nameWithheld(audience) ? tokens : allTokens
    }

    /// Whether an edition for `audience` includes the portion at all.
    func included(_ audience: Marking) -> Bool {
        marking <= audience && !(withheldWithName && nameWithheld(audience))
    }
}

extension PropList {
    /// Every portion with its effective marking (docs/format.md "Handling markings"):
    /// top-level items: own marking, or the root's (default committee); inside an item: the parent's, or its own
    /// where higher; a claim (count, status, condition, warning): at least its source's.
    var portions: [PropPortion] {
        let root = marking ?? .committee
        var out: [PropPortion] = []
        out.append(PropPortion(label: "title", marking: root, tokens: [title]))
        out.append(PropPortion(label: "submitter", marking: root, tokens: [submitter]))
        if let contact { out.append(PropPortion(label: "contact", marking: root, tokens: [contact], inJSON: false)) }
        if let agreement {
            out.append(PropPortion(label: "agreement", marking: agreement.marking ?? root,
                               tokens: agreement.parties + [agreement.summary, agreement.committed.map(String.init)].compactMap { $0 }))
        }
        var sourceMarking: [String: Marking] = [:]
        for s in sources {
            let effective = s.marking ?? root
            sourceMarking[s.id] = effective
            out.append(PropPortion(label: "source \(s.id)", marking: effective, tokens: [s.id, s.description] + [s.href.map { String($0.suffix(9)) }].compactMap { $0 }))
        }
        for c in counts {
            out.append(PropPortion(label: "count \(c.value) by \(c.source)", marking: max(c.marking ?? root, sourceMarking[c.source]!), tokens: [String(c.value)]))
        }
        for p in prisoners {
            let record = p.marking ?? root
            func inner(_ own: Marking?) -> Marking { max(record, own ?? record) }
            let name = inner(p.name.marking)
            out.append(PropPortion(label: "prisoner \(p.id)", marking: record, tokens: [p.id] + [p.province].compactMap { $0 },
                                   identifying: [p.facility, p.sentence].compactMap { $0 } + p.affiliations + p.charges, nameMarking: name))
            out.append(PropPortion(label: "name of \(p.id)", marking: name, tokens: [p.name.text]))
            for a in p.aliases {
                out.append(PropPortion(label: "alias of \(p.id)", marking: inner(a.marking), tokens: [], identifying: [a.text], nameMarking: name,
                                       withheldWithName: true))
            }
            for s in p.statuses {
                out.append(PropPortion(label: "status \(s.value) \(propDay(s.day)) of \(p.id) per \(s.source)", marking: max(inner(s.marking), sourceMarking[s.source]!),
                                       tokens: [], identifying: [s.note].compactMap { $0 }, nameMarking: name))
            }
            for c in p.conditions {
                out.append(PropPortion(label: "condition of \(p.id)", marking: max(inner(c.marking), sourceMarking[c.source]!), tokens: [],
                                       identifying: [c.text], nameMarking: name))
            }
            for w in p.warnings {
                out.append(PropPortion(label: "warning of \(p.id)", marking: max(inner(w.marking), sourceMarking[w.source]!),
                                       tokens: [w.issuer].compactMap { $0 }, identifying: [w.text], nameMarking: name))
            }
            for n in p.notes {
                out.append(PropPortion(label: "note of \(p.id)", marking: inner(n.marking), tokens: [], identifying: [n.text], nameMarking: name,
                                       withheldWithName: true))
            }
        }
        return out
    }

    /// The banner an edition for `audience` must carry: the highest effective marking of the portions it includes
    /// (anything inside a record is at least as restricted as the record, so "the portions at or below the
    /// audience" are what the edition holds — but for the aliases and notes it withholds with a name).
    func expectedBanner(_ audience: Marking) -> Marking {
        portions.filter { $0.included(audience) }.map(\.marking).highest
    }

    /// Token → the lowest marking under which it is shown (tokens are unique per portion; an identifying one is shown
    /// only with its record's name).
    var tokenMarkings: [String: Marking] {
        var out: [String: Marking] = [:]
        for portion in portions {
            for token in portion.tokens { out[token] = min(out[token] ?? .restricted, portion.marking) }
            for token in portion.identifying { out[token] = min(out[token] ?? .restricted, max(portion.marking, portion.nameMarking ?? .public)) }
        }
        return out
    }
}

// MARK: - Reading outputs

enum PropScan {
    /// Tokens (`TOK` + six hex digits) and nine-digit numbers standing alone in `bytes`.
    static func strings(in bytes: [UInt8]) -> Set<String> {
        var found = Set<String>()
        let n = bytes.count
        func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var i = 0
        while i < n {
            let b = bytes[i]
            if b == 0x54, i + 9 <= n, bytes[i + 1] == 0x4F, bytes[i + 2] == 0x4B, (3..<9).allSatisfy({ isHex(bytes[i + $0]) }) {
                found.insert(String(decoding: bytes[i..<(i + 9)], as: UTF8.self))
                i += 9
                continue
            }
            if isDigit(b), i == 0 || !isDigit(bytes[i - 1]) {
                var j = i
                while j < n, isDigit(bytes[j]) { j += 1 }
                if j - i == 9 { found.insert(String(decoding: bytes[i..<j], as: UTF8.self)) }
                i = j
                continue
            }
            i += 1
        }
        return found
    }

    static func strings(in text: String) -> Set<String> { strings(in: Array(text.utf8)) }

    /// Tokens only (numbers skipped), with every whitespace and NUL byte removed first: finds a token that a writer
    /// wrapped across lines, and one written in UTF-16 (PDF metadata).
    static func joinedTokens(in bytes: [UInt8]) -> Set<String> {
        let squeezed = bytes.filter { ![0x00, 0x20, 0x0A, 0x0D, 0x09, 0x0C].contains($0) }
        return strings(in: squeezed).filter { $0.hasPrefix("TOK") }
    }

    /// Every part of a DOCX package.
    static func docxParts(_ path: String) throws -> [String: [UInt8]] {
        let archive = try Archive(data: try Data(contentsOf: URL(fileURLWithPath: path)), accessMode: .read)
        var parts: [String: [UInt8]] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            parts[entry.path] = [UInt8](data)
        }
        return parts
    }

    /// `pdftotext` output (`-layout` or `-raw`).
    static func pdfText(_ path: String, mode: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [mode, "-enc", "UTF-8", path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The text of a DOCX part's `w:t` runs, a line per paragraph.
    static func docxText(_ xml: [UInt8]) -> String {
        let text = String(decoding: xml, as: UTF8.self)
        let runs = try! NSRegularExpression(pattern: "<w:t(?: [^>]*)?>([^<]*)</w:t>|</w:p>")
        var out = ""
        for match in runs.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            if let range = Range(match.range(at: 1), in: text) { out += text[range] } else { out += "\n" }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}

// MARK: - The tests

@Suite struct MarkingPropertyTests {
    static let seeds: [Int] = Array(0..<(ProcessInfo.processInfo.environment["BRIEF_MARKING_SEEDS"].flatMap(Int.init) ?? 16))
    static let dump = ProcessInfo.processInfo.environment["BRIEF_MARKING_DUMP"]
    static let banners = Marking.allCases.map(\.banner)

    /// The seed's two revisions, checked: both must be valid (warnings such as `marking-downgrade` are expected).
    static func revisions(_ seed: Int) throws -> (old: PropList, new: PropList, oldList: PrisonerList, newList: PrisonerList) {
        var gen = PropListGen(seed: seed)
        let old = gen.first()
        let new = gen.second(after: old)
        let oldChecked = check(old.xml, name: "old.xml")
        let newChecked = check(new.xml, name: "new.xml")
        let oldList = try #require(oldChecked.list, "seed \(seed): revision 1 does not read: \(oldChecked.diagnostics)\n\(old.xml)")
        let newList = try #require(newChecked.list, "seed \(seed): revision 2 does not read: \(newChecked.diagnostics)\n\(new.xml)")
        for (file, xml) in [(oldChecked, old.xml), (newChecked, new.xml)] {
            #expect(file.rules(.error).isEmpty, "seed \(seed): rule errors \(file.diagnostics)\n\(xml)")
        }
        // brief's reader resolves every portion's effective marking as this test does.
        for (generated, read) in [(old, oldList), (new, newList)] {
            let expected = generated.portions.map { "\($0.label): \($0.marking)" }
            let resolved = Self.resolvedMarkings(read)
            #expect(resolved == expected, "seed \(seed), revision \(generated.revision): brief resolves markings differently")
        }
        return (old, new, oldList, newList)
    }

    /// brief's resolved markings, labelled and ordered as `PropList.portions`.
    static func resolvedMarkings(_ list: PrisonerList) -> [String] {
        var out = ["title: \(list.defaultMarking)", "submitter: \(list.defaultMarking)"]
        if list.submitterContact != nil { out.append("contact: \(list.defaultMarking)") }
        if let agreement = list.agreement { out.append("agreement: \(agreement.marking)") }
        for s in list.sources { out.append("source \(s.id): \(s.marking)") }
        for c in list.counts { out.append("count \(c.value) by \(c.sourceID): \(c.marking)") }
        for p in list.prisoners {
            out.append("prisoner \(p.id): \(p.marking)")
            out.append("name of \(p.id): \(p.name.marking)")
            for a in p.aliases { out.append("alias of \(p.id): \(a.marking)") }
            for s in p.statuses { out.append("status \(s.value.rawValue) \(s.date.iso) of \(p.id) per \(s.sourceID): \(s.marking)") }
            for c in p.conditions { out.append("condition of \(p.id): \(c.marking)") }
            for w in p.warnings { out.append("warning of \(p.id): \(w.marking)") }
            for n in p.notes { out.append("note of \(p.id): \(n.marking)") }
        }
        return out
    }

    static func folder(_ seed: Int, _ name: String) throws -> URL {
        if let dump {
            let url = URL(fileURLWithPath: dump).appendingPathComponent("seed-\(seed)/\(name)")
            try? FileManager.default.removeItem(at: url)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        return try temporaryFolder()
    }

    /// The strings found in each output of a build, keyed by a label (`txt`, `docx word/document.xml`, `pdf text`…),
    /// and the plain text used for banner checks.
    struct Scanned {
        var found: [String: Set<String>] = [:]
        var text: [String: String] = [:]
    }

    static func scan(_ written: [String]) throws -> Scanned {
        var scanned = Scanned()
        for path in written {
            // Case sheets are scanned as a format of their own: "case-sheets html".
            let prefix = path.contains(".case-sheets.") ? "case-sheets " : ""
            let format = (path as NSString).pathExtension
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            switch format {
            case "docx":
                for (part, data) in try PropScan.docxParts(path) {
                    scanned.found[prefix + "docx \(part)"] = PropScan.strings(in: data).union(PropScan.joinedTokens(in: data))
                    if part.hasSuffix(".xml") { scanned.text[prefix + "docx \(part)"] = PropScan.docxText(data) }
                }
            case "pdf":
                let layout = try PropScan.pdfText(path, mode: "-layout")
                let raw = try PropScan.pdfText(path, mode: "-raw")
                scanned.found[prefix + "pdf text"] = PropScan.strings(in: layout).union(PropScan.strings(in: raw))
                    .union(PropScan.joinedTokens(in: Array(raw.utf8)))
                scanned.found[prefix + "pdf bytes"] = PropScan.joinedTokens(in: bytes)
                scanned.text[prefix + "pdf"] = layout
            default:
                scanned.found[prefix + format] = PropScan.strings(in: bytes).union(PropScan.joinedTokens(in: bytes))
                scanned.text[prefix + format] = String(decoding: bytes, as: UTF8.self)
            }
        }
        return scanned
    }

    /// The first and last non-empty lines of a text.
    static func ends(_ text: String) -> (first: String, last: String) {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return (lines.first ?? "", lines.last ?? "")
    }

    // MARK: Editions

    @Test(arguments: seeds)
    func editionsShowNothingAboveTheirAudienceAndCarryTheHighestMarking(seed: Int) throws {
        let (_, new, _, _) = try Self.revisions(seed)
        let folder = try Self.folder(seed, "edition")
        defer { if Self.dump == nil { try? FileManager.default.removeItem(at: folder) } }
        let listFile = folder.appendingPathComponent("list.xml")
        try Data(new.xml.utf8).write(to: listFile)
        let builder = BriefBuilder(validator: Validator(schemas: sharedSchemas))
        let portions = new.portions

        for audience in Marking.allCases {
            let out = folder.appendingPathComponent(audience.name)
            // The case sheets too: the same edition, one page per person.
            let outcome = try builder.build(BuildRequest(path: listFile.path, audience: audience, formats: OutputFormat.allCases, outputDirectory: out.path,
                                                         caseSheets: true))
            #expect(outcome.succeeded, "seed \(seed): \(outcome.report)")
            #expect(outcome.written.count == OutputFormat.allCases.count + BriefBuilder.caseSheetFormats.count)
            let document = try #require(outcome.document)
            let scanned = try Self.scan(outcome.written)
            let context = "seed \(seed), \(audience) edition"

            // Nothing above the audience, anywhere.
            // (Identifying strings of a record whose name the edition withholds are withheld with it.)
            let forbidden = Dictionary(portions.flatMap { p in Set(p.allTokens).subtracting(p.shown(audience)).map { ($0, p) } },
                                       uniquingKeysWith: { a, _ in a })
            for (where_, found) in scanned.found.sorted(by: { $0.key < $1.key }) {
                for token in found.sorted() {
                    if let portion = forbidden[token] {
                        Issue.record("\(context): \(where_) shows \(token) from \(portion.label) (\(portion.marking))")
                    }
                }
            }

            // What the edition may show, it shows: the JSON holds every visible string; every format names the
            // visible sources; the tabular formats list every visible record.
            let visible = portions.filter { $0.marking <= audience }
            let json = scanned.found["json"] ?? []
            for portion in visible where portion.inJSON {
                for token in portion.shown(audience) where !json.contains(token) {
                    Issue.record("\(context): the JSON lacks \(token) of \(portion.label) (\(portion.marking))")
                }
            }
            let sourceDescriptions = new.sources.filter { s in visible.contains { $0.label == "source \(s.id)" } }.map(\.description)
            for where_ in ["html", "md", "txt", "docx word/document.xml", "pdf text"] {
                let found = scanned.found[where_] ?? []
                for token in sourceDescriptions where !found.contains(token) {
                    Issue.record("\(context): \(where_) lacks the visible source \(token)")
                }
            }
            let recordIDs = new.prisoners.filter { p in visible.contains { $0.label == "prisoner \(p.id)" } }.map(\.id)
            for where_ in ["html", "md", "csv", "json"] {
                let found = scanned.found[where_] ?? []
                for id in recordIDs where !found.contains(id) { Issue.record("\(context): \(where_) lacks the visible record \(id)") }
            }

            // The banner: the highest effective marking of what the edition includes.
            let expected = new.expectedBanner(audience)
            #expect(document.banner == expected, "\(context): banner \(document.banner), expected \(expected)")
            #expect(document.banner <= audience)
            let banner = expected.banner
            for format in ["txt", "md", "html"] {
                let text = scanned.text[format] ?? ""
                #expect(text.components(separatedBy: banner).count >= 3, "\(context): \(format) carries the banner \(banner) top and bottom")
            }
            let (first, last) = Self.ends(scanned.text["txt"] ?? "")
            #expect(first.contains(banner) && last.contains(banner), "\(context): txt begins and ends with \(banner): \(first) … \(last)")
            #expect(scanned.text["json"]?.contains("\"banner\" : \"\(banner)\"") == true, "\(context): JSON banner")
            // DOCX: every header and footer part carries exactly this banner.
            let docxMargins = scanned.text.filter { $0.key.hasPrefix("docx word/header") || $0.key.hasPrefix("docx word/footer") }
            #expect(!docxMargins.isEmpty, "\(context): DOCX has headers and footers")
            for (part, text) in docxMargins {
                #expect(text.contains(banner), "\(context): \(part) carries \(banner): \(text)")
                for other in Self.banners where other != banner && !banner.contains(other) {
                    #expect(!text.contains(other), "\(context): \(part) carries \(other) besides \(banner)")
                }
            }
            // PDF: every page starts and ends with the banner.
            let pages = (scanned.text["pdf"] ?? "").components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            #expect(!pages.isEmpty, "\(context): PDF has pages")
            for (index, page) in pages.enumerated() {
                let (top, bottom) = Self.ends(page)
                #expect(top.contains(banner) && bottom.contains(banner), "\(context): PDF page \(index + 1) carries \(banner): \(top) … \(bottom)")
            }
        }
    }

    // MARK: Diffs

    /// Strings a diff for `audience` may show: those visible in either revision's edition.
    static func diffForbidden(_ old: PropList, _ new: PropList, audience: Marking) -> [String: String] {
        var shown = Set<String>(), all: [String: String] = [:]
        for (side, list) in [("old", old), ("new", new)] {
            for portion in list.portions {
                let visible = Set(portion.shown(audience))
                for token in portion.allTokens {
                    if visible.contains(token) { shown.insert(token) } else { all[token] = "\(side) \(portion.label) (\(portion.marking))" }
                }
            }
        }
        return all.filter { !shown.contains($0.key) }
    }

    /// The lowest marking under which a string of either revision is shown.
    static func lowestMarkings(_ old: PropList, _ new: PropList) -> [String: Marking] {
        old.tokenMarkings.merging(new.tokenMarkings, uniquingKeysWith: min)
    }

    @Test(arguments: seeds)
    func diffsShowNothingAboveTheirAudience(seed: Int) throws {
        let (old, new, oldList, newList) = try Self.revisions(seed)
        let lowest = Self.lowestMarkings(old, new)
        var sawChanges = false
        for audience in Marking.allCases {
            let context = "seed \(seed), \(audience) diff"
            let forbidden = Self.diffForbidden(old, new, audience: audience)
            let diff = ListDiff(oldList: oldList, newList: newList, audience: audience)
            sawChanges = sawChanges || !diff.isEmpty
            let document = DiffComposer(diff: diff).document(title: "Changes to \(newList.id)", date: newList.asOf)
            let outputs: [(String, String)] = [
                ("md", MarkdownWriter().render(document)), ("html", HTMLWriter().render(document)), ("txt", TextWriter().render(document)),
                ("terminal", DiffTerminalRenderer(color: false).render(document)), ("json", try JSONOutput.encode(DiffExport(diff: diff))),
            ]
            if let dump = Self.dump {
                let url = URL(fileURLWithPath: dump).appendingPathComponent("seed-\(seed)/diff")
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                try Data(old.xml.utf8).write(to: url.appendingPathComponent("old.xml"))
                try Data(new.xml.utf8).write(to: url.appendingPathComponent("new.xml"))
                for (format, text) in outputs { try Data(text.utf8).write(to: url.appendingPathComponent("diff.\(audience.name).\(format)")) }
            }
            for (format, text) in outputs {
                let bytes = Array(text.utf8)
                for token in PropScan.strings(in: bytes).union(PropScan.joinedTokens(in: bytes)).sorted() {
                    if let origin = forbidden[token] { Issue.record("\(context): \(format) shows \(token) from \(origin)") }
                }
            }
            // Each change is marked at least as high as the most restricted string it shows, and no higher than the
            // audience; the banner is the highest of them.
            for change in diff.changes {
                #expect(change.marking <= audience, "\(context): \(change) is marked above the audience")
                let shown = [change.id, change.field, change.before, change.after].compactMap { $0 }.flatMap { PropScan.strings(in: $0) }
                let needed = shown.compactMap { lowest[$0] }.highest
                #expect(change.marking >= needed, "\(context): \(change.kind) of \(change.id) shows \(shown) (\(needed)) but is marked \(change.marking)")
            }
            let shownEverywhere = outputs.flatMap { PropScan.strings(in: $0.1) }.compactMap { lowest[$0] }.highest
            #expect(document.banner >= shownEverywhere, "\(context): banner \(document.banner) below what the diff shows (\(shownEverywhere))")
            // The summary counts every change, and so looks at everything compared.
            #expect(diff.comparedMarking <= audience, "\(context): compared \(diff.comparedMarking)")
            #expect(document.banner == max(diff.changes.map(\.marking).highest, diff.comparedMarking), "\(context): banner \(document.banner)")
        }
        #expect(sawChanges, "seed \(seed): the revisions differ")
    }

    /// A brief with `<previous>`: the briefing's "changes" section in every format, DOCX and PDF included.
    @Test(arguments: seeds)
    func briefingsWithChangesShowNothingAboveTheirAudience(seed: Int) throws {
        let (old, new, oldList, newList) = try Self.revisions(seed)
        let folder = try Self.folder(seed, "brief")
        defer { if Self.dump == nil { try? FileManager.default.removeItem(at: folder) } }
        let brief = folder.appendingPathComponent("prop")
        try FileManager.default.createDirectory(at: brief, withIntermediateDirectories: true)
        try Data(old.xml.utf8).write(to: brief.appendingPathComponent("list-r1.xml"))
        try Data(new.xml.utf8).write(to: brief.appendingPathComponent("list.xml"))
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <brief xmlns="urn:oversight:brief:1" id="prop">
              <memo><to>Members</to><from>Staff</from><date>\(propDay(new.asOf))</date><subject>Property briefing</subject></memo>
              <audience>public</audience>
              <list href="list.xml"/>
              <previous href="list-r1.xml"/>
            </brief>

            """.utf8).write(to: brief.appendingPathComponent("brief.xml"))
        let lowest = Self.lowestMarkings(old, new)
        let builder = BriefBuilder(validator: Validator(schemas: sharedSchemas))
        for audience in Marking.allCases {
            let context = "seed \(seed), \(audience) briefing with changes"
            let out = folder.appendingPathComponent("out-\(audience.name)")
            let outcome = try builder.build(BuildRequest(path: brief.path, audience: audience, outputDirectory: out.path))
            #expect(outcome.succeeded, "\(context): \(outcome.report)")
            let document = try #require(outcome.document)
            let scanned = try Self.scan(outcome.written)
            let forbidden = Self.diffForbidden(old, new, audience: audience)
            var shown = Set<String>()
            for (where_, found) in scanned.found.sorted(by: { $0.key < $1.key }) {
                shown.formUnion(found)
                for token in found.sorted() {
                    if let origin = forbidden[token] { Issue.record("\(context): \(where_) shows \(token) from \(origin)") }
                }
            }
            let diff = ListDiff(oldList: oldList, newList: newList, audience: audience)
            let expected = max(new.expectedBanner(audience), diff.changes.map(\.marking).highest, diff.comparedMarking)
            #expect(document.banner == expected, "\(context): banner \(document.banner), expected \(expected)")
            #expect(document.banner <= audience)
            let needed = shown.compactMap { lowest[$0] }.highest
            #expect(document.banner >= needed, "\(context): banner \(document.banner) below what the briefing shows (\(needed))")
        }
    }
}
