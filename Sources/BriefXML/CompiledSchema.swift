import CLibXML2

/// Why a schema could not be compiled.
public struct SchemaCompilationError: Error, Sendable, CustomStringConvertible {
    /// The schema's display name (its file, or the built-in name).
    public var schemaName: String
    /// libxml2's messages, one per problem, with their lines in the schema.
    public var messages: [String]

    public var description: String {
        "cannot compile schema \(schemaName): " + (messages.isEmpty ? "unknown error" : messages.joined(separator: "; "))
    }
}

/// A parsed, compiled XML Schema, shared read-only by every validation in the process.
///
/// libxml2 keeps all validation state in per-document validation contexts, so one compiled schema can serve
/// many threads at once (see ../shared/notes/libxml2.md §3).
public final class CompiledSchema: @unchecked Sendable {
    let pointer: xmlSchemaPtr
    /// The display name given at compilation.
    public let name: String

    /// Compiles an XSD from its text. External loads (imports, includes) are refused.
    public init(xsd: [UInt8], name: String) throws(SchemaCompilationError) {
        XMLRuntime.ensureInitialized()
        let collector = MessageCollector()
        let compiled: xmlSchemaPtr? = xsd.withUnsafeBufferPointer { buffer -> xmlSchemaPtr? in
            guard let base = buffer.baseAddress, buffer.count < Int(Int32.max) else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars -> xmlSchemaPtr? in
                guard let context = xmlSchemaNewMemParserCtxt(chars, Int32(buffer.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(context) }
                let unmanaged = Unmanaged.passUnretained(collector)
                xmlSchemaSetParserStructuredErrors(context, collectSchemaMessage, unmanaged.toOpaque())
                return withExtendedLifetime(collector) { xmlSchemaParse(context) }
            }
        }
        guard let compiled else {
            throw SchemaCompilationError(schemaName: name, messages: collector.messages)
        }
        self.pointer = compiled
        self.name = name
    }

    deinit {
        xmlSchemaFree(pointer)
    }
}

/// Gathers libxml2's messages during schema compilation.
private final class MessageCollector {
    var messages: [String] = []
}

private let collectSchemaMessage: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let collector = Unmanaged<MessageCollector>.fromOpaque(userData).takeUnretainedValue()
    let text = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
    let line = Int(error.pointee.line)
    let trimmed = text.trimmingTrailingNewlines()
    collector.messages.append(line > 0 ? "line \(line): \(trimmed)" : trimmed)
}

extension String {
    /// libxml2 ends its messages with a newline.
    func trimmingTrailingNewlines() -> String {
        var result = Substring(self)
        while let last = result.last, last == "\n" || last == "\r" { result = result.dropLast() }
        return String(result)
    }
}
