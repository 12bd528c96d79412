import ArgumentParser
import BriefKit
import Foundation

/// `brief`: a compiler for congressional oversight briefings.
@main
struct Brief: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate prisoner lists, build oversight briefings from them, and diff revisions.",
        version: BriefVersion.current,
        subcommands: [Validate.self, Build.self, Diff.self, Textconv.self]
    )

    /// Exit codes: 0 fine, 1 problems in the data, 2 usage or I/O problems.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let error as InputError {
            FileHandle.standardError.write(Data("brief: error: \(error.description)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Options every command that reads lists shares.
struct ReadingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use this XSD instead of the built-in one for its namespace (repeatable).", valueName: "FILE"))
    var schema: [String] = []

    @Option(name: .long, help: "Largest accepted input file, in bytes.")
    var maxBytes: Int = 256 << 20

    @Option(name: .long, help: "Deepest accepted element nesting.")
    var maxDepth: Int = 64

    @Option(name: .long, help: "Longest accepted text or attribute value, in bytes.")
    var maxText: Int = 1 << 20


    func validate() throws {
        guard maxBytes > 0, maxDepth > 0, maxText > 0 else {
            throw ValidationError("--max-bytes, --max-depth and --max-text must be positive")
        }
    }

    /// The schemas for the run: compiled once.
    func schemas() throws -> SchemaSet {
        guard !schema.isEmpty else {
            do { return try SchemaSet.builtIn() } catch { throw InputError(path: "built-in schemas", reason: error.description) }
        }
        var overrides: [(name: String, xsd: [UInt8])] = []
        for path in schema {
            let limit = 16 << 20
            let bytes = try DocumentReader.readBytes(at: path, limit: limit)
            guard bytes.count <= limit else { throw InputError(path: path, reason: "is larger than \(limit) bytes; not a schema brief can use") }
            overrides.append((path, bytes))
        }
        do { return try SchemaSet.withOverrides(overrides) } catch { throw InputError(path: schema.joined(separator: ", "), reason: error.description) }
    }
}

/// Whether to colour output: only on a terminal, and never with NO_COLOR set.
func useColor(for handle: FileHandle = .standardOutput) -> Bool {
    if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
    return isatty(handle.fileDescriptor) == 1
}

/// Ends the process with success while `value` is still alive: freeing a 100,000-record model object by object
/// takes longer than the operating system takes to drop the whole process. Output is written unbuffered by then.
func exitWithoutTeardown(keeping value: some Any) -> Never {
    withExtendedLifetime(value) { exit(0) }
}

/// Writes text to standard output.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
