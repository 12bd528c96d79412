// The project configuration file (`.brief.yml`, docs/configuration.md): defaults a repository or a brief folder sets
// for every run, found by walking up from the input as `.editorconfig` is, and overridden by flags.
import BriefKit
import Foundation
import Yams

/// A project's settings, each with where it was written.
public struct ProjectConfig: Sendable {
    /// The file the settings come from.
    public var path: String
    public var audience: Setting<Marking>?
    /// `build`'s output folder, relative to the configuration file's folder.
    public var out: Setting<String>?
    /// `build`'s formats (names as `--format` takes them).
    public var formats: Setting<[String]>?
    /// `validate --strict`.
    public var strict: Setting<Bool>?
    /// Rule severities, in the order written: `ID=LEVEL` as `--rule` takes them.
    public var rules: [Setting<String>] = []
    /// `validate --baseline`, relative to the configuration file's folder.
    public var baseline: Setting<String>?
    /// `validate --exclude` globs (matched from the repository root, as `--exclude` is).
    public var exclude: Setting<[String]>?

    /// A value and the line and column it was written at.
    public struct Setting<Value: Sendable>: Sendable {
        public var value: Value
        public var line: Int
        public var column: Int
    }

    /// The names a configuration file may use, in the order `brief config` prints them.
    public static let keys = ["audience", "out", "formats", "strict", "rules", "baseline", "exclude"]

    /// The names the file is found by, in order of preference.
    public static let fileNames = [".brief.yml", ".brief.yaml"]

    /// Configuration files larger than this are refused: a real one is a few lines.
    static let maximumBytes = 64 << 10

    /// The nearest configuration file above `input` (a file or folder; nil: the working folder): in its folder,
    /// then each parent, up to and including the repository's root (the folder holding `.git`), or the file system's.
    public static func find(from input: String?) -> String? {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        var folder = URL(fileURLWithPath: input ?? manager.currentDirectoryPath).standardizedFileURL
        if !(manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            folder.deleteLastPathComponent()
        }
        while true {
            for name in fileNames {
                let candidate = folder.appendingPathComponent(name).path
                if manager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue { return candidate }
            }
            if manager.fileExists(atPath: folder.appendingPathComponent(".git").path) { return nil }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// Reads and checks a configuration file: every key known, every value of its type; the first problem is an
    /// error with its line and column.
    public static func load(path: String) throws(ConfigError) -> ProjectConfig {
        let text: String
        do {
            let bytes = try DocumentReader.readBytes(at: path, limit: maximumBytes)
            guard bytes.count <= maximumBytes else { throw ConfigError(path: path, line: 1, column: 1, message: "is larger than \(maximumBytes) bytes") }
            guard let decoded = String(validating: bytes, as: UTF8.self) else { throw ConfigError(path: path, line: 1, column: 1, message: "is not UTF-8") }
            text = decoded
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(path: path, line: 1, column: 1, message: "cannot be read (\(error))")
        }
        return try parse(text, path: path)
    }

    /// Checks the text of a configuration file (`path` names it in errors).
    public static func parse(_ text: String, path: String) throws(ConfigError) -> ProjectConfig {
        var config = ProjectConfig(path: path)
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw ConfigError(path: path, yamlError: error)
        } catch {
            throw ConfigError(path: path, line: 1, column: 1, message: "is not YAML (\(error))")
        }
        guard let root else { return config }
        guard let mapping = root.mapping else { throw ConfigError(path: path, node: root, message: "must be a mapping of settings (key: value)") }
        var seen = Set<String>()
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, keyNode.scalar != nil else { throw ConfigError(path: path, node: keyNode, message: "a key must be a name") }
            guard seen.insert(key).inserted else { throw ConfigError(path: path, node: keyNode, message: "'\(key)' is set twice") }
            switch key {
            case "audience":
                let name = try scalar(value, key, path)
                guard let marking = Marking(attribute: name) else {
                    throw ConfigError(path: path, node: value, message: "audience '\(name)' is not public, committee or restricted")
                }
                config.audience = setting(marking, value)
            case "out": config.out = setting(try scalar(value, key, path), value)
            case "baseline": config.baseline = setting(try scalar(value, key, path), value)
            case "strict":
                guard value.scalar != nil, let flag = value.bool else { throw ConfigError(path: path, node: value, message: "strict must be true or false") }
                config.strict = setting(flag, value)
            case "formats":
                let names = try list(value, key, path)
                for (name, node) in names where OutputFormat(rawValue: name == "markdown" ? "md" : name == "text" ? "txt" : name) == nil {
                    throw ConfigError(path: path, node: node, message: "unknown format '\(name)' (use \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                config.formats = setting(names.map(\.0), value)
            case "exclude": config.exclude = setting(try list(value, key, path).map(\.0), value)
            case "rules":
                guard let rules = value.mapping else { throw ConfigError(path: path, node: value, message: "rules must map rule ids to off, note, warning or error") }
                for (ruleNode, levelNode) in rules {
                    let id = try scalar(ruleNode, "a rule id", path), level = try scalar(levelNode, id, path)
                    var check = RuleSettings()
                    do { try check.apply("\(id)=\(level)") } catch { throw ConfigError(path: path, node: ruleNode, message: "rules: \(error.description)") }
                    config.rules.append(setting("\(id)=\(level)", ruleNode))
                }
            default:
                throw ConfigError(path: path, node: keyNode, message: "unknown key '\(key)' (known: \(keys.joined(separator: ", ")))")
            }
        }
        return config
    }

    static func setting<Value>(_ value: Value, _ node: Node) -> Setting<Value> {
        Setting(value: value, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    static func scalar(_ node: Node, _ key: String, _ path: String) throws(ConfigError) -> String {
        guard let scalar = node.scalar else { throw ConfigError(path: path, node: node, message: "\(key) must be a single value") }
        return scalar.string
    }

    /// A list of names, or one name.
    static func list(_ node: Node, _ key: String, _ path: String) throws(ConfigError) -> [(String, Node)] {
        if let scalar = node.scalar { return [(scalar.string, node)] }
        guard let sequence = node.sequence else { throw ConfigError(path: path, node: node, message: "\(key) must be a list of names") }
        var names: [(String, Node)] = []
        for item in sequence { names.append((try scalar(item, key, path), item)) }
        return names
    }

    /// A path the file names, as the working folder sees it: relative to the file's folder.
    public func resolve(_ relative: String) -> String {
        guard !relative.hasPrefix("/") else { return relative }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(relative).standardizedFileURL.path
    }
}

/// A configuration file that cannot be used, and where.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    init(path: String, node: Node, message: String) {
        self.init(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message)
    }

    init(path: String, yamlError: YamlError) {
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            self.init(path: path, line: mark.line, column: mark.column, message: "is not valid YAML: " + (context.map { "\($0.text) " } ?? "") + problem)
        case .composer(let context, let problem, let mark, _):
            self.init(path: path, line: mark.line, column: mark.column, message: "is not valid YAML: " + (context.map { "\($0.text) " } ?? "") + problem)
        default:
            self.init(path: path, line: 1, column: 1, message: "is not valid YAML: \(yamlError)")
        }
    }

    /// As a compiler prints it: `path:line:column: error: message`.
    public var description: String { "\(path):\(line):\(column): error: \(message)" }
}
