import BriefXML
import Foundation
@testable import BriefKit

/// The whole of brief on one fuzz input, in memory: read → check → build every format for every audience, and
/// the diff of two inputs. Nothing is written anywhere.
///
/// An input is one document, or two joined by `separator` (NUL bytes, which no valid document contains). With one
/// document, the document is both sides of the diff. Besides crashes, the run checks properties that hold for
/// every input; a violated one stops the process (`violated`), which libFuzzer reports as a crash.
enum FuzzPipeline {
    /// Joins the two halves of an input.
    static let separator: [UInt8] = Array("\u{0}--next--\u{0}".utf8)

    /// The compiled schemas, once for the whole run (as in brief itself).
    static let schemas: SchemaSet = {
        do { return try SchemaSet.builtIn() } catch { fatalError("the built-in schemas do not compile: \(error)") }
    }()

    static let validator = Validator(schemas: schemas, options: ValidationOptions(jobs: 1))

    /// Whether PDF and DOCX (the slow writers) are rendered for an input: one input in `slowEvery`, picked by a hash
    /// of the input so that a crash reproduces. `BRIEF_FUZZ_SLOW_EVERY=1` renders them for every input.
    static let slowEvery: UInt64 = {
        let value = ProcessInfo.processInfo.environment["BRIEF_FUZZ_SLOW_EVERY"].flatMap { UInt64($0) } ?? 8
        return max(1, value)
    }()

    /// Splits an input at the first separator; one document is used twice.
    static func halves(_ bytes: [UInt8]) -> (first: [UInt8], second: [UInt8]) {
        let n = separator.count
        if bytes.count >= n {
            for start in 0...(bytes.count - n) where bytes[start] == 0 && bytes[start..<(start + n)].elementsEqual(separator) {
                return (Array(bytes[..<start]), Array(bytes[(start + n)...]))
            }
        }
        return (bytes, bytes)
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// A property every input must keep; its failure is a finding.
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { violated(message()) }
    }

    static func violated(_ message: String) -> Never {
        FileHandle.standardError.write(Data("brief-fuzz: property violated: \(message)\n".utf8))
        fatalError(message)
    }

    /// Runs the pipeline on one input.
    static func run(_ input: [UInt8], slowWriters: Bool? = nil) {
        let slow = slowWriters ?? (fnv1a(input) % slowEvery == 0)
        let (first, second) = halves(input)
        let a = check(first, path: "fuzz/a/list.xml")
        let b = first == second ? a : check(second, path: "fuzz/b/list.xml")

        // Diagnostics, in every format, of the two files together.
        let report = ValidationReport(files: [a, b].map { FileReport(path: $0.read.path, diagnostics: $0.diagnostics) })
        renderDiagnostics(report)

        // The manifest half, when there is one, gives its memo and sections to the other half's briefing.
        var manifest: BriefManifest?
        for side in [a, b] where side.read.isValid {
            if case .manifest(let value)? = side.read.document { manifest = value }
        }
        for (side, bytes, previous) in [(a, first, nil as CheckedFile?), (b, second, a)] {
            guard let list = side.list else { continue }
            for audience in Marking.allCases {
                build(list: list, file: side, bytes: bytes, previous: previous?.list, manifest: manifest, audience: audience, slow: slow)
            }
            // The text conversion for git diff.
            let text = ListTextConverter.render(list)
            require(text.hasSuffix("\n"), "textconv output does not end in a newline")
            if first == second { break }
        }
        if let old = a.list, let new = b.list {
            for audience in Marking.allCases {
                diff(old: old, new: new, audience: audience)
            }
        }
    }

    /// Reads and checks one document as a file at `path` (which does not exist, so a manifest's paths resolve to nothing).
    static func check(_ bytes: [UInt8], path: String) -> CheckedFile {
        let read = validator.reader.read(bytes: bytes, path: path)
        let checked = validator.check(read)
        // A file that is not valid says why, with an error.
        if !read.isValid {
            require(checked.diagnostics.contains { $0.severity == .error }, "an invalid file has no error diagnostic")
        }
        // The two-thread read (`brief validate` with fewer files than cores) finds exactly what the one-thread read does.
        let (concurrent, listFindings, source) = validator.reader.readConcurrently(bytes: bytes, path: path,
                                                                                   listCheck: { ListChecker.findings(in: $0) },
                                                                                   whileWaiting: { SourceText(utf8: $0) })
        let concurrentChecked = validator.check(concurrent, listFindings: listFindings, source: source)
        require(concurrent.isValid == read.isValid, "the two-thread read disagrees on validity")
        require(concurrentChecked.diagnostics == checked.diagnostics, "the two-thread read gives other diagnostics")
        for diagnostic in checked.diagnostics {
            require(diagnostic.line >= 1 && diagnostic.column >= 1, "a diagnostic at line \(diagnostic.line), column \(diagnostic.column)")
        }
        return checked
    }

    static func renderDiagnostics(_ report: ValidationReport) {
        _ = HumanDiagnosticRenderer(color: false).render(report)
        _ = HumanDiagnosticRenderer(color: true).render(report)
        _ = GitHubAnnotationRenderer().render(report)
        requireJSON(JSONDiagnosticRenderer().render(report), "validate --format json")
        requireJSON(SARIFRenderer().render(report), "validate --format sarif")
        requireWellFormedXML(JUnitRenderer(strict: false).render(report), "validate --format junit")
        _ = JUnitRenderer(strict: true).render(report)
    }

    /// `BriefBuilder.build`, in memory: edition, reconciliation, document, and every writer.
    static func build(list: PrisonerList, file: CheckedFile, bytes: [UInt8], previous: PrisonerList?, manifest: BriefManifest?,
                      audience: Marking, slow: Bool) {
        let edition = Edition(list: list, audience: audience)
        require(edition.highestMarking <= audience, "the \(audience.name) edition contains something marked \(edition.highestMarking.name)")
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
        require(document.banner <= audience, "the \(audience.name) briefing's banner is \(document.banner.name)")

        let editionFindings = ListChecker.findings(in: edition.list)
        let editionDiagnostics = validator.resolve(editionFindings, in: file.read)

        _ = HTMLWriter().render(document)
        _ = MarkdownWriter().render(document)
        _ = TextWriter().render(document)
        _ = CSVWriter().render(document)
        requireJSON(JSONWriter().render(BriefExport(reconciliation: reconciliation, context: context, banner: document.banner,
                                                    diagnostics: editionDiagnostics)), "build --format json")
        if slow {
            do { _ = try DOCXWriter().render(document) } catch { violated("DOCX rendering failed: \(error)") }
            do { _ = try PDFWriter(pageSize: .a4).render(document) } catch { violated("PDF rendering failed: \(error)") }
        }
    }

    /// `brief diff` in memory, every output format; and a list diffed with itself shows no change.
    static func diff(old: PrisonerList, new: PrisonerList, audience: Marking) {
        let diff = ListDiff(oldList: old, newList: new, audience: audience)
        for change in diff.changes {
            require(change.marking <= audience, "a \(audience.name) diff shows a \(change.kind) marked \(change.marking.name)")
        }
        let document = DiffComposer(diff: diff).document(title: "Changes to \(new.id)", date: new.asOf)
        _ = DiffTerminalRenderer(color: false).render(document)
        _ = DiffTerminalRenderer(color: true).render(document)
        _ = MarkdownWriter().render(document)
        _ = HTMLWriter().render(document)
        requireJSON(JSONOutput.encode(DiffExport(diff: diff)), "diff --format json")
        let same = ListDiff(oldList: new, newList: new, audience: audience)
        require(same.isEmpty, "a list diffed with itself shows \(same.changes.count) changes, first \(same.changes.first.map { "\($0.kind) \($0.id)" } ?? "")")
    }

    static func requireJSON(_ text: String, _ what: String) {
        do { _ = try JSONSerialization.jsonObject(with: Data(text.utf8)) } catch {
            violated("\(what) is not JSON: \(error)")
        }
    }

    /// Output meant as XML must be well-formed: parsed by brief's own parser, no schema.
    static func requireWellFormedXML(_ text: String, _ what: String) {
        guard case .success(let decoded) = XMLInputText.decode(Array(text.utf8)) else { violated("\(what) is not UTF-8 XML text") }
        let collector = ProblemCollector()
        let wellFormed = SecureXMLParser(limits: .default).parse(decoded, handler: collector)
        require(wellFormed, "\(what) is not well-formed XML: \(collector.problems.first ?? "")")
    }
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
