import BriefKit
import Foundation
import Testing

/// Paths of the repository, found from this file.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/BriefKitTests/Fixtures")

    static func fixture(_ relative: String) -> String {
        fixtures.appendingPathComponent(relative).path
    }

    /// The built `brief` executable (the test target depends on it).
    static var executable: String {
        let candidates = [".build/debug/brief", ".build/release/brief"].map { root.appendingPathComponent($0).path }
        let built = Bundle.main.bundleURL.appendingPathComponent("brief").path
        return ([built] + candidates).first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }
}

/// One schema set for the whole test run (compiled once, as in brief itself).
let sharedSchemas: SchemaSet = {
    do { return try SchemaSet.builtIn() } catch { preconditionFailure("built-in schemas do not compile: \(error)") }
}()

/// Validates text as if it were a file named `name`.
func check(_ xml: String, name: String = "test.xml", rules: RuleSettings = RuleSettings()) -> CheckedFile {
    let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(rules: rules, jobs: 1))
    return validator.check(validator.reader.read(bytes: Array(xml.utf8), path: name))
}

func check(bytes: [UInt8], name: String = "test.xml") -> CheckedFile {
    let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1))
    return validator.check(validator.reader.read(bytes: bytes, path: name))
}

/// A valid list with `body` as its prisoners (and optional extra parts).
func listXML(
    asOf: String = "2015-01-13",
    rootMarking: String = "committee",
    agreement: String = #"<agreement announced="2014-12-17" committed="1"><party>United States</party><party>Cuba</party></agreement>"#,
    sources: String = #"<source id="usg" kind="government" marking="public">US officials</source><source id="ngo" kind="ngo" marking="public">Dissidents</source>"#,
    counts: String = #"<counts><count source="usg" date="2015-01-12" of="released">1</count><count source="ngo" date="2015-01-12" of="released">0</count></counts>"#,
    prisoners: String = defaultPrisoner
) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <prisonerList xmlns="urn:oversight:prisoner-list:1" id="test" revision="2" asOf="\(asOf)" marking="\(rootMarking)">
      <title>Test list</title>
      <submitter>Test office</submitter>
      \(agreement)
      <sources>\(sources)</sources>
      \(counts)
    \(prisoners)
    </prisonerList>

    """
}

let defaultPrisoner = """
  <prisoner id="P1" list="agreed" marking="public">
    <name marking="committee">Ana Pérez</name>
    <born>1970</born>
    <detention arrested="2012-03-01"/>
    <status value="released" date="2015-01-10" source="usg"/>
  </prisoner>
"""

extension CheckedFile {
    func rules(_ severity: Severity? = nil) -> [RuleID] {
        diagnostics.filter { severity == nil || $0.severity == severity }.map(\.rule)
    }
}

/// Runs the `brief` executable; returns exit status, standard output and standard error.
@discardableResult
func runBrief(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Repository.executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Standard error is read on another thread: a child that fills its pipe (a sanitizer's report) while this one
    // waits for the end of standard output would otherwise wait for ever.
    let errData = LockedData()
    let errRead = DispatchGroup()
    errRead.enter()
    DispatchQueue.global().async {
        errData.set(err.fileHandleForReading.readDataToEndOfFile())
        errRead.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    errRead.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData.get(), as: UTF8.self))
}

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("brief-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A copy of the example brief (`briefs/cuba-53`: manifest, list and previous list) in a fresh temporary folder, its
/// manifest's `list` set to `listHref`.
func exampleBriefCopy(listHref: String = "list.xml") throws -> URL {
    let folder = try temporaryFolder()
    let example = Repository.root.appendingPathComponent("briefs/cuba-53")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("history"), withIntermediateDirectories: true)
    for name in ["list.xml", "history/list-r2.xml", "seal.png"] {
        try FileManager.default.copyItem(at: example.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    let manifest = try String(contentsOf: example.appendingPathComponent("brief.xml"), encoding: .utf8)
        .replacingOccurrences(of: #"<list href="list.xml"/>"#, with: #"<list href="\#(listHref)"/>"#)
    try manifest.write(to: folder.appendingPathComponent("brief.xml"), atomically: true, encoding: .utf8)
    return folder
}

/// Runs `executable` with `arguments`: its exit status, and its standard output and error together.
func runTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Bytes handed from one thread to another.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
