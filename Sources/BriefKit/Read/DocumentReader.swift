import BriefXML
import Foundation

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

    /// Reads at most `limit + 1` bytes of a file, opened read-only.
    public static func readBytes(at path: String, limit: Int) throws(InputError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw InputError(path: path, reason: "is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(path: path, reason: "cannot be opened for reading")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            return [UInt8](data)
        } catch {
            throw InputError(path: path, reason: "cannot be read (\(error.localizedDescription))")
        }
    }

    /// Reads, parses and validates one file.
    public func read(path: String) throws(InputError) -> ReadFile {
        let bytes = try Self.readBytes(at: path, limit: limits.maxBytes)
        return read(bytes: bytes, path: path)
    }

    /// Parses and validates bytes already read.
    public func read(bytes: [UInt8], path: String) -> ReadFile {
        guard bytes.count <= limits.maxBytes else {
            let finding = Finding(rule: RuleCatalog.xml.id, severity: .error,
                                  message: "the file is larger than the limit of \(limits.maxBytes) bytes",
                                  line: 1, column: 1, help: "the limit can be changed with --max-bytes")
            return ReadFile(path: path, document: nil, findings: [finding], isValid: false, text: [])
        }
        let text: XMLInputText
        switch XMLInputText.decode(bytes) {
        case .success(let decoded):
            text = decoded
        case .failure(let problem):
            let finding = Finding(rule: RuleCatalog.xml.id, severity: .error, message: problem.message,
                                  line: problem.line ?? 1, column: problem.column ?? 1,
                                  help: "save the file as UTF-8 (or UTF-16 with a byte-order mark)")
            return ReadFile(path: path, document: nil, findings: [finding], isValid: false,
                            // A snippet only where the bytes read as text (a declaration problem, not UTF-16 without BOM).
                            text: bytes.starts(with: Array("<?xml".utf8)) ? bytes : [])
        }
        let builder = ModelBuilder(schemas: schemas)
        let wellFormed = SecureXMLParser(limits: limits).parse(text, handler: builder)
        let valid = wellFormed && builder.schemaValid && builder.document != nil
        return ReadFile(path: path, document: builder.document, findings: builder.findings, isValid: valid,
                        text: text.utf8)
    }
}
