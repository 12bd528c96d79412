// Build: `brief build` — render every format of a composed briefing and write them atomically. It composes nothing
// (that is `Briefing.make`) and reads no input itself (that is `BriefInputs`).
import BriefXML
import Dispatch
import Foundation

/// The formats `brief build` writes.
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    case html, md, txt, json, csv, docx, pdf

    /// How long the format takes to render, relatively: the slowest start first when formats render at once.
    var renderingCost: Int {
        switch self {
        case .pdf: 6
        case .docx: 5
        case .txt: 4
        case .json: 3
        case .html: 2
        case .md: 1
        case .csv: 0
        }
    }

    /// File extension of the output.
    public var fileExtension: String { rawValue }
}

/// A request to build a briefing.
public struct BuildRequest: Sendable {
    /// A brief folder, its `brief.xml`, or a bare list.
    public var path: String
    /// The edition; nil means the manifest's audience (required for a bare list).
    public var audience: Marking?
    public var formats: [OutputFormat]
    public var outputDirectory: String
    /// `SOURCE_DATE_EPOCH`, if set: the build date.
    public var sourceDateEpoch: String?
    /// The PDF's page size; nil: the house style's (Letter without one).
    public var pageSize: PDFWriter.PageSize?
    /// Whether to write case sheets too (one page per person), in each requested format that has pages or
    /// sections: `<id>.<audience>.case-sheets.<ext>` for html, md, txt, docx and pdf.
    public var caseSheets: Bool
    /// Told each step as it is done (inputs read, each file rendered), from any thread: for a progress display.
    public var progress: (@Sendable (BuildProgress) -> Void)?

    public init(path: String, audience: Marking?, formats: [OutputFormat] = OutputFormat.allCases, outputDirectory: String = "out",
                sourceDateEpoch: String? = nil, pageSize: PDFWriter.PageSize? = nil, caseSheets: Bool = false,
                progress: (@Sendable (BuildProgress) -> Void)? = nil) {
        self.path = path
        self.audience = audience
        self.formats = formats
        self.outputDirectory = outputDirectory
        self.sourceDateEpoch = sourceDateEpoch
        self.pageSize = pageSize
        self.caseSheets = caseSheets
        self.progress = progress
    }
}

/// A step of a build, as it is done.
public enum BuildProgress: Sendable {
    /// The inputs are read and validated, and the briefing composed: `files` files, `outputs` files to render.
    case composed(files: Int, outputs: Int)
    /// One output is rendered and staged (`done` of `total`).
    case rendered(path: String, done: Int, total: Int)
}

/// What a build did.
public struct BuildOutcome: Sendable {
    /// Validation of every input, as `brief validate` reports it.
    public var report: ValidationReport
    /// The briefing, when the inputs were valid.
    public var briefing: Briefing?
    /// Files written (none when the inputs have errors).
    public var written: [String]

    /// The briefing's document, when the inputs were valid.
    public var document: BriefDocument? { briefing?.document }
    public var succeeded: Bool { !report.hasErrors }
}

/// Why a build could not run at all (exit code 2).
public enum BuildError: Error, Sendable, CustomStringConvertible {
    case input(InputError)
    case output(OutputError)
    case usage(String)

    public var description: String {
        switch self {
        case .input(let error): error.description
        case .output(let error): error.description
        case .usage(let message): message
        }
    }
}

/// `brief build`: resolve and validate the inputs (`BriefInputs`), compose the briefing (`Briefing.make`), then
/// render every format and write them atomically. Only the last part is the builder's own.
public struct BriefBuilder: Sendable {
    public let validator: Validator

    public init(validator: Validator) {
        self.validator = validator
    }

    /// Builds the briefing; writes nothing when any input has an error.
    public func build(_ request: BuildRequest) throws(BuildError) -> BuildOutcome {
        let (report, composed) = try compose(request)
        guard let (briefing, outputPaths) = composed else { return BuildOutcome(report: report, briefing: nil, written: []) }
        request.progress?(.composed(files: report.files.count, outputs: outputPaths.count))
        try prepare(directory: request.outputDirectory)
        let written = try write(briefing, to: outputPaths, pageSize: request.pageSize,
                                caseSheets: request.caseSheets ? briefing.caseSheets() : nil, progress: request.progress)
        return BuildOutcome(report: report, briefing: briefing, written: written)
    }

    /// The inputs' report, and the briefing with its output paths when the inputs are valid. The inputs (the
    /// files' text above all) are let go before any format is rendered.
    func compose(_ request: BuildRequest) throws(BuildError)
        -> (ValidationReport, (Briefing, [Output])?) {
        let inputs: BriefInputs
        do { inputs = try BriefInputs.resolve(request.path, validator: validator, hashing: true) } catch { throw .input(error) }
        guard !inputs.hasErrors else { return (inputs.report, nil) }
        let date = request.sourceDateEpoch.flatMap(Day.init(sourceDateEpoch:))
        let briefing: Briefing
        do { briefing = try Briefing.make(inputs: inputs, audience: request.audience, date: date) } catch {
            switch error {
            case .invalidInputs: return (inputs.report, nil)
            case .notAList(let path): throw .input(InputError(path: path, reason: "is not a prisoner list or a brief"))
            case .audienceRequired: throw .usage(error.description)
            case .unreadable(let error): throw .input(error)
            }
        }
        let outputPaths = try outputPaths(for: request, briefID: briefing.context.briefID, audience: briefing.document.audience,
                                          inputs: inputs)
        return (inputs.report, (briefing, outputPaths))
    }

    /// Renders each format and stages it beside its target, as many at once as there are cores, the slowest first,
    /// so that no more than that many formats' bytes are held at once; only when all are staged do they replace
    /// their targets, all or none (`StagedFile.commit`). A failure leaves every target as it was.
    func write(_ briefing: Briefing, to outputPaths: [Output], pageSize: PDFWriter.PageSize?,
               caseSheets: BriefDocument? = nil, progress: (@Sendable (BuildProgress) -> Void)? = nil) throws(BuildError) -> [String] {
        // What an interrupted build of the same targets left behind goes first.
        for output in outputPaths { StagingFile.removeLeftovers(for: output.path) }
        let order = outputPaths.indices.sorted { outputPaths[$0].format.renderingCost > outputPaths[$1].format.renderingCost }
        let staged = ResultSlots<Result<StagedFile, OutputError>>(count: outputPaths.count)
        let next = WorkCounter()
        let finished = WorkCounter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(validator.options.jobs, outputPaths.count))) { _ in
            while let position = next.take(below: order.count) {
                let output = outputPaths[order[position]]
                staged[order[position]] = Result { () throws(OutputError) in
                    let file: StagingFile
                    do throws(FileWriteError) { file = try StagingFile(for: output.path) } catch { throw OutputError(error) }
                    if output.isCaseSheets, let caseSheets {
                        try render(output.format, document: caseSheets, path: output.path, pageSize: pageSize, into: file)
                    } else {
                        try render(output.format, briefing: briefing, path: output.path, pageSize: pageSize, into: file)
                    }
                    do throws(FileWriteError) { return try file.finish() } catch { throw OutputError(error) }
                }
                if let progress, let done = finished.take(below: order.count) {
                    progress(.rendered(path: output.path, done: done + 1, total: order.count))
                }
            }
        }
        var ready: [StagedFile] = []
        var failure: OutputError?
        for result in staged.values {
            switch result {
            case .success(let file)?: ready.append(file)
            case .failure(let error)?: failure = failure ?? error
            case nil: failure = failure ?? OutputError(path: outputPaths.first?.path ?? "?", reason: "internal error: a format was not rendered")
            }
        }
        if let failure {
            ready.forEach { $0.discard() }
            throw .output(failure)
        }
        do throws(FileWriteError) { try StagedFile.commit(ready) } catch { throw .output(OutputError(error)) }
        return ready.map(\.path)
    }

    /// A file a build writes: a format of the briefing, or of its case sheets.
    struct Output: Sendable {
        var format: OutputFormat
        var path: String
        var isCaseSheets = false
    }

    /// The formats case sheets are written in: those of documents (JSON and CSV are the data, the same as the memo's).
    public static let caseSheetFormats: Set<OutputFormat> = [.html, .md, .txt, .docx, .pdf]

    /// Where each format goes; never over an input.
    func outputPaths(for request: BuildRequest, briefID: String, audience: Marking,
                     inputs: BriefInputs) throws(BuildError) -> [Output] {
        let protected = Set(inputs.files.map { Validator.canonical($0.file.read.path) })
        var paths: [Output] = []
        func add(_ format: OutputFormat, _ name: String, caseSheets: Bool) throws(BuildError) {
            let path = (request.outputDirectory as NSString).appendingPathComponent(name)
            guard !protected.contains(Validator.canonical(path)) else {
                throw .output(OutputError(path: path, reason: "is an input file; brief never writes over its inputs"))
            }
            paths.append(Output(format: format, path: path, isCaseSheets: caseSheets))
        }
        for format in request.formats {
            try add(format, "\(briefID).\(audience.name).\(format.fileExtension)", caseSheets: false)
        }
        if request.caseSheets {
            let formats = request.formats.filter(Self.caseSheetFormats.contains)
            guard !formats.isEmpty else { throw .usage("--case-sheets needs a format of html, md, txt, docx or pdf") }
            for format in formats { try add(format, "\(briefID).\(audience.name).case-sheets.\(format.fileExtension)", caseSheets: true) }
        }
        return paths
    }

    /// Renders one format of the briefing into its staging file.
    func render(_ format: OutputFormat, briefing: Briefing, path: String, pageSize: PDFWriter.PageSize?,
                into file: StagingFile) throws(OutputError) {
        switch format {
        case .json: JSONWriter().write(briefing.export) { file.append($0) }
        default: try render(format, document: briefing.document, path: path, pageSize: pageSize, into: file)
        }
    }

    /// Renders one format of a document (the memo, or the case sheets) into its staging file.
    func render(_ format: OutputFormat, document: BriefDocument, path: String, pageSize: PDFWriter.PageSize?,
                into file: StagingFile) throws(OutputError) {
        switch format {
        case .html: file.append(HTMLWriter().render(document))
        case .md: file.append(MarkdownWriter().render(document))
        case .txt: file.append(TextWriter().render(document))
        case .csv: file.append(CSVWriter().render(document))
        case .json: break
        case .docx:
            do { file.append(try DOCXWriter().render(document)) } catch {
                throw OutputError(path: path, reason: "cannot be rendered (\(error))")
            }
        case .pdf:
            let size = pageSize ?? (document.style.pageSize == .a4 ? .a4 : .letter)
            do { file.append(try PDFWriter(pageSize: size).render(document)) } catch {
                throw OutputError(path: path, reason: "cannot be rendered (\(error))")
            }
        }
    }

    func prepare(directory: String) throws(BuildError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .output(OutputError(path: directory, reason: "is not a folder")) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .output(OutputError(path: directory, reason: "cannot be created (\(error.localizedDescription))"))
        }
    }
}
