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
