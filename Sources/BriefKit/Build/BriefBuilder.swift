import BriefXML
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
    /// The PDF's page size.
    public var pageSize: PDFWriter.PageSize

    public init(path: String, audience: Marking?, formats: [OutputFormat] = OutputFormat.allCases, outputDirectory: String = "out",
                sourceDateEpoch: String? = nil, pageSize: PDFWriter.PageSize = .letter) {
        self.path = path
        self.audience = audience
        self.formats = formats
        self.outputDirectory = outputDirectory
        self.sourceDateEpoch = sourceDateEpoch
        self.pageSize = pageSize
    }
}

/// What a build did.
public struct BuildOutcome: Sendable {
    /// Validation of every input, as `brief validate` reports it.
    public var report: ValidationReport
    /// Files written (none when the inputs have errors).
    public var written: [String]
    /// The document built, when the inputs were valid.
    public var document: BriefDocument?
    /// The reconciled edition the document was composed from, when the inputs were valid.
    public var reconciliation: Reconciliation?
    /// The inputs, validated.
    public var inputs: BriefBuilder.Inputs?

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

/// `brief build`: validate, cut the edition, reconcile, compose, render, write atomically.
public struct BriefBuilder: Sendable {
    public let validator: Validator

    public init(validator: Validator) {
        self.validator = validator
    }

    /// The inputs of a build, validated.
    public struct Inputs: Sendable {
        public var manifest: CheckedFile?
        public var list: CheckedFile
        public var previous: CheckedFile?
        public var report: ValidationReport
    }

    /// Finds and validates a brief's manifest and lists, or a bare list.
    public func inputs(for path: String) throws(BuildError) -> Inputs {
        var file = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .input(InputError(path: path, reason: "no such file or folder"))
        }
        if isDirectory.boolValue { file = (path as NSString).appendingPathComponent("brief.xml") }
        // One file alone is read by two threads (`checkAll`); `check(path:)` would use one.
        let alone: [CheckedFile]
        do { alone = try validator.checkAll([file]) } catch { throw .input(error) }
        guard let first = alone.first else { throw .input(InputError(path: file, reason: "internal error: not checked")) }
        guard case .manifest? = first.read.document else {
            return Inputs(manifest: nil, list: first, previous: nil,
                          report: ValidationReport(files: [FileReport(path: first.read.path, diagnostics: first.diagnostics)]))
        }
        var checked = [first]
        do { checked += try validator.checkAll(first.referencedFiles) } catch { throw .input(error) }
        let named = checked.dropFirst().map { Validator.ReferencedDocument($0.read.document) }
        checked[0].diagnostics = Validator.sorted(first.diagnostics
            + validator.referenceDiagnostics(first, list: named.first, previous: named.dropFirst().first))
        let report = ValidationReport(files: checked.map { FileReport(path: $0.read.path, diagnostics: $0.diagnostics) })
        guard checked.count >= 2 else {
            // The manifest's list could not be resolved: its diagnostics say why.
            return Inputs(manifest: first, list: first, previous: nil, report: report)
        }
        return Inputs(manifest: first, list: checked[1], previous: checked.count > 2 ? checked[2] : nil, report: report)
    }

    /// Builds the briefing; writes nothing when any input has an error.
    ///
    /// After validation the steps run on all cores as soon as what they read is ready: the inputs' hashes, the
    /// edition, its reconciliation and diagnostics, the changes since the previous list; then, once the document is
    /// composed, every format at once, each staged beside its target; the targets are replaced only when all are.
    public func build(_ request: BuildRequest) throws(BuildError) -> BuildOutcome {
        let inputs = try inputs(for: request.path)
        guard !inputs.report.hasErrors else {
            return BuildOutcome(report: inputs.report, written: [], document: nil, reconciliation: nil, inputs: inputs)
        }
        guard let list = inputs.list.list else {
            throw .input(InputError(path: inputs.list.read.path, reason: "is not a prisoner list or a brief"))
        }
        var manifest: BriefManifest?
        if case .manifest(let value)? = inputs.manifest?.read.document { manifest = value }
        guard let audience = request.audience ?? manifest?.audience else {
            throw .usage("building from a bare list needs --audience public|committee|restricted")
        }
        let outputPaths = try outputPaths(for: request, briefID: manifest?.id ?? list.id, audience: audience, inputs: inputs)

        // Steps run at once where they can: each `Pending` starts on another core, and reading it waits.
        let edition = Pending { Edition(list: list, audience: audience) }
        let previousEdition = Pending { inputs.previous?.list.map { Edition(list: $0, audience: audience) } }
        let roles: [(InputRole, CheckedFile)] = [(.manifest, inputs.manifest), (.list, inputs.list), (.previous, inputs.previous)]
            .compactMap { role, file in file.map { (role, $0) } }
        let limit = validator.options.limits.maxBytes
        let hashes = roles.map { role, checked in
            Pending { () -> Result<(name: String, sha256: String), InputError> in
                Result { () throws(InputError) in
                    let bytes = try DocumentReader.readBytes(at: checked.read.path, limit: limit)
                    return ((checked.read.path as NSString).lastPathComponent, SHA256.hex(bytes))
                }
            }
        }
        let changes = Pending { previousEdition.value.map { ListDiff(old: $0, new: edition.value).blocks() } }
        let reconciliation = Pending { Reconciliation(edition: edition.value) }
        let diagnostics = Pending { editionDiagnostics(of: edition.value, checked: inputs.list) }

        var files: [BriefContext.InputFile] = []
        for (hash, (role, _)) in zip(hashes, roles) {
            let (name, sha256): (String, String)
            do { (name, sha256) = try hash.value.get() } catch { throw .input(error) }
            // A list's hash is shown only in an edition that withholds nothing of it, and is then as restricted as
            // the file's most restricted portion (all of them are in the edition). The manifest has no markings.
            let cut: Edition? = switch role {
            case .manifest: nil
            case .list: edition.value
            case .previous: previousEdition.value
            }
            let shown = cut.map(\.withholdsNothing) ?? (role == .manifest)
            files.append(BriefContext.InputFile(name: name, sha256: shown ? sha256 : nil, role: role.rawValue,
                                                marking: cut?.highestMarking ?? .public))
        }
        let date = request.sourceDateEpoch.flatMap(Day.init(sourceDateEpoch:)) ?? manifest?.memo.date ?? list.asOf
        let context = BriefContext(briefID: manifest?.id ?? list.id, memo: manifest?.memo, sections: manifest?.sections, inputs: files,
                                   date: date, changes: changes.value)
        let document = BriefComposer(reconciliation: reconciliation.value, context: context).compose()

        try prepare(directory: request.outputDirectory)
        // Every format is rendered and staged beside its target at once, the slowest first; only when all of them
        // are staged do they replace their targets, in order. A failure leaves every target as it was before it.
        var staging: [Pending<Result<AtomicFileWriter.StagedFile, OutputError>>?] = Array(repeating: nil, count: outputPaths.count)
        for index in outputPaths.indices.sorted(by: { outputPaths[$0].format.renderingCost > outputPaths[$1].format.renderingCost }) {
            let (format, path) = outputPaths[index]
            staging[index] = Pending { () -> Result<AtomicFileWriter.StagedFile, OutputError> in
                Result { () throws(OutputError) in
                    let bytes = try render(format, document: document, path: path, pageSize: request.pageSize) {
                        BriefExport(reconciliation: reconciliation.value, context: context, banner: document.banner,
                                    diagnostics: diagnostics.value)
                    }
                    return try AtomicFileWriter.stage(bytes, for: path)
                }
            }
        }
        var ready: [AtomicFileWriter.StagedFile] = []
        var failure: OutputError?
        for result in staging.compactMap({ $0?.value }) {
            switch result {
            case .success(let file): ready.append(file)
            case .failure(let error): failure = failure ?? error
            }
        }
        if let failure {
            ready.forEach { $0.discard() }
            throw .output(failure)
        }
        var written: [String] = []
        for (index, file) in ready.enumerated() {
            do throws(OutputError) { try file.commit() } catch {
                ready[(index + 1)...].forEach { $0.discard() }
                throw .output(error)
            }
            written.append(file.path)
        }
        return BuildOutcome(report: inputs.report, written: written, document: document, reconciliation: reconciliation.value,
                            inputs: inputs)
    }

    /// What an input file is to a build, as the provenance section names it.
    enum InputRole: String {
        case manifest = "Manifest", list = "List", previous = "Previous list"
    }

    /// Where each format goes; never over an input.
    func outputPaths(for request: BuildRequest, briefID: String, audience: Marking,
                     inputs: Inputs) throws(BuildError) -> [(format: OutputFormat, path: String)] {
        let inputFiles: [CheckedFile] = [inputs.manifest, inputs.list, inputs.previous].compactMap { $0 }
        let protected = Set(inputFiles.map { Validator.canonical($0.read.path) })
        var paths: [(format: OutputFormat, path: String)] = []
        for format in request.formats {
            let path = (request.outputDirectory as NSString).appendingPathComponent("\(briefID).\(audience.name).\(format.fileExtension)")
            guard !protected.contains(Validator.canonical(path)) else {
                throw .output(OutputError(path: path, reason: "is an input file; brief never writes over its inputs"))
            }
            paths.append((format, path))
        }
        return paths
    }

    /// One format's bytes.
    func render(_ format: OutputFormat, document: BriefDocument, path: String, pageSize: PDFWriter.PageSize,
                export: () -> BriefExport) throws(OutputError) -> [UInt8] {
        switch format {
        case .html: return Array(HTMLWriter().render(document).utf8)
        case .md: return Array(MarkdownWriter().render(document).utf8)
        case .txt: return Array(TextWriter().render(document).utf8)
        case .csv: return Array(CSVWriter().render(document).utf8)
        case .json: return JSONWriter().bytes(export())
        case .docx:
            do { return try DOCXWriter().render(document) } catch {
                throw OutputError(path: path, reason: "cannot be rendered (\(error))")
            }
        case .pdf:
            do { return try PDFWriter(pageSize: pageSize).render(document) } catch {
                throw OutputError(path: path, reason: "cannot be rendered (\(error))")
            }
        }
    }

    /// Diagnostics of the edition's own content, never of what it withholds. An edition that withholds nothing has
    /// the list's own findings, already made during validation.
    func editionDiagnostics(of edition: Edition, checked: CheckedFile) -> [Diagnostic] {
        if edition.withholdsNothing {
            let ids = Set(ListChecker.editionRules.map(\.descriptor.id))
            return checked.diagnostics.filter { ids.contains($0.rule) }
        }
        return validator.resolve(ListChecker.editionFindings(in: edition.list), in: checked.read, source: checked.sourceText)
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
