@testable import BriefKit
import Foundation
import Testing

/// Markdown that CommonMark renders as meant.
@Suite struct MarkdownWriterTests {
    @Test func emphasisNeverClosesAfterASpace() {
        let writer = MarkdownWriter()
        #expect(writer.inline([.strong("Released (out): "), .text("the list counts 3")]) == "**Released (out):** the list counts 3")
        #expect(writer.inline([.strong("[1] "), .text("Source")]) == "**\\[1\\]** Source")
        #expect(writer.inline([.emphasis(" withheld ")]) == " *withheld* ")
        #expect(writer.inline([.strong("  ")]) == "  ")
    }

    @Test func noGoldenFileHasASpaceBeforeAClosingDelimiter() throws {
        for name in ["cuba-53.committee.md", "markers.committee.md", "markers.public.md"] {
            let text = try String(contentsOfFile: Repository.root.appendingPathComponent("Tests/BriefKitTests/Golden/" + name).path, encoding: .utf8)
            #expect(!text.contains(" **\n") && !text.contains(": **"), "\(name)")
        }
    }
}
