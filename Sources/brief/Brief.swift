// brief: the executable — parse arguments, call BriefKit, print, and map each command's outcome to an exit code in
// one place (`Brief.finish`). No pipeline logic lives here.
import ArgumentParser
import BriefKit
import BriefXML
import Foundation

/// `brief`: a compiler for congressional oversight briefings.
@main
struct Brief: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate prisoner lists, build oversight briefings from them, and diff revisions.",
        version: BriefVersion.current,
        subcommands: commands
    )

    /// The commands, in the order `--help` lists them; a static build has no `preview` (Package.swift says why).
    static var commands: [any ParsableCommand.Type] {
        var commands: [any ParsableCommand.Type] = [Validate.self, Build.self, Diff.self, Textconv.self]
        #if BRIEF_PREVIEW
        commands.append(Preview.self)
        #endif
        return commands + [Init.self, Export.self, Import.self, Merge.self, Config.self]
    }

    /// Errors thrown before a command has an outcome: argument parsing (ArgumentParser's own codes and messages)
    /// and input that cannot be read at all.
    static func main() {
        if let unknown = unknownCommand(in: CommandLine.arguments.dropFirst()) {
            finish(.failed("brief: error: unknown command '\(unknown)'. The commands are: "
                           + configuration.subcommands.map { $0._commandName }.joined(separator: ", ")
                           + ". See 'brief --help', or 'brief COMMAND --help'."))
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as InputError {
            finish(.failed("brief: error: \(error.description)"))
        } catch let error as ConfigFailure {
            finish(.failed(error.description))
        } catch {
            // --help and --version end here with success; a usage error is a failure like any other.
            if exitCode(for: error) == .success { exit(withError: error) }
            finish(.failed(fullMessage(for: error)))
        }
    }

    /// The first argument when it names no command (`brief init` before there was one was answered "2 unexpected
    /// arguments"); nil when it is an option or a command, `help` included.
    static func unknownCommand(in arguments: ArraySlice<String>) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = Set(configuration.subcommands.map { $0._commandName } + ["help"])
        return names.contains(first) ? nil : first
    }

    /// Ends the process with the outcome's status — the one place that decides exit codes (docs: README, "Exit
    /// status"). The outcome stays alive until then: freeing a 100,000-record model object by object takes longer
    /// than the operating system takes to drop the whole process. Output is written unbuffered by then.
    static func finish(_ outcome: Outcome) -> Never {
        let status: Int32 = switch outcome {
        case .done: 0
        case .foundProblems: 1
        case .foundChanges: 1
        case .cannotCompare: 2
        case .failed: 2
        }
        if case .failed(let message) = outcome { emitError(message + "\n") }
        withExtendedLifetime(outcome) { Foundation.exit(status) }
    }
}

/// What a command came to.
enum Outcome {
    /// Nothing wrong (`keeping` is alive until the process ends; see `Brief.finish`).
    case done(keeping: (any Sendable)? = nil)
    /// The data has errors (or warnings, with `--strict`); the diagnostics are printed.
    case foundProblems
    /// `diff --exit-code` found changes.
    case foundChanges(keeping: any Sendable)
    /// `diff`: a side is not a valid prisoner list; the diagnostics are printed.
    case cannotCompare
    /// Usage or I/O: the message says what.
    case failed(String)
}

/// A subcommand: it computes an outcome, and `Brief.finish` ends the process with its status.
protocol BriefCommand: ParsableCommand {
    func execute() throws -> Outcome
}

extension BriefCommand {
    func run() throws {
        Brief.finish(try execute())
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

    /// The validator of a run: limits and schemas built once.
    func validator(rules: RuleSettings = RuleSettings(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                   followsSymbolicLinks: Bool = false) throws -> Validator {
        let limits = XMLLimits(maxBytes: maxBytes, maxDepth: maxDepth, maxTextBytes: maxText)
        return Validator(schemas: try schemas(), options: ValidationOptions(limits: limits, rules: rules, jobs: jobs,
                                                                            followsSymbolicLinks: followsSymbolicLinks))
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

/// Writes text to standard output.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes text to standard error: messages and diagnostics for people, none of whose lines a CI runner reads as a
/// workflow command (a file named `::error::x.xml`, say).
func emitError(_ text: String) {
    FileHandle.standardError.write(Data(Escaping.commandSafeLines(text).utf8))
}
