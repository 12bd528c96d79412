import BriefXML
import Dispatch
import Foundation
import Synchronization

/// A failure of the operation itself (not a problem in the data): exit code 2.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// A file read, parsed, validated against its schema and turned into a model.
public struct ReadFile: Sendable {
    /// The path as the user gave it (used in diagnostics).
    public var path: String
    public var document: ReadDocument?
    /// Reading and schema problems, not yet resolved to lines.
    public var findings: [Finding]
    /// True when the file was well-formed and valid against its schema, so that the model can be trusted.
    public var isValid: Bool
    /// The text, kept for resolving positions of later findings.
    public var text: [UInt8]
}

/// Reads untrusted files: bounded in size, never written, parsed by `SecureXMLParser`.
public struct DocumentReader: Sendable {
    public var schemas: SchemaSet
    public var limits: XMLLimits

    public init(schemas: SchemaSet, limits: XMLLimits = .default) {
        self.schemas = schemas
        self.limits = limits
    }

    /// Reads at most `limit + 1` bytes of a regular file (more than `limit` means it is over the limit), opened
    /// read-only, through `FileBytes`.
    public static func readBytes(at path: String, limit: Int) throws(InputError) -> [UInt8] {
        do {
            return try FileBytes.read(path: path, limit: limit)
        } catch {
            throw InputError(path: path, reason: error.explanation)
        }
    }

    /// Reads, parses and validates one file.
    public func read(path: String) throws(InputError) -> ReadFile {
        let bytes = try Self.readBytes(at: path, limit: limits.maxBytes)
        return read(bytes: bytes, path: path)
    }

    /// Parses and validates bytes already read.
    public func read(bytes: [UInt8], path: String) -> ReadFile {
        let text: XMLInputText
        switch decode(bytes, path: path) {
        case .success(let decoded): text = decoded
        case .failure(let refused): return refused.file
        }
        var builder = ModelBuilder(schemas: schemas)
        let wellFormed = SecureXMLParser(limits: limits).parse(text, handler: &builder)
        let valid = wellFormed && builder.schemaValid && builder.document != nil
        return ReadFile(path: path, document: builder.document, findings: builder.findings, isValid: valid,
                        text: text.utf8)
    }

    /// Parses and validates bytes already read, on two threads at once, and checks a valid list's content.
    ///
    /// Schema validation is most of the cost of reading. Here the text is parsed twice, in parallel: this thread
    /// validates it and places problems, another builds the model and then runs `listCheck` on it, while the
    /// validation may still go on. Both parses see the same events, so the `ReadFile` is the one `read(bytes:path:)`
    /// gives. `listCheck`'s findings come back when the file is a valid list (nil otherwise); it is not run once
    /// a problem has been found. When validation ends first, this thread runs `whileWaiting` on the text meanwhile.
    func readConcurrently<Extra>(bytes: [UInt8], path: String,
                                 listCheck: @escaping @Sendable (PrisonerList) -> [Finding],
                                 whileWaiting: ([UInt8]) -> Extra) -> (file: ReadFile, listFindings: [Finding]?, extra: Extra?) {
        let text: XMLInputText
        switch decode(bytes, path: path) {
        case .success(let decoded): text = decoded
        case .failure(let refused): return (refused.file, nil, nil)
        }
        let signal = ReadSignal()
        let modelSide = ModelSide()
        let done = DispatchGroup()
        let (schemas, limits) = (self.schemas, self.limits)
        DispatchQueue.global().async(group: done) {
            var builder = ModelBuilder(schemas: schemas, role: .model)
            let wellFormed = SecureXMLParser(limits: limits).parse(text, handler: &builder)
            let document = builder.document
            var listFindings: [Finding]?
            if wellFormed, !signal.isRaised, case .list(let list)? = document {
                listFindings = listCheck(list)
            }
            modelSide.result = (document, listFindings)
        }
        var builder = ModelBuilder(schemas: schemas, role: .findings, findingSignal: signal)
        let wellFormed = SecureXMLParser(limits: limits).parse(text, handler: &builder)
        let extra = done.wait(timeout: .now()) == .timedOut ? whileWaiting(text.utf8) : nil
        done.wait()
        let (document, listFindings) = modelSide.result ?? (nil, nil)
        // The model builder saw the same root; `document` is nil exactly when the findings builder's is.
        let valid = wellFormed && builder.schemaValid && builder.document != nil && document != nil
        let file = ReadFile(path: path, document: document, findings: builder.findings, isValid: valid, text: text.utf8)
        return (file, valid ? listFindings : nil, extra)
    }

    /// A file refused before parsing, as its `ReadFile`.
    private struct Refused: Error {
        var file: ReadFile
    }

    /// The text of `bytes` under the size limit and the encoding policy, or the refusal.
    private func decode(_ bytes: [UInt8], path: String) -> Result<XMLInputText, Refused> {
        guard bytes.count <= limits.maxBytes else {
            let finding = Finding(rule: RuleCatalog.xml.id, severity: .error,
                                  message: "the file is larger than the limit of \(limits.maxBytes) bytes",
                                  line: 1, column: 1, help: "the limit can be changed with --max-bytes")
            return .failure(Refused(file: ReadFile(path: path, document: nil, findings: [finding], isValid: false, text: [])))
        }
        switch XMLInputText.decode(bytes) {
        case .success(let decoded):
            return .success(decoded)
        case .failure(let problem):
            let finding = Finding(rule: RuleCatalog.xml.id, severity: .error, message: problem.message,
                                  line: problem.line ?? 1, column: problem.column ?? 1,
                                  help: "save the file as UTF-8 (or UTF-16 with a byte-order mark)")
            return .failure(Refused(file: ReadFile(path: path, document: nil, findings: [finding], isValid: false,
                                                   // A snippet only where the bytes read as text (a declaration problem, not UTF-16 without BOM).
                                                   text: bytes.starts(with: Array("<?xml".utf8)) ? bytes : [])))
        }
    }
}

/// Set by the validating side of a concurrent read at its first finding, read by the model side.
final class ReadSignal: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() {
        raised.store(true, ordering: .relaxed)
    }

    var isRaised: Bool { raised.load(ordering: .relaxed) }
}

/// What the model side of a concurrent read hands back; written before its group is left, read after the wait.
private final class ModelSide: @unchecked Sendable {
    var result: (document: ReadDocument?, listFindings: [Finding]?)?
}
