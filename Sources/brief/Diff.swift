import ArgumentParser
import BriefKit
import BriefXML
import Foundation

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case human, markdown, md, text, html, json, docx, pdf

    /// Formats that are files, not terminal text: written with --output.
    var isBinary: Bool { self == .docx || self == .pdf }
}

struct Diff: BriefCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two revisions of a list, or two briefings as a redline.",
        discussion: """
        OLD and NEW are list files, brief folders or manifests, or REV:PATH read from git. Two lists are compared \
        record by record. Two briefs are compared as briefings (a redline): both are composed for one audience, \
        then compared section by section, paragraphs word by word, tables row by row; --lists compares their lists \
        instead. Both sides are validated first; errors stop the diff (exit 2). The audience defaults to the new \
        brief's, or public. With --exit-code: 0 when nothing changed, 1 when something did.

        Examples:
          brief diff HEAD~1:briefs/cuba-53/list.xml briefs/cuba-53/list.xml
          brief diff HEAD~3:briefs/cuba-53 briefs/cuba-53 --format docx --output redline.docx
          brief diff briefs/cuba-53/history/brief-r2.xml briefs/cuba-53 --format md
        """)

    @Argument(help: "The earlier revision.") var old: String
    @Argument(help: "The later revision.") var new: String

    @Option(name: .long, help: "The edition both sides are cut to: public, committee or restricted.")
    var audience: Marking?

    @Option(name: .long, help: "Output format: human, markdown (md), text, html, json; for briefs also docx and pdf.")
    var format: DiffFormat = .human

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (replaced whole, never half-written) instead of standard output; required for docx and pdf.", valueName: "FILE"))
    var output: String?

    @Flag(name: .long, help: "Two briefs: compare their lists record by record instead of their briefings.")
    var lists = false

    @Flag(name: .long, help: "A redline in human, text or markdown: the whole briefing, not just what changed.")
    var full = false

    @Flag(name: .long, help: "Exit 1 when there are changes, 0 when there are none.")
    var exitCode = false

    @OptionGroup var reading: ReadingOptions

    @OptionGroup var configOptions: ConfigOptions

    func validate() throws {
        if format.isBinary, output == nil { throw ValidationError("--format \(format.rawValue) writes a file: name it with --output FILE") }
    }

    func execute() throws -> Outcome {
        let config = try configOptions.load(near: new)
        let audience = self.audience ?? config?.audience?.value
        let validator = try reading.validator()
        let sides = try BriefInputs.resolve(old, new, validator: validator)
        if !lists, sides.0.briefManifest != nil, sides.1.briefManifest != nil {
            return try redline(sides.0, sides.1, audience: audience)
        }
        let date = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Day.init(sourceDateEpoch:))
        let briefing: DiffBriefing
        do throws(DiffBriefing.Refusal) { briefing = try DiffBriefing.make(old: sides.0, new: sides.1, audience: audience, date: date) } catch {
            let report = ValidationReport(files: sides.0.report.files + sides.1.report.files)
            emitError(HumanDiagnosticRenderer(color: useColor(for: .standardError)).render(report))
            if case .notAList = error { emitError("brief: error: \(error.description)\n") }
            return .cannotCompare
        }
        let document = briefing.document
        switch format {
        case .human: try write(DiffTerminalRenderer(color: output == nil && useColor()).render(document))
        case .json: try write(try JSONOutput.encode(briefing.export))
        default: try write(document, as: format)
        }
        return exitCode && !briefing.diff.isEmpty ? .foundChanges(keeping: briefing) : .done(keeping: briefing)
    }

    /// Two briefs compared as briefings.
    func redline(_ old: BriefInputs, _ new: BriefInputs, audience: Marking?) throws -> Outcome {
        let redline: BriefingRedline
        do throws(Briefing.Refusal) { redline = try BriefingRedline.make(old: old, new: new, audience: audience) } catch {
            let report = ValidationReport(files: old.report.files + new.report.files)
            emitError(HumanDiagnosticRenderer(color: useColor(for: .standardError)).render(report))
            if case .invalidInputs = error {} else { emitError("brief: error: \(error.description)\n") }
            return .cannotCompare
        }
        let brief = full ? redline.document : redline.changesOnly
        switch format {
        case .json: try write(try JSONOutput.encode(redline.export))
        case .human, .text, .markdown, .md: try write(brief, as: format)
        case .html, .docx, .pdf: try write(redline.document, as: format)
        }
        return exitCode && !redline.isEmpty ? .foundChanges(keeping: redline) : .done(keeping: redline)
    }

    /// A document in a format, to --output or standard output.
    func write(_ document: BriefDocument, as format: DiffFormat) throws {
        switch format {
        case .human, .text: try write(TextWriter().render(document))
        case .markdown, .md: try write(MarkdownWriter().render(document))
        case .html: try write(HTMLWriter().render(document))
        case .json: break
        case .docx: try write(bytes: try DOCXWriter().render(document))
        case .pdf: try write(bytes: try PDFWriter(pageSize: document.style.pageSize == .a4 ? .a4 : .letter).render(document))
        }
    }

    func write(_ text: String) throws {
        guard output != nil else { return emit(text) }
        try write(bytes: Array(text.utf8))
    }

    func write(bytes: [UInt8]) throws {
        guard let output else { return FileHandle.standardOutput.write(Data(bytes)) }
        do throws(OutputError) { try AtomicFileWriter.write(bytes, to: output) } catch {
            throw InputError(path: output, reason: error.reason)
        }
    }
}

struct Textconv: BriefCommand {
    static let configuration = CommandConfiguration(
        commandName: "textconv",
        abstract: "Print a canonical, sorted text rendering of a list or a brief's manifest (for git diff; see docs/diff.md).",
        discussion: """
        A list prints one line per fact, records by id and claims by date; a manifest prints itself (memo, style, \
        sections, the staff's paragraphs with their live values named), without reading its list, since git hands \
        textconv a copy of an old revision away from its folder. A file that does not validate is printed as it \
        is, so that git diff still works, and standard error says so.

        Example:
          git config diff.brief.textconv 'brief textconv'
          brief textconv briefs/cuba-53/list.xml
        """)

    @Argument(help: "A prisoner list or a brief's manifest.") var file: String

    @OptionGroup var reading: ReadingOptions

    func execute() throws -> Outcome {
        let validator = try reading.validator(jobs: 1)
        let bytes = try DocumentReader.readBytes(at: file, limit: reading.maxBytes)
        let checked = validator.check(validator.reader.read(bytes: bytes, path: file))
        let valid = checked.read.isValid && !checked.diagnostics.contains { $0.severity == .error }
        switch checked.read.document {
        case .manifest(let manifest)? where valid:
            emit(ManifestTextConverter.render(manifest))
            // A manifest is small: it is freed, not kept (see Export).
            return .done()
        case .list(let list)? where valid:
            emit(ListTextConverter.render(list))
            return .done(keeping: checked)
        default:
            emitError("brief textconv: \(file) does not validate; showing it unchanged\n")
            // As it is, except that no line of it is a CI workflow command.
            FileHandle.standardOutput.write(Data(Escaping.commandSafeLines(bytes)))
            return .done()
        }
    }
}
