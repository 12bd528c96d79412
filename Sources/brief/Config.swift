import ArgumentParser
import BriefConfig
import BriefKit
import Foundation

/// Where a command's project configuration comes from: the nearest `.brief.yml` above its input, another file, or
/// none.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use this configuration file instead of the nearest .brief.yml above the input.", valueName: "FILE"))
    var config: String?

    @Flag(name: .long, help: "Use no configuration file.")
    var noConfig = false

    /// The configuration for a run on `input` (nil: the current folder), or nil when there is none.
    func load(near input: String?) throws -> ProjectConfig? {
        guard !noConfig else { return nil }
        // A `REV:PATH` input is found from the working folder: its revision's files are not on disk.
        let start = input.flatMap { $0.contains(":") && !FileManager.default.fileExists(atPath: $0) ? nil : $0 }
        guard let path = config ?? ProjectConfig.find(from: start) else { return nil }
        do { return try ProjectConfig.load(path: path) } catch { throw ConfigFailure(error: error) }
    }
}

/// A configuration file that cannot be used: a usage error (exit 2), printed as a compiler prints one.
struct ConfigFailure: Error, CustomStringConvertible {
    var error: ConfigError
    var description: String { error.description }
}

/// `brief config`: the settings a run would use, and where each comes from.
struct Config: BriefCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective settings of the project configuration (.brief.yml) and where each comes from.",
        discussion: """
        brief finds the nearest .brief.yml (or .brief.yaml) above its input, as editors find .editorconfig: in the \\
        input's folder, then each parent up to the repository's root. Flags override it. docs/configuration.md \\
        lists the keys.

        Examples:
          brief config
          brief config briefs/cuba-53
        """)

    @Argument(help: ArgumentHelp("A brief, list or folder whose configuration to show (default: the current folder).", valueName: "PATH"))
    var path: String?

    @OptionGroup var configOptions: ConfigOptions

    func execute() throws -> Outcome {
        let config = try configOptions.load(near: path)
        emit(Self.describe(config))
        return .done()
    }

    /// One line per setting: `key: value  (file:line)` or `(default)`.
    static func describe(_ config: ProjectConfig?) -> String {
        let file = config.map { URL(fileURLWithPath: $0.path).lastPathComponent }
        func source<Value>(_ setting: ProjectConfig.Setting<Value>?) -> String {
            guard let setting, let file else { return "(default)" }
            return "(\(file):\(setting.line))"
        }
        var lines = ["configuration: " + (config?.path ?? "none (no .brief.yml above the input)")]
        lines.append("audience: \(config?.audience?.value.name ?? "the brief's, else public")  \(source(config?.audience))")
        lines.append("out: \(config?.out.map { config?.resolve($0.value) ?? $0.value } ?? "out")  \(source(config?.out))")
        lines.append("formats: \((config?.formats?.value ?? OutputFormat.allCases.map(\.rawValue)).joined(separator: ","))  \(source(config?.formats))")
        lines.append("strict: \(config?.strict?.value ?? false)  \(source(config?.strict))")
        lines.append("baseline: \(config?.baseline.map { config?.resolve($0.value) ?? $0.value } ?? "none")  \(source(config?.baseline))")
        lines.append("exclude: \(config?.exclude?.value.joined(separator: ", ") ?? "none")  \(source(config?.exclude))")
        let rules = config?.rules ?? []
        if rules.isEmpty { lines.append("rules: each rule's default severity  (default)") }
        for rule in rules { lines.append("rule \(rule.value)  \(source(rule))") }
        return lines.joined(separator: "\n") + "\n"
    }
}
