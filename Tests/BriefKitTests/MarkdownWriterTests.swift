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

/// The memo a Member reads, in Markdown.
@Suite struct MarkdownWriterMemoTests {
    @Test func subheadingsAreLevelThreeAndMarkedWhenAuthored() {
        let markdown = MarkdownWriter().render(MemoDocument.make())
        #expect(markdown.contains("\n### **(C)** Who was released\n"))
        #expect(markdown.contains("\n### Next steps\n"))
        #expect(MarkdownWriter().render(MemoDocument.make(marks: false)).contains("\n### Who was released\n"))
    }

    @Test func anAuthoredSectionHeadingShowsItsMark() {
        #expect(MarkdownWriter().render(MemoDocument.make()).contains("\n## **(C)** Background\n"))
        #expect(MarkdownWriter().render(MemoDocument.make(marks: false)).contains("\n## Background\n"))
    }

    @Test func anOrderedListIsNumbered() {
        let markdown = MarkdownWriter().render(MemoDocument.make())
        #expect(markdown.contains("\n1. **(P)** Ask the Department for the list.\n2. **(C)** Compare it with record `CU-017`.\n"))
    }

    @Test func aDateReadsAsProse() {
        #expect(MarkdownWriter().render(MemoDocument.make()).contains("received on January 13, 2015 and"))
    }

    @Test func codeIsACodeSpanWhateverItHolds() {
        #expect(MarkdownWriter().render(MemoDocument.make()).contains("recorded as `\(MemoDocument.hash)`."))
        #expect(MarkdownWriter.code("a`b") == "``a`b``")
        #expect(MarkdownWriter.code("``x") == "``` ``x ```")
        #expect(MarkdownWriter.code(" x") == "`  x `")
        #expect(MarkdownWriter.code("@octocat #12 *x* <b>") == "`@octocat #12 *x* <b>`")
        #expect(MarkdownWriter.code("a|b") == "`a|b`")
        #expect(MarkdownWriter.code("a|b", inTable: true) == "`a\\|b`")
        #expect(MarkdownWriter().inline([.code("a|b")], inTable: true) == "`a\\|b`")
        #expect(!MarkdownWriter.code("a\nb").contains("\n"))
    }

    @Test func aSectionThatStartsAPageFollowsARule() {
        let markdown = MarkdownWriter().render(MemoDocument.make())
        #expect(markdown.contains("\n\n---\n\n## Luis Soto\n"))
        #expect(!markdown.contains("---\n\n## Ana Pérez"))
    }

    @Test func theLetterheadLinesOpenTheMemo() {
        let markdown = MarkdownWriter().render(MemoDocument.make(style: MemoDocument.houseStyle))
        #expect(markdown.hasPrefix("**COMMITTEE"))
        #expect(markdown.contains("**\n\nCommittee on Foreign Affairs\\\n2170 Rayburn &lt;House&gt; Office Building\n\n# Memo\n"))
        #expect(!markdown.contains("data:"))
        #expect(!MarkdownWriter().render(MemoDocument.make()).contains("Committee on Foreign Affairs"))
    }
}
