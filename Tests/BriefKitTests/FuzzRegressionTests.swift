@testable import BriefFuzzing
@testable import BriefKit
import BriefXML
import Foundation
import Synchronization
import Testing

/// The inputs that `make fuzz` found crashing, leaking or hanging (Tests/BriefKitTests/Fixtures/fuzz), run through the
/// pipeline brief-fuzz runs (Sources/brief-fuzz/Pipeline.swift): read and check both halves, render the diagnostics
/// in every format, build every format for every audience in memory, and diff the halves. Each must complete, and
/// keep the properties the fuzzer checks. Under `make test-asan` this also checks them for leaks.
@Suite struct FuzzRegressionTests {
    static let folder = Repository.fixtures.appendingPathComponent("fuzz")

    /// Names of the regression inputs.
    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    }()

    /// The fuzzer's own pipeline, every writer on; a violated property is a test issue instead of a crash.
    static let pipeline = FuzzPipeline(validator: Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1)),
                                       slowWriters: true) { message in Issue.record(Comment(rawValue: message)) }

    @Test func thereAreRegressionInputs() {
        #expect(!Self.inputs.isEmpty, "Tests/BriefKitTests/Fixtures/fuzz holds the inputs make fuzz found")
    }

    @Test(arguments: inputs) func completesTheWholePipeline(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let started = Date()
        Self.pipeline.run(bytes)
        // The fuzzer's timeout is 60 s under AddressSanitizer; a plain debug build is far under it.
        #expect(Date().timeIntervalSince(started) < 60, "\(name) took \(Date().timeIntervalSince(started)) s")
    }

    /// The pipeline reports what it finds: a property that fails is not swallowed.
    @Test func aViolatedPropertyIsReported() {
        let found = Mutex<[String]>([])
        let pipeline = FuzzPipeline(validator: Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1)),
                                    slowWriters: false) { message in found.withLock { $0.append(message) } }
        pipeline.requireJSON("{not json", "a test")
        #expect(found.withLock { $0 } .count == 1)
    }

    /// A manifest in the first part, naming `list.xml` (the second part) and `history/list-r2.xml` (the third), is
    /// built as a brief: the example brief goes through the whole pipeline as users build it.
    @Test func aBriefInMemoryIsResolvedAsOnDisk() throws {
        let folder = Repository.root.appendingPathComponent("briefs/cuba-53")
        let parts = try ["brief.xml", "list.xml", "history/list-r2.xml"].map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
        let seal = [UInt8](try Data(contentsOf: folder.appendingPathComponent("seal.png")))
        let store = InputStore.memory(["fuzz/a.xml": parts[0], "fuzz/list.xml": parts[1], "fuzz/history/list-r2.xml": parts[2], "fuzz/seal.png": seal])
        let inputs = try BriefInputs.resolve(path: "fuzz/a.xml", in: store, validator: Validator(schemas: sharedSchemas), hashing: true)
        #expect(!inputs.hasErrors)
        #expect(inputs.briefManifest != nil && inputs.prisonerList != nil && inputs.previousList != nil)
        let input = parts[0] + FuzzPipeline.separator + parts[1] + FuzzPipeline.separator + parts[2]
        #expect(FuzzPipeline.parts(input) == parts)
        Self.pipeline.run(input)
    }
}

/// Validation in parallel (`--jobs`, and two threads on one file when there are fewer files than jobs) reports
/// exactly what validation on one thread does. `make test-tsan` runs this suite under ThreadSanitizer.
@Suite struct ParallelValidationTests {
    static let folders = ["hostile", "lists", "briefs", "fuzz"].map(Repository.fixture)

    static func summary(_ report: ValidationReport) -> [String] {
        report.files.map { file in "\(file.path): " + file.diagnostics.map { "\($0.line):\($0.column) \($0.rule) \($0.message)" }.joined(separator: " | ") }
    }

    @Test func manyFilesOnSeveralThreadsReportAsOnOne() throws {
        let paths = try Validator.expand(Self.folders.filter { FileManager.default.fileExists(atPath: $0) })
        #expect(paths.count > 20)
        let serial = try Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1)).validate(paths: paths)
        let parallel = try Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 4)).validate(paths: paths)
        #expect(Self.summary(parallel) == Self.summary(serial))
    }

    @Test func oneFileOnTwoThreadsReportsAsOnOne() throws {
        let paths = try Validator.expand(Self.folders.filter { FileManager.default.fileExists(atPath: $0) })
            + [Repository.root.appendingPathComponent("briefs/cuba-53/list.xml").path]
        let serial = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1))
        let twoThreads = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 2))
        for path in paths {
            // One file and two jobs: `checkConcurrently`, validation beside model building.
            let expected = try serial.validate(paths: [path])
            let got = try twoThreads.validate(paths: [path])
            #expect(Self.summary(got) == Self.summary(expected), "\(path)")
        }
    }

    @Test func concurrentValidationsShareTheCompiledSchemas() async throws {
        let paths = try Validator.expand(Self.folders.filter { FileManager.default.fileExists(atPath: $0) })
        let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 2))
        let expected = Self.summary(try validator.validate(paths: paths))
        try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask { Self.summary(try validator.validate(paths: paths)) }
            }
            for try await got in group { #expect(got == expected) }
        }
    }
}
