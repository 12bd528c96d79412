// brief-gen: the command line of ListGenerator (synthetic lists for tests and benchmarks).
import ArgumentParser
import Foundation
import ListGenerator

/// `brief-gen`: writes a deterministic synthetic prisoner list for tests and benchmarks.
///
/// ```
/// brief-gen --count 1000 --seed 42 --out list.xml
/// brief-gen --count 1000 --seed 42 --drift 5 --out list-r2.xml   # a later revision, 5% changed
/// brief-gen --count 0 --seed 1 --conflicting-sources 3000 --out conflict.xml   # a hostile shape (docs/benchmarks.md)
/// ```
@main
struct BriefGen: ParsableCommand {
    /// The command's name, abstract and help text.
    static let configuration = CommandConfiguration(
        commandName: "brief-gen",
        abstract: "Generate a deterministic synthetic prisoner list (urn:oversight:prisoner-list:1).",
        discussion: """
            The same options always give byte-identical output. With --drift PCT the output is a \
            later revision of the list the same --count and --seed give without it: revision + 1, \
            a later asOf, and about PCT% of the records changed (new status claims, conditions or \
            warnings dated after the earlier asOf, a few records removed and a few added with new ids). \
            --conflicting-sources, --rearrests and --long-names add hostile records (ids H000001…) built to make \
            a quadratic step show; the list stays valid (docs/benchmarks.md).
            """
    )

    /// Number of prisoner records in the base revision.
    @Option(name: .long, help: "Number of prisoner records (ids P000001…).")
    var count: Int

    /// Seed of every random choice.
    @Option(name: .long, help: "Seed (unsigned 64-bit integer).")
    var seed: UInt64

    /// Percentage of records that differ from the base revision.
    @Option(name: .long, help: "Percentage (0-100) of records changed in a later revision; 0 gives the base revision.")
    var drift: Double = 0

    /// Revision number of the base list.
    @Option(name: .long, help: "Revision of the base list (a drifted list is written as revision + 1).")
    var revision: Int = 1

    /// The base list's asOf date.
    @Option(name: .customLong("as-of"), help: "asOf date of the base list (YYYY-MM-DD).")
    var asOf: String = "2015-06-30"

    /// The drifted list's asOf date.
    @Option(name: .customLong("drift-as-of"), help: "asOf date of the drifted revision (default: --as-of plus 120 days).")
    var driftAsOf: String?

    /// The list's id attribute.
    @Option(name: .customLong("list-id"), help: "The list's id attribute, stable across revisions.")
    var listID: String = "synthetic-list"

    /// Sources that disagree about one added prisoner.
    @Option(name: .customLong("conflicting-sources"), help: "Add N sources and one prisoner with a claim from each, all of one date, alternately detained and released.")
    var conflictingSources: Int = 0

    /// `rearrested` claims on one added prisoner.
    @Option(name: .long, help: "Add one prisoner with N rearrested claims, and the release they follow written after them.")
    var rearrests: Int = 0

    /// Added prisoners named by one long word.
    @Option(name: .customLong("long-names"), help: "Add N prisoners each named by one word of --long-name-length characters (Latin letters and a Greek one).")
    var longNames: Int = 0

    /// Characters in each long name.
    @Option(name: .customLong("long-name-length"), help: "Characters in each name of --long-names (8-1000000).")
    var longNameLength: Int = 20_000

    /// Output file; standard output when absent.
    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    /// Options for the library, built from the command line.
    var options: ListGeneratorOptions {
        ListGeneratorOptions(count: count, seed: seed, drift: drift, revision: revision,
                             asOf: asOf, driftAsOf: driftAsOf, listID: listID, conflictingSources: conflictingSources,
                             rearrests: rearrests, longNames: longNames, longNameLength: longNameLength)
    }

    /// Rejects options the generator cannot use, before anything is written.
    mutating func validate() throws {
        do {
            try options.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Generates the list and writes it.
    mutating func run() throws {
        let bytes = generateListBytes(options)
        // Written from the array as it is, without a copy (lists can be hundreds of megabytes).
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: out])
            }
            let file = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            defer { try? file.close() }
            try file.write(contentsOf: bytes)
        } else {
            try FileHandle.standardOutput.write(contentsOf: bytes)
        }
    }
}
