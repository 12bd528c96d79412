import Foundation
import Testing
@testable import BriefKit

/// `brief init` (docs/init.md): a new brief folder validates and builds, shows each element once, and nothing is
/// ever overwritten.
@Suite struct InitTests {
    @Test func theStarterFilesValidateWithoutAFinding() throws {
        let today = try #require(Day(iso: "2026-03-04"))
        for (name, text) in BriefTemplate.files(id: "venezuela-2024", today: today) where name == "list.xml" {
            let checked = check(text)
            #expect(checked.list != nil)
            #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics)")
            // Each element of the format, once.
            for element in ["title", "submitter", "agreement", "party", "summary", "sources", "source", "counts", "count", "prisoner",
                            "name", "alias", "gender", "born", "province", "affiliation", "detention", "charge", "status",
                            "condition", "warning", "note"] {
                #expect(text.contains("<\(element)>") || text.contains("<\(element) "), "\(element)")
            }
        }
    }

    @Test func identifiersComeFromTheFolderName() {
        #expect(BriefTemplate.identifier(from: "venezuela-2024") == "venezuela-2024")
        #expect(BriefTemplate.identifier(from: "Año nuevo") == "A-o-nuevo")
        #expect(BriefTemplate.identifier(from: "..") == "brief")
    }

    @Test func theCommandWritesAFolderThatValidatesAndRefusesToOverwrite() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let brief = folder.appendingPathComponent("nicaragua-2026").path
        let run = try runBrief(["init", brief, "--spreadsheet"], environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try runBrief(["validate", "--strict", brief]).status == 0)
        #expect(try String(contentsOfFile: brief + "/list.xml", encoding: .utf8).contains("asOf=\"2026-01-01\""))
        // The starter spreadsheet imports as the starter list.
        let imported = folder.appendingPathComponent("imported.xml").path
        #expect(try runBrief(["import", brief + "/list.xlsx", "--out", imported]).status == 0)
        #expect(try runBrief(["textconv", imported]).stdout == runBrief(["textconv", brief + "/list.xml"]).stdout)
        // A second init changes nothing.
        try "edited".write(toFile: brief + "/list.xml", atomically: true, encoding: .utf8)
        let again = try runBrief(["init", brief])
        #expect(again.status == 2)
        #expect(again.stderr.contains("never overwrites"))
        #expect(try String(contentsOfFile: brief + "/list.xml", encoding: .utf8) == "edited")
    }

    @Test func everyNewCommandHasHelpWithAnExample() throws {
        for command in ["init", "export", "import", "merge"] {
            let help = try runBrief([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Example:") && help.stdout.contains("brief \(command) "), "\(command)")
        }
    }
}
