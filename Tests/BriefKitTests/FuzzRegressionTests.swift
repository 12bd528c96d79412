@testable import BriefKit
import BriefXML
import Foundation
import Testing

/// The inputs that `make fuzz` found crashing, leaking or hanging (Tests/BriefKitTests/Fixtures/fuzz), run through the
/// pipeline brief-fuzz runs (Sources/brief-fuzz/Pipeline.swift): read and check both halves, render the diagnostics
/// in every format, build every format for every audience in memory, and diff the halves. Each must complete, and
/// keep the properties the fuzzer checks. Under `make test-asan` this also checks them for leaks.
@Suite struct FuzzRegressionTests {
    static let folder = Repository.fixtures.appendingPathComponent("fuzz")

    /// Names of the regression inputs.
    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    }()

    static let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1))

    /// brief-fuzz's separator between the two documents of an input.
    static let separator: [UInt8] = Array("\u{0}--next--\u{0}".utf8)

    static func halves(_ bytes: [UInt8]) -> (first: [UInt8], second: [UInt8]) {
        let n = separator.count
        if bytes.count >= n {
            for start in 0...(bytes.count - n) where bytes[start] == 0 && bytes[start..<(start + n)].elementsEqual(separator) {
                return (Array(bytes[..<start]), Array(bytes[(start + n)...]))
            }
        }
        return (bytes, bytes)
    }

    @Test func thereAreRegressionInputs() {
        #expect(!Self.inputs.isEmpty, "Tests/BriefKitTests/Fixtures/fuzz holds the inputs make fuzz found")
    }

    @Test(arguments: inputs) func completesTheWholePipeline(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let started = Date()
        let (first, second) = Self.halves(bytes)
        let a = try Self.check(first, path: "fuzz/a/list.xml")
        let b = first == second ? a : try Self.check(second, path: "fuzz/b/list.xml")

        let report = ValidationReport(files: [a, b].map { FileReport(path: $0.read.path, diagnostics: $0.diagnostics) })
        try Self.renderDiagnostics(report)

        var manifest: BriefManifest?
        for side in [a, b] where side.read.isValid {
            if case .manifest(let value)? = side.read.document { manifest = value }
        }
        for (side, half, previous) in [(a, first, nil as CheckedFile?), (b, second, a)] {
            guard let list = side.list else { continue }
            for audience in Marking.allCases {
                try Self.build(list: list, file: side, bytes: half, previous: previous?.list, manifest: manifest, audience: audience)
            }
            #expect(ListTextConverter.render(list).hasSuffix("\n"))
            if first == second { break }
        }
        if let old = a.list, let new = b.list {
            for audience in Marking.allCases { try Self.diff(old: old, new: new, audience: audience) }
        }
        // The fuzzer's timeout is 60 s under AddressSanitizer; a plain debug build is far under it.
        #expect(Date().timeIntervalSince(started) < 60, "\(name) took \(Date().timeIntervalSince(started)) s")
    }

    /// Reads and checks one document, once on one thread and once on two; both must agree.
    static func check(_ bytes: [UInt8], path: String) throws -> CheckedFile {
        let read = validator.reader.read(bytes: bytes, path: path)
        let checked = validator.check(read)
        if !read.isValid {
            #expect(checked.diagnostics.contains { $0.severity == .error }, "an invalid file says why, with an error")
        }
        let (concurrent, listFindings, source) = validator.reader.readConcurrently(bytes: bytes, path: path,
                                                                                   listCheck: { ListChecker.findings(in: $0) },
                                                                                   whileWaiting: { SourceText(utf8: $0) })
        #expect(concurrent.isValid == read.isValid)
        #expect(validator.check(concurrent, listFindings: listFindings, source: source).diagnostics == checked.diagnostics)
        for diagnostic in checked.diagnostics {
            #expect(diagnostic.line >= 1 && diagnostic.column >= 1)
        }
        return checked
    }

    static func renderDiagnostics(_ report: ValidationReport) throws {
        #expect(!HumanDiagnosticRenderer(color: false).render(report).isEmpty)
        _ = HumanDiagnosticRenderer(color: true).render(report)
        _ = GitHubAnnotationRenderer().render(report)
        try expectJSON(JSONDiagnosticRenderer().render(report))
        try expectJSON(SARIFRenderer().render(report))
        try expectWellFormedXML(JUnitRenderer().render(report))
        try expectWellFormedXML(JUnitRenderer(strict: true).render(report))
    }

    /// What `BriefBuilder.build` does, in memory, with every writer.
    static func build(list: PrisonerList, file: CheckedFile, bytes: [UInt8], previous: PrisonerList?, manifest: BriefManifest?,
                      audience: Marking) throws {
        let edition = Edition(list: list, audience: audience)
        #expect(edition.highestMarking <= audience)
        let reconciliation = Reconciliation(edition: edition)
        var inputs = [BriefContext.InputFile(name: "list.xml", sha256: SHA256.hex(bytes), role: "List")]
        var changes: [Block]?
        if let previous {
            inputs.append(BriefContext.InputFile(name: "list-r1.xml", sha256: SHA256.hex([UInt8]()), role: "Previous list"))
            changes = ListDiff(old: Edition(list: previous, audience: audience), new: edition).blocks()
        }
        let context = BriefContext(briefID: manifest?.id ?? list.id, memo: manifest?.memo, sections: manifest?.sections, inputs: inputs,
                                   date: manifest?.memo.date ?? list.asOf, changes: changes)
        let document = BriefComposer(reconciliation: reconciliation, context: context).compose()
        #expect(document.banner <= audience)
        let diagnostics = validator.resolve(ListChecker.findings(in: edition.list), in: file.read)

        #expect(!HTMLWriter().render(document).isEmpty)
        #expect(!MarkdownWriter().render(document).isEmpty)
        #expect(!TextWriter().render(document).isEmpty)
        _ = CSVWriter().render(document)
        try expectJSON(JSONWriter().render(BriefExport(reconciliation: reconciliation, context: context, banner: document.banner,
                                                       diagnostics: diagnostics)))
        let docx = try DOCXWriter().render(document)
        #expect(docx.starts(with: Array("PK".utf8)))
        let pdf = try PDFWriter(pageSize: .a4).render(document)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
    }

    static func diff(old: PrisonerList, new: PrisonerList, audience: Marking) throws {
        let diff = ListDiff(oldList: old, newList: new, audience: audience)
        for change in diff.changes {
            #expect(change.marking <= audience, "a \(audience.name) diff shows \(change.kind) \(change.id) marked \(change.marking.name)")
        }
        let document = DiffComposer(diff: diff).document(title: "Changes to \(new.id)", date: new.asOf)
        _ = DiffTerminalRenderer(color: false).render(document)
        _ = DiffTerminalRenderer(color: true).render(document)
        _ = MarkdownWriter().render(document)
        _ = HTMLWriter().render(document)
        try expectJSON(JSONOutput.encode(DiffExport(diff: diff)))
        let same = ListDiff(oldList: new, newList: new, audience: audience)
        #expect(same.isEmpty, "a list diffed with itself shows \(same.changes.map { "\($0.kind) \($0.id)" })")
    }

    static func expectJSON(_ text: String) throws {
        _ = try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    static func expectWellFormedXML(_ text: String) throws {
        guard case .success(let decoded) = XMLInputText.decode(Array(text.utf8)) else {
            Issue.record("not UTF-8 XML text")
            return
        }
        let collector = ProblemCollector()
        let wellFormed = SecureXMLParser().parse(decoded, handler: collector)
        #expect(wellFormed, "not well-formed: \(collector.problems)")
    }

    /// An XML handler that keeps only problems.
    final class ProblemCollector: XMLContentHandler {
        var problems: [String] = []
        func schema(forRootNamespace namespace: String?, localName: String) -> CompiledSchema? { nil }
        func startElement(name: XMLName, attributes: borrowing XMLAttributes, index: Int, offset: Int) {}
        func characters(_ bytes: Span<UInt8>) {}
        func endElement() {}
        func problem(_ problem: XMLProblem) { problems.append(problem.message) }
    }
}

/// Validation in parallel (`--jobs`, and two threads on one file when there are fewer files than jobs) reports
/// exactly what validation on one thread does. `make test-tsan` runs this suite under ThreadSanitizer.
@Suite struct ParallelValidationTests {
    static let folders = ["hostile", "lists", "briefs", "fuzz"].map(Repository.fixture)

    static func summary(_ report: ValidationReport) -> [String] {
        report.files.map { file in "\(file.path): " + file.diagnostics.map { "\($0.line):\($0.column) \($0.rule) \($0.message)" }.joined(separator: " | ") }
    }

    @Test func manyFilesOnSeveralThreadsReportAsOnOne() throws {
        let paths = try Validator.expand(Self.folders.filter { FileManager.default.fileExists(atPath: $0) })
        #expect(paths.count > 20)
        let serial = try Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1)).validate(paths: paths)
        let parallel = try Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 4)).validate(paths: paths)
        #expect(Self.summary(parallel) == Self.summary(serial))
    }

    @Test func oneFileOnTwoThreadsReportsAsOnOne() throws {
        let paths = try Validator.expand(Self.folders.filter { FileManager.default.fileExists(atPath: $0) })
            + [Repository.root.appendingPathComponent("briefs/cuba-53/list.xml").path]
        let serial = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1))
        let twoThreads = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 2))
        for path in paths {
            // One file and two jobs: `checkConcurrently`, validation beside model building.
            let expected = try serial.validate(paths: [path])
            let got = try twoThreads.validate(paths: [path])
            #expect(Self.summary(got) == Self.summary(expected), "\(path)")
        }
    }

    @Test func concurrentValidationsShareTheCompiledSchemas() async throws {
        let paths = try Validator.expand(Self.folders.filter { FileManager.default.fileExists(atPath: $0) })
        let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 2))
        let expected = Self.summary(try validator.validate(paths: paths))
        try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask { Self.summary(try validator.validate(paths: paths)) }
            }
            for try await got in group { #expect(got == expected) }
        }
    }
}
