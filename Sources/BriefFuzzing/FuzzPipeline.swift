// BriefFuzzing: the whole of brief on one input, in memory, with the properties every input must keep — shared by
// the libFuzzer target (brief-fuzz) and the regression tests, so both run exactly what users run.
import BriefKit
import BriefXML
import Foundation

/// Read → check → build every format for every audience → diff, on one fuzz input. Nothing is read from disk or
/// written anywhere.
///
/// An input is up to three documents joined by `separator` (NUL bytes, which no valid document contains). They are
/// files of one brief folder in memory: the first `fuzz/a.xml`, the second `fuzz/b.xml` and also `fuzz/list.xml`,
/// the third `fuzz/history/list-r2.xml` — so a manifest in the first part with `list.xml` (and a previous list in
/// `history/list-r2.xml`) is resolved as a brief. One document is both sides of the diff. A violated property is
/// passed to `violated`: the fuzzer stops there (libFuzzer reports a crash); the tests record an issue.
public struct FuzzPipeline: Sendable {
    /// Joins the parts of an input.
    public static let separator: [UInt8] = Array("\u{0}--next--\u{0}".utf8)

    public let validator: Validator
    /// Whether DOCX and PDF (the slow writers) are rendered.
    public var slowWriters: Bool
    let violated: @Sendable (String) -> Void

    public init(validator: Validator, slowWriters: Bool, violated: @escaping @Sendable (String) -> Void) {
        self.validator = validator
        self.slowWriters = slowWriters
        self.violated = violated
    }

    /// Splits an input at its separators, into at most three parts; one document is used twice.
    public static func parts(_ bytes: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var start = 0, index = 0
        let n = separator.count
        while parts.count < 2, index + n <= bytes.count {
            if bytes[index] == 0, bytes[index..<(index + n)].elementsEqual(separator) {
                parts.append(Array(bytes[start..<index]))
                index += n
                start = index
            } else {
                index += 1
            }
        }
        parts.append(Array(bytes[start...]))
        return parts.count == 1 ? [parts[0], parts[0]] : parts
    }

    public static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { violated(message()) }
    }

    /// A valid 1 × 1 PNG.
    static let onePixelPNG: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x90, 0xB7, 0x8A, 0x07, 0x00, 0x01, 0x34, 0x00, 0xB9, 0x8F, 0x81, 0xF4, 0x60, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]

    /// Runs the pipeline on one input.
    public func run(_ input: [UInt8]) {
        let parts = Self.parts(input)
        var files = ["fuzz/a.xml": parts[0], "fuzz/b.xml": parts[1], "fuzz/list.xml": parts[1]]
        if parts.count > 2 { files["fuzz/history/list-r2.xml"] = parts[2] }
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) { checkReadsAgree(bytes, path: path) }

        // A brief's letterhead image (the example's `seal.png`) is one pixel here: the image path is exercised, the
        // PNG decoders are not fuzzed.
        files["fuzz/seal.png"] = Self.onePixelPNG
        let store = InputStore.memory(files)
        let a: BriefInputs, b: BriefInputs
        do {
            a = try BriefInputs.resolve(path: "fuzz/a.xml", in: store, validator: validator, hashing: true)
            b = parts[0] == parts[1] ? a : try BriefInputs.resolve(path: "fuzz/b.xml", in: store, validator: validator, hashing: true)
        } catch {
            return violated("files in memory could not be resolved: \(error)")
        }
        renderDiagnostics(ValidationReport(files: a.report.files + (parts[0] == parts[1] ? [] : b.report.files)))

        for side in parts[0] == parts[1] ? [a] : [a, b] where !side.hasErrors {
            // Public first: each later edition is also compared with it as a redline.
            var publicDocument: BriefDocument?
            for audience in Marking.allCases {
                guard let document = build(side, audience: audience) else { continue }
                if audience == .public { publicDocument = document }
                redline(from: publicDocument, to: document, audience: audience)
            }
            if let list = side.prisonerList {
                require(ListTextConverter.render(list).hasSuffix("\n"), "textconv output does not end in a newline")
            }
        }
        for audience in Marking.allCases { diff(old: a, new: b, audience: audience) }
    }

    /// The one-thread read and the two-thread read (`brief validate` with fewer files than cores) agree.
    func checkReadsAgree(_ bytes: [UInt8], path: String) {
        let checked = validator.check(bytes: bytes, path: path)
        if !checked.read.isValid {
            require(checked.diagnostics.contains { $0.severity == .error }, "an invalid file has no error diagnostic")
        }
        let concurrent = validator.checkConcurrently(bytes: bytes, path: path)
        require(concurrent.read.isValid == checked.read.isValid, "the two-thread read disagrees on validity")
        require(concurrent.diagnostics == checked.diagnostics, "the two-thread read gives other diagnostics")
        for diagnostic in checked.diagnostics {
            require(diagnostic.line >= 1 && diagnostic.column >= 1, "a diagnostic at line \(diagnostic.line), column \(diagnostic.column)")
        }
    }

    func renderDiagnostics(_ report: ValidationReport) {
        require(!HumanDiagnosticRenderer(color: false).render(report).isEmpty, "validate prints nothing")
        _ = HumanDiagnosticRenderer(color: true).render(report)
        _ = GitHubAnnotationRenderer().render(report)
        requireJSON(try JSONDiagnosticRenderer().render(report), "validate --format json")
        requireJSON(try SARIFRenderer().render(report), "validate --format sarif")
        requireWellFormedXML(JUnitRenderer(strict: false).render(report), "validate --format junit")
        requireWellFormedXML(JUnitRenderer(strict: true).render(report), "validate --format junit --strict")
    }

    /// `brief build` in memory: `Briefing.make`, then every writer; the briefing, when the inputs make one.
    @discardableResult
    func build(_ inputs: BriefInputs, audience: Marking) -> BriefDocument? {
        let briefing: Briefing
        do { briefing = try Briefing.make(inputs: inputs, audience: audience, date: nil) } catch {
            if case .notAList = error { return nil }
            violated("valid inputs make no \(audience.name) briefing: \(error)")
            return nil
        }
        let document = briefing.document
        require(briefing.reconciliation.edition.highestMarking <= audience,
                "the \(audience.name) edition contains something marked \(briefing.reconciliation.edition.highestMarking.name)")
        require(document.banner <= audience, "the \(audience.name) briefing's banner is \(document.banner.name)")
        require(document.danglingCitations.isEmpty, "the \(audience.name) briefing cites notes it does not print: \(document.danglingCitations)")
        _ = HTMLWriter().render(document)
        _ = MarkdownWriter().render(document)
        _ = TextWriter().render(document)
        _ = CSVWriter().render(document)
        requireJSON(JSONWriter().render(briefing.export), "build --format json")
        // The case sheets: the same edition, one page per person.
        let sheets = briefing.caseSheets()
        require(sheets.banner <= audience, "the \(audience.name) case sheets' banner is \(sheets.banner.name)")
        require(sheets.danglingCitations.isEmpty, "the \(audience.name) case sheets cite notes they do not print: \(sheets.danglingCitations)")
        _ = HTMLWriter().render(sheets)
        _ = TextWriter().render(sheets)
        if slowWriters {
            do {
                let docx = try DOCXWriter().render(document)
                require(docx.starts(with: Array("PK".utf8)), "DOCX output is not a ZIP package")
            } catch { violated("DOCX rendering failed: \(error)") }
            do {
                let pdf = try PDFWriter(pageSize: .a4).render(document)
                require(pdf.starts(with: Array("%PDF-".utf8)), "PDF output does not start with %PDF-")
            } catch { violated("PDF rendering failed: \(error)") }
        }
        return document
    }

    /// `brief diff` of briefs in memory: a briefing compared with itself is an empty redline, and compared with an
    /// edition of another audience (the public one, the first edition of the same inputs) a redline that holds
    /// nothing above either side and cites only notes it prints.
    func redline(from earlier: BriefDocument?, to document: BriefDocument, audience: Marking) {
        let same = BriefingRedline.compare(document, document)
        require(same.isEmpty, "a briefing compared with itself shows \(same.changes.count) changes")
        guard let earlier else { return }
        let redline = BriefingRedline.compare(earlier, document)
        for change in redline.changes {
            require(change.marking <= audience, "a \(audience.name) redline shows a \(change.kind) change marked \(change.marking.name)")
        }
        require(redline.document.banner <= audience, "the \(audience.name) redline's banner is \(redline.document.banner.name)")
        require(redline.document.danglingCitations.isEmpty, "the redline cites notes it does not print: \(redline.document.danglingCitations)")
        _ = HTMLWriter().render(redline.document)
        _ = MarkdownWriter().render(redline.changesOnly)
        _ = TextWriter().render(redline.changesOnly)
        requireJSON(try JSONOutput.encode(redline.export), "diff --format json (redline)")
        if slowWriters {
            do { _ = try DOCXWriter().render(redline.document) } catch { violated("redline DOCX rendering failed: \(error)") }
        }
    }

    /// `brief diff` in memory, every output format; and a list diffed with itself shows no change.
    func diff(old: BriefInputs, new: BriefInputs, audience: Marking) {
        guard let briefing = try? DiffBriefing.make(old: old, new: new, audience: audience, date: nil) else { return }
        for change in briefing.diff.changes {
            require(change.marking <= audience, "a \(audience.name) diff shows a \(change.kind) marked \(change.marking.name)")
        }
        _ = DiffTerminalRenderer(color: false).render(briefing.document)
        _ = DiffTerminalRenderer(color: true).render(briefing.document)
        _ = MarkdownWriter().render(briefing.document)
        _ = HTMLWriter().render(briefing.document)
        requireJSON(try JSONOutput.encode(briefing.export), "diff --format json")
        if let same = try? DiffBriefing.make(old: new, new: new, audience: audience, date: nil) {
            require(same.diff.isEmpty, "a list diffed with itself shows \(same.diff.changes.count) changes")
        }
    }

    func requireJSON(_ text: @autoclosure () throws -> String, _ what: String) {
        do { _ = try JSONSerialization.jsonObject(with: Data(try text().utf8)) } catch {
            violated("\(what) is not JSON: \(error)")
        }
    }

    /// Output meant as XML must be well-formed: parsed by brief's own parser, no schema.
    func requireWellFormedXML(_ text: String, _ what: String) {
        guard case .success(let decoded) = XMLInputText.decode(Array(text.utf8)) else { return violated("\(what) is not UTF-8 XML text") }
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
