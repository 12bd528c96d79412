@testable import BriefKit
import BriefXML
import Foundation
import Testing

/// The fast paths of reading give exactly what the plain definitions give: whitespace handled on bytes, dates
/// parsed from bytes, and a file read by two threads (validation beside model building and rules).
@Suite struct ReadingDesignTests {
    /// Pieces that stress grapheme clustering next to whitespace: combining marks, a prepended mark, ZWJ,
    /// regional indicators, CR LF, and spaces that are not XML whitespace.
    static let pieces = [" ", "  ", "\t", "\n", "\r", "\r\n", "a", "Zé", "\u{301}", "\u{600}", "\u{200D}", "🇫🇷",
                         "\u{A0}", "\u{2003}", "x\u{308}", "👩‍👩‍👧", "-", "1"]

    /// SplitMix64: the same texts on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func texts() -> [String] {
        var generator = SeededGenerator(state: 7)
        var texts = pieces + pieces.flatMap { a in pieces.map { b in a + b } }
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        return texts
    }

    @Test func whitespaceOnBytesMatchesCharacters() {
        for text in Self.texts() {
            let collapsed = XMLWhitespace.collapsed(text.utf8.span), trimmed = XMLWhitespace.trimmed(text.utf8.span)
            #expect(collapsed == XMLWhitespace.collapsedByCharacters(text), "\(Array(text.unicodeScalars))")
            #expect(trimmed == XMLWhitespace.trimmedByCharacters(text), "\(Array(text.unicodeScalars))")
            if XMLWhitespace.isCollapsed(text.utf8.span) { #expect(XMLWhitespace.collapsedByCharacters(text) == text) }
            #expect(text.collapsingXMLWhitespace() == XMLWhitespace.collapsedByCharacters(text))
            #expect(text.trimmingXMLWhitespace() == XMLWhitespace.trimmedByCharacters(text))
            #expect(text.dropFirst().trimmingXMLWhitespace() == XMLWhitespace.trimmedByCharacters(text.dropFirst()))
        }
    }

    @Test func isoDatesParseFromBytesAsFromCharacters() {
        let texts = ["2015-01-12", " 2015-01-12\n", "\t2015-01-12 ", "2015-1-12", "2015-01-1", "15-01-12", "2015-02-29",
                     "2016-02-29", "2015-13-01", "2015-00-10", "０１２３-01-01", "2015-01-1\u{301}2", " \u{301}2015-01-12",
                     "2015/01/12", "+015-01-12", "2015-01-12x", "", " ", "0000-01-01", "9999-12-31"]
        for text in texts {
            let trimmed = XMLWhitespace.trimmedByCharacters(text)
            let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            var expected: Day?
            if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
               parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
               let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
                expected = Day(year: y, month: m, day: d)
            }
            #expect(Day(iso: text) == expected, "\(text)")
            if let day = Day(iso: text) { #expect(Day(iso: day.iso) == day) }
        }
        #expect(Day(uncheckedYear: 44, month: 3, day: 15).iso == "0044-03-15")
        #expect(Day(uncheckedYear: 12024, month: 1, day: 1).iso == "12024-01-01")
    }

    /// `==` cannot tell a shared string from an equal copy, so sharing is checked by where the UTF-8 is stored.
    @Test func repeatedValuesShareOneString() throws {
        let text = "Actos contra la independencia del Estado"
        // Each call makes a string in storage of its own: two of them share only what the interner makes shared.
        func fresh() -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
        var interner = StringInterner()
        let first = interner.intern(fresh())
        let stored = try #require(Self.storageAddress(first))
        let second = interner.intern(fresh())
        #expect(second == first)
        #expect(Self.storageAddress(second) == stored, "an equal string gets the first one's storage")
        let unshared = fresh()
        #expect(Self.storageAddress(unshared) != stored, "equal strings made apart do not share storage")
        let copy = fresh()
        #expect(Self.storageAddress(interner.intern(copy.utf8.span)) == stored, "bytes are looked up too")
        // Under 16 bytes a string lives inside the String value: there is no storage to share.
        #expect(interner.intern("short") == "short")
    }

    /// The address of a string's UTF-8 storage (the same for two strings only when they share it).
    static func storageAddress(_ string: String) -> UInt? {
        string.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) }
    }

    /// A list with problems of every kind a reader reports: schema errors inside prisoners, an unresolved source
    /// (placed at its reference), a duplicate id, rule findings.
    static let invalidList = listXML(prisoners: """
      <prisoner id="CU-017" list="agreed">
        <status value="released" date="2015-01-10" source="usg"/>
      </prisoner>
      <prisoner id="CU-018" list="agreed"><name>B</name><status value="freed" date="2015-01-10" source="usg"/></prisoner>
      <prisoner id="CU-019" list="agreed"><name>C</name><status value="released" date="2015-01-10" source="nobody"/></prisoner>
      <prisoner id="CU-019" list="agreed"><name>D</name><status value="released" date="2015-01-10" source="nobody"/></prisoner>
    """)

    static let ruleList = listXML(prisoners: """
      <prisoner id="P1" list="agreed" marking="public">
        <name>  Ana \n Pérez </name><born>1970</born><detention arrested="2012-03-01" facility=" Kilo  8 "><charge>X</charge></detention>
        <status value="released" date="2011-03-01" source="usg">  left \t early </status>
        <status value="detained" date="2015-01-12" source="ngo"/>
      </prisoner>
      <prisoner id="P2" list="agreed"><name>Ana Perez</name><born>1970</born><status value="released" date="2015-01-10" source="usg"/></prisoner>
    """)

    @Test(arguments: [invalidList, ruleList, listXML(), String(listXML().prefix(700)), "<list xmlns=\"urn:other\"/>"])
    func twoThreadsReadWhatOneReads(_ xml: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("list.xml").path
        try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
        let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 2))
        let alone = try validator.check(path: path)
        let together = try validator.checkConcurrently(path: path)
        #expect(together.diagnostics == alone.diagnostics)
        #expect(together.read.isValid == alone.read.isValid)
        #expect(together.read.text == alone.read.text)
        #expect(together.read.findings.map(\.message) == alone.read.findings.map(\.message))
        var aloneDump = "", togetherDump = ""
        dump(alone.read.document, to: &aloneDump)
        dump(together.read.document, to: &togetherDump)
        #expect(togetherDump == aloneDump)
        // One file with two jobs is read by two threads.
        #expect(try validator.checkAll([path]).first?.diagnostics == alone.diagnostics)
    }
}
