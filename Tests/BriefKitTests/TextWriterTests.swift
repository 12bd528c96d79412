@testable import BriefKit
import Testing

/// The text writer: 78 columns, aligned tables, and records where aligned columns would cut words.
@Suite struct TextWriterTests {
    static func document(_ table: DataTable, marks: Bool = true) -> BriefDocument {
        let metadata = BriefDocument.Metadata(title: "T", subject: "S", keywords: [], date: Day(year: 2015, month: 1, day: 13) ?? Day.epoch,
                                              language: "en", generator: "test")
        return BriefDocument(title: "T", audience: .committee, banner: .committee, showsPortionMarks: marks, metadata: metadata,
                             sections: [Section(kind: .summary, heading: "S", blocks: [.table(table)])])
    }

    static let wide = DataTable(
        kind: .prisoners, caption: "Prisoners",
        columns: ["ID", "Name", "List", "Province", "Status", "Released", "Conditions", "Warnings"].map { DataTable.Column($0) },
        rows: [DataTable.Row(cells: ["CU-001", "José Ángel Ramírez Navarro", "agreed", "Ciego de Ávila", "released (disputed)", "2015-01-01",
                                     "parole until 2017-06-28, reporting", "rearrest 2015-01-02"], marking: .committee),
               DataTable.Row(cells: ["CU-002", "Ana", "requested", "", "detained", "", "", ""], marking: .public)])

    @Test func aTableTooWideToAlignIsWrittenAsRecords() {
        let text = TextWriter().render(Self.document(Self.wide))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("(C) CU-001"))
        #expect(lines.contains("    Name:       José Ángel Ramírez Navarro"))
        #expect(lines.contains("    Conditions: parole until 2017-06-28, reporting"))
        #expect(lines.contains("(P) CU-002"))
        // Empty cells get no line; every word is whole.
        let second = lines.drop { $0 != "(P) CU-002" }.prefix { !$0.isEmpty }
        #expect(second.count == 4)
        for word in ["2015-01-01", "released", "Ramírez", "reporting"] { #expect(text.contains(word)) }
        #expect(lines.allSatisfy { $0.count <= TextWriter.width })
    }

    @Test func aTableThatFitsStaysAligned() {
        let narrow = DataTable(kind: .figures, caption: "Counts", columns: [.init("Source"), .init("Value", numeric: true)],
                               rows: [.init(cells: ["officials", "53"], marking: .committee), .init(cells: ["dissidents", "39"], marking: .public)])
        let lines = TextWriter().render(Self.document(narrow)).split(separator: "\n").map(String.init)
        #expect(lines.contains("Mark  Source      Value"))
        #expect(lines.contains("(C)   officials      53"))
        #expect(lines.contains("(P)   dissidents     39"))
    }

    @Test func noLineEndsInASpace() {
        let text = TextWriter().render(Self.document(Self.wide, marks: false))
        #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") })
    }
}

/// The memo a Member reads, in text: no hash is cut, headings, numbered lists, dates, pages and the letterhead.
@Suite struct TextWriterMemoTests {
    static func lines(_ document: BriefDocument) -> [String] {
        TextWriter().render(document).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func aHashIsNeverCutEvenWhereItIsLongerThanTheLine() {
        let hash = MemoDocument.hash
        // Today's wrapper cut a 64-character hash in a 51-column facts value; now it moves whole to a line of its own.
        #expect(DisplayWidth.wrap([.prose("Recorded as "), .token(hash), .prose(".")], width: 51) == ["Recorded as", hash + "."])
        #expect(DisplayWidth.wrap([.prose("a "), .token(hash)], width: 20) == ["a", hash])
        // A token with a space in it is not broken at the space either.
        #expect(DisplayWidth.wrap([.prose("see "), .token("record CU 017"), .prose(" now")], width: 12) == ["see", "record CU 017", "now"])
        let text = TextWriter().render(MemoDocument.make())
        #expect(text.contains(hash + "."))
    }

    @Test func aHashLongerThanAFactsValueColumnMovesLeftToFitTheLine() throws {
        let hash = MemoDocument.hash
        var document = MemoDocument.make()
        document.sections[0].blocks = [.facts(FactTable(caption: "Provenance", rows: [
            .init(label: "Manifest", value: [.text("brief.xml (SHA-256 "), .code(hash), .text(")")], marking: .public),
            .init(label: "Previous list file", value: [.code(hash)], marking: .public),
        ]))]
        let lines = Self.lines(document)
        let first = try #require(lines.firstIndex(of: "(P) Manifest:" + String(repeating: " ", count: 12) + "brief.xml (SHA-256"))
        #expect(lines[first + 1] == String(repeating: " ", count: 13) + hash + ")")
        #expect(lines[first + 2] == "(P) Previous list file:")
        #expect(lines[first + 3] == String(repeating: " ", count: 14) + hash)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= TextWriter.width })
    }

    @Test func theWrapperMovesAWordThatFitsAndCutsOnlyAWordLongerThanTheLine() {
        #expect(DisplayWidth.wrap("aaa bbbbbbbbbb", width: 10) == ["aaa", "bbbbbbbbbb"])
        #expect(DisplayWidth.wrap("aaa bbbbbbbbbbbb", width: 10) == ["aaa", "bbbbbbbbbb", "bb"])
        #expect(DisplayWidth.wrap("ää bbbbbbbbbb", width: 10) == ["ää", "bbbbbbbbbb"])
        #expect(DisplayWidth.wrap("日本 bbbbbbbbbb", width: 10) == ["日本", "bbbbbbbbbb"])
    }

    @Test func aHashInATableKeepsItsColumnWideOrTheTableBecomesRecords() {
        let hash = MemoDocument.hash
        let table = DataTable(kind: .figures, caption: "Inputs", columns: [.init("File"), .init("SHA-256")],
                              rows: [.init(cells: [.text("list.xml"), .inlines([.code(hash)])], marking: .public)])
        let lines = TextWriter().render(TextWriterTests.document(table, marks: false)).split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains(hash) })
        let narrow = DataTable(kind: .figures, caption: "Inputs", columns: [.init("File"), .init("Role"), .init("SHA-256")],
                               rows: [.init(cells: [.text("list.xml"), .text("the list of prisoners, as submitted"), .inlines([.code(hash)])],
                                            marking: .committee)])
        let text = TextWriter().render(TextWriterTests.document(narrow))
        #expect(text.contains(hash))
    }

    @Test func subheadingsAreUnderlinedAndMarkedWhenAuthored() {
        let lines = Self.lines(MemoDocument.make())
        let index = lines.firstIndex(of: "(C) Who was released")
        #expect(index.map { lines[$0 + 1] } == String(repeating: "~", count: 20))
        #expect(lines.contains("Next steps"))
        #expect(lines.contains("(C) BACKGROUND"))
        #expect(Self.lines(MemoDocument.make(marks: false)).contains("BACKGROUND"))
    }

    @Test func anOrderedListIsNumbered() {
        let lines = Self.lines(MemoDocument.make())
        #expect(lines.contains("1. (P) Ask the Department for the list."))
        #expect(lines.contains("2. (C) Compare it with record CU-017."))
    }

    @Test func aDateReadsAsProse() {
        #expect(TextWriter().render(MemoDocument.make()).contains("received on January 13, 2015 and"))
    }

    @Test func aSectionThatStartsAPageFollowsARule() {
        let lines = Self.lines(MemoDocument.make())
        let sheet = lines.firstIndex(of: "LUIS SOTO")
        #expect(sheet.map { lines[$0 - 2] } == TextWriter.pageRule)
        #expect(lines.filter { $0 == TextWriter.pageRule }.count == 1)
    }

    @Test func theLetterheadLinesOpenTheMemo() {
        let lines = Self.lines(MemoDocument.make(style: MemoDocument.houseStyle))
        #expect(lines[2].trimmingPrefix(while: { $0 == " " }) == "Committee on Foreign Affairs")
        #expect(lines[3].trimmingPrefix(while: { $0 == " " }) == "2170 Rayburn <House> Office Building")
        #expect(lines[5] == "Memo")
    }
}

/// CSV: dates are ISO, as data.
@Suite struct CSVWriterDateTests {
    @Test func datesAreWrittenISO() {
        let table = DataTable(kind: .prisoners, caption: "Prisoners", columns: [.init("ID"), .init("Released")],
                              rows: [.init(cells: [.text("CU-001"), .inlines([.date(MemoDocument.day)])], marking: .public)])
        let csv = CSVWriter().render(TextWriterTests.document(table, marks: false))
        #expect(csv == "\u{FEFF}ID,Released\r\nCU-001,2015-01-13\r\n")
    }
}
