import BriefXML

/// The two compiled schemas of a run: parsed once, shared by every file and thread.
public struct SchemaSet: Sendable {
    public let list: CompiledSchema
    public let manifest: CompiledSchema

    /// The schemas built into `brief` (copies of `schemas/*.xsd`, kept identical by a test).
    public static func builtIn() throws(SchemaCompilationError) -> SchemaSet {
        try SchemaSet(
            list: CompiledSchema(xsd: Array(EmbeddedSchemas.prisonerList.utf8), name: "schemas/prisoner-list.xsd (built in)"),
            manifest: CompiledSchema(xsd: Array(EmbeddedSchemas.brief.utf8), name: "schemas/brief.xsd (built in)"))
    }

    public init(list: CompiledSchema, manifest: CompiledSchema) {
        self.list = list
        self.manifest = manifest
    }

    /// The built-in schemas, with the one whose `targetNamespace` matches each override replaced.
    public static func withOverrides(_ overrides: [(name: String, xsd: [UInt8])]) throws(SchemaOverrideError) -> SchemaSet {
        var list: CompiledSchema?
        var manifest: CompiledSchema?
        for override in overrides {
            let text = String(decoding: override.xsd, as: UTF8.self)
            let compiled: CompiledSchema
            do { compiled = try CompiledSchema(xsd: override.xsd, name: override.name) } catch {
                throw .compilation(error)
            }
            if text.contains("targetNamespace=\"\(PrisonerList.namespace)\"") || text.contains("targetNamespace='\(PrisonerList.namespace)'") {
                list = compiled
            } else if text.contains("targetNamespace=\"\(BriefManifest.namespace)\"") || text.contains("targetNamespace='\(BriefManifest.namespace)'") {
                manifest = compiled
            } else {
                throw .unknownNamespace(override.name)
            }
        }
        do {
            let builtIn = try SchemaSet.builtIn()
            return SchemaSet(list: list ?? builtIn.list, manifest: manifest ?? builtIn.manifest)
        } catch {
            throw .compilation(error)
        }
    }
}

/// Why a `--schema` file could not be used.
public enum SchemaOverrideError: Error, CustomStringConvertible {
    case compilation(SchemaCompilationError)
    case unknownNamespace(String)

    public var description: String {
        switch self {
        case .compilation(let error): error.description
        case .unknownNamespace(let name):
            "schema \(name) targets neither \(PrisonerList.namespace) nor \(BriefManifest.namespace)"
        }
    }
}
