import Foundation
import Testing

/// The examples in docs/rules.md and docs/format.md are real output: each `$ brief validate [OPTIONS] FILE.xml`
/// block is run on the last ```xml block of the same section, and must print exactly what the page shows.
@Suite struct DocumentationExampleTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var page: String
        var line: Int
        var xml: String
        var arguments: [String]
        var expected: String
        var testDescription: String { "\(page):\(line) brief \(arguments.joined(separator: " "))" }
    }

    static let pages = ["docs/rules.md", "docs/format.md"]

    /// Each transcript block that validates one file of the current folder, with the section's last XML block.
    static func examples(in page: String) -> [Example] {
        guard let text = try? String(contentsOf: Repository.root.appendingPathComponent(page), encoding: .utf8) else { return [] }
        var blocks: [(language: String, line: Int, lines: [String])] = []
        var open: (language: String, line: Int, lines: [String])?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).enumerated() {
            if var block = open {
                if line == "```" {
                    blocks.append(block)
                    open = nil
                } else {
                    block.lines.append(line)
                    open = block
                }
            } else if line.hasPrefix("```") {
                open = (String(line.dropFirst(3)), index + 1, [])
            } else if line.hasPrefix("#") {
                blocks.append(("heading", index + 1, []))
            }
        }
        var examples: [Example] = []
        var xml: [String]?
        for block in blocks {
            switch block.language {
            case "heading": xml = nil
            case "xml": xml = block.lines
            default: break
            }
            guard block.language.isEmpty, let xml, let command = block.lines.first, command.hasPrefix("$ brief validate ") else { continue }
            let arguments = command.dropFirst(2).split(separator: " ").dropFirst(2).map(String.init)
            guard let file = arguments.last, file.hasSuffix(".xml"), !file.contains("/") else { continue }
            examples.append(Example(page: page, line: block.line, xml: xml.joined(separator: "\n") + "\n",
                                    arguments: arguments, expected: block.lines.dropFirst().joined(separator: "\n") + "\n"))
        }
        return examples
    }

    static let examples = pages.flatMap(examples(in:))

    @Test func everyRuleHasAnExample() {
        let validated = Set(Self.examples.compactMap(\.arguments.last))
        for rule in ["xml", "doctype", "schema", "date-order", "future-date", "rearrest-without-release", "committed-count",
                     "duplicate-person", "marking-downgrade", "unused-source", "condition-while-detained", "source-conflict"] {
            #expect(validated.contains("\(rule).xml"), "docs/rules.md has no runnable example of \(rule)")
        }
    }

    @Test(arguments: examples)
    func theExamplePrintsWhatThePageShows(_ example: Example) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try #require(example.arguments.last)
        try Data(example.xml.utf8).write(to: folder.appendingPathComponent(file))
        let run = try runBrief(["validate"] + example.arguments, in: folder.path)
        #expect(run.stdout == example.expected, "\(example.page):\(example.line) shows other output than brief prints")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }
}
