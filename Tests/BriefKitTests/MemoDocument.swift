@testable import BriefKit
import Foundation

/// A memo with what "the memo a Member reads" added to the IR: an authored, marked section with subheadings, a date,
/// a hash and a numbered list, and two case sheets, the second starting a new page.
enum MemoDocument {
    static let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    static let day = Day(year: 2015, month: 1, day: 13) ?? Day.epoch

    /// A 1 × 1 PNG.
    static let pngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    static var png: [UInt8] { Array(Data(base64Encoded: pngBase64) ?? Data()) }

    static let houseStyle = HouseStyle(
        letterhead: ["Committee on Foreign Affairs", "2170 Rayburn <House> Office Building"],
        letterheadImage: HouseStyle.Image(png: png, description: "Seal of the \"Committee\""),
        accent: HouseStyle.Color(red: 0x8B, green: 0x1A, blue: 0x1A), bodyFont: "Source Serif 4",
        headingFont: "Font\"; } </style><script>", pageSize: .a4)

    static func make(marks: Bool = true, style: HouseStyle = .standard) -> BriefDocument {
        let metadata = BriefDocument.Metadata(title: "Memo", subject: "Oversight memo", keywords: [], date: day, language: "en",
                                              generator: "test")
        let background = Section(kind: .authored, heading: "Background", headingMarking: .committee, anchor: "background-of-the-deal", blocks: [
            .heading(Heading(text: "Who was released", marking: .committee)),
            .paragraph(Paragraph(marking: .committee, content: [
                .text("The list was received on "), .date(day), .text(" and recorded as "), .code(hash), .text("."),
            ])),
            .heading(Heading(text: "Next steps", marking: nil)),
            .bullets(BulletList(items: [
                Paragraph(marking: .public, content: [.text("Ask the Department for the list.")]),
                Paragraph(marking: .committee, content: [.text("Compare it with record "), .code("CU-017"), .text(".")]),
            ], ordered: true)),
        ])
        let first = Section(kind: .caseSheet, heading: "Ana Pérez", anchor: "case-cu-001", blocks: [
            .facts(FactTable(caption: "Ana Pérez", rows: [.init(label: "Record", value: [.code("CU-001")], marking: .public)])),
        ])
        let second = Section(kind: .caseSheet, heading: "Luis Soto", anchor: "case-cu-002", startsOnNewPage: true, blocks: [
            .paragraph(Paragraph(marking: .public, content: [.text("Arrested "), .date(day), .text(".")])),
        ])
        return BriefDocument(title: "Memo", audience: marks ? .committee : .public, banner: marks ? .committee : .public,
                             showsPortionMarks: marks, metadata: metadata, style: style, sections: [background, first, second])
    }
}
