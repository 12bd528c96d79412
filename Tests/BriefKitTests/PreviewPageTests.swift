@testable import BriefPreview
import BriefKit
import Foundation
import Testing

/// The preview's page and state in process: the edition is `brief build`'s, byte for byte, and the preview only adds.
@Suite struct PreviewPageTests {
    static func session(_ path: String, audience: Marking? = nil) -> PreviewSession {
        PreviewSession(configuration: .init(path: path, validator: Validator(schemas: sharedSchemas), audience: audience, date: nil))
    }

    @Test(arguments: [Marking.public, .committee, .restricted])
    func theEditionIsTheOneBriefBuildWrites(_ audience: Marking) async throws {
        let brief = try exampleBriefCopy()
        let out = try temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: brief)
            try? FileManager.default.removeItem(at: out)
        }
        let built = try BriefBuilder(validator: Validator(schemas: sharedSchemas))
            .build(BuildRequest(path: brief.path, audience: audience, formats: [.html], outputDirectory: out.path))
        let file = try #require(built.written.first)
        let expected = try String(contentsOfFile: file, encoding: .utf8)

        let page = await Self.session(brief.path).page(audience: audience)
        #expect(page.audience == audience)
        #expect(page.editionHTML == expected)

        // What the preview sends is the edition with its insertions; take them out and the edition is left.
        let rendered = page.render()
        let policy = try #require(PreviewPage.policyMeta(in: expected))
        let restored = rendered
            .replacingOccurrences(of: page.contentSecurityPolicy, with: String(expected[policy.policy]))
            .replacingOccurrences(of: PreviewPage.style, with: "")
            .replacingOccurrences(of: page.script(), with: "")
            .replacingOccurrences(of: "\n" + page.bar(), with: "")
        #expect(restored == expected)
        #expect(rendered.components(separatedBy: "<script").count == 2, "one script")
        #expect(rendered.contains("<script nonce=\"\(page.nonce)\">"))
        #expect(page.contentSecurityPolicy.hasPrefix("default-src 'none'"))
        #expect(page.contentSecurityPolicy.contains("script-src 'nonce-\(page.nonce)'"))
        #expect(!page.contentSecurityPolicy.contains("unsafe-eval"))
    }

    @Test func aSaveWithErrorsKeepsTheLastGoodBriefingBelowTheDiagnostics() async throws {
        let brief = try exampleBriefCopy()
        defer { try? FileManager.default.removeItem(at: brief) }
        let session = Self.session(brief.path)
        let good = await session.page(audience: nil)
        #expect(good.diagnostics.allSatisfy { $0.severity != .error })
        #expect(good.isStale == false)

        let list = brief.appendingPathComponent("list.xml")
        try "<prisonerList".write(to: list, atomically: true, encoding: .utf8)
        let rebuild = await session.rebuild()
        #expect(rebuild.generation == good.generation + 1)
        let broken = await session.page(audience: nil)
        #expect(broken.generation == rebuild.generation)
        #expect(broken.diagnostics.contains { $0.severity == .error && $0.file.hasSuffix("list.xml") && $0.line == 1 })
        #expect(broken.isStale)
        #expect(broken.editionHTML == good.editionHTML)
        #expect(broken.render().contains("list.xml:1:"))
        // Every file the inputs were read from is watched, the letterhead image among them.
        let watched = await session.watchedPaths()
        for name in ["brief.xml", "list.xml", "history/list-r2.xml", "seal.png"] {
            #expect(watched.contains(brief.appendingPathComponent(name).path), "watches \(name)")
        }
    }

    @Test func aBareListWithoutAnAudienceAsksForOne() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("list.xml")
        try listXML().write(to: list, atomically: true, encoding: .utf8)
        let page = await Self.session(list.path).page(audience: nil)
        #expect(page.editionHTML == nil)
        #expect(page.problems.contains { $0.contains("choose an edition") })
        let html = page.render()
        #expect(html.contains("href=\"?audience=public\""))
        #expect(await Self.session(list.path).page(audience: .public).editionHTML != nil)
    }

    @Test func textFromTheFilesIsEscapedInTheBar() {
        let diagnostic = Diagnostic(severity: .error, rule: .schema, message: "element '<script>alert(1)</script>' & co",
                                    file: "a\"b.xml", line: 3, column: 1)
        let page = PreviewPage(generation: 1, audience: .public, diagnostics: [diagnostic], problems: ["<img src=x>"],
                               editionHTML: nil, isStale: false, nonce: "abc")
        let html = page.render()
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("a&quot;b.xml:3:1"))
    }

    @Test func aStampSeesAnInPlaceSaveAndAReplacement() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("list.xml").path
        try "one".write(toFile: file, atomically: false, encoding: .utf8)
        let first = InputStamp.take([file])
        try "two".write(toFile: file, atomically: false, encoding: .utf8)
        // Same size: the modification time (or, on a coarse clock, nothing) tells; a replacement changes the inode.
        try "six".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(InputStamp.take([file]) != first)
        try FileManager.default.removeItem(atPath: file)
        #expect(InputStamp.take([file]).files[file] == .missing)
    }
}
