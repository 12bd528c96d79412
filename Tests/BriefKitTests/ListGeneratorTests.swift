import BriefKit
import Foundation
import ListGenerator
import Testing

/// `brief-gen`'s lists are what the benchmarks and the fuzzer start from: every one of them must be a valid list
/// that passes the rules (the generator promises at most a rare `source-conflict` note), whatever the options.
@Suite struct ListGeneratorTests {
    /// Sizes and seeds of base revisions, then each option away from its default, alone and with drift.
    static let cases: [ListGeneratorOptions] = {
        var all: [ListGeneratorOptions] = []
        for count in [0, 1, 7, 60, 400] {
            for seed: UInt64 in [1, 42, .max] {
                all.append(ListGeneratorOptions(count: count, seed: seed))
            }
        }
        for drift in [0.5, 5, 37.5, 100] {
            for seed: UInt64 in [1, 9] {
                all.append(ListGeneratorOptions(count: 300, seed: seed, drift: drift))
            }
        }
        all.append(ListGeneratorOptions(count: 50, seed: 3, revision: 7))
        all.append(ListGeneratorOptions(count: 50, seed: 3, drift: 20, revision: 7))
        for asOf in ["1900-01-01", "2000-02-29", "9000-12-31"] {
            all.append(ListGeneratorOptions(count: 50, seed: 4, asOf: asOf))
            all.append(ListGeneratorOptions(count: 50, seed: 4, drift: 20, asOf: asOf))
        }
        // The earliest drifted asOf allowed (16 days later), and a far later one.
        all.append(ListGeneratorOptions(count: 50, seed: 5, drift: 20, driftAsOf: "2015-07-16"))
        all.append(ListGeneratorOptions(count: 50, seed: 5, drift: 20, driftAsOf: "2031-12-31"))
        for listID in ["L", "cuba-53.r_2", String(repeating: "x", count: 63) + "9"] {
            all.append(ListGeneratorOptions(count: 20, seed: 6, listID: listID))
            all.append(ListGeneratorOptions(count: 20, seed: 6, drift: 20, listID: listID))
        }
        // The hostile shapes, small: valid, and passing every rule but source-conflict.
        all.append(ListGeneratorOptions(count: 30, seed: 7, conflictingSources: 9))
        all.append(ListGeneratorOptions(count: 30, seed: 7, drift: 20, rearrests: 50))
        all.append(ListGeneratorOptions(count: 30, seed: 7, longNames: 3, longNameLength: 300))
        all.append(ListGeneratorOptions(count: 0, seed: 8, asOf: "1900-01-01", conflictingSources: 2, rearrests: 2, longNames: 2,
                                        longNameLength: 8))
        return all
    }()

    @Test(arguments: cases)
    func aGeneratedListValidatesWithoutErrors(_ options: ListGeneratorOptions) throws {
        try options.validate()
        let xml = generateList(options)
        let checked = check(xml, name: "generated.xml")
        let problems = checked.diagnostics.filter { $0.severity != .note }
        #expect(problems.isEmpty, "\(problems.prefix(5).map { "\($0.line):\($0.column): [\($0.rule)] \($0.message)" })")
        #expect(Set(checked.rules(.note)).isSubset(of: [RuleID.sourceConflict]))
        let list = try #require(checked.list, "a valid list is read into the model")
        #expect(list.id == options.listID)
        #expect(list.revision == options.effectiveRevision)
        #expect(list.asOf.description == options.effectiveAsOf)
        let hostile = (options.conflictingSources > 0 ? 1 : 0) + (options.rearrests > 0 ? 1 : 0) + options.longNames
        if options.drift == 0 {
            #expect(list.prisoners.count == options.count + hostile)
        }
        #expect(list.prisoners.filter { $0.id.hasPrefix("H") }.count == hostile)
    }

    /// Every option of the generator is set away from its default by some case above: a new option fails here
    /// until the cases cover it.
    @Test func theCasesVaryEveryOption() {
        let labels = Mirror(reflecting: ListGeneratorOptions(count: 0, seed: 0)).children.compactMap(\.label)
        #expect(labels.sorted() == ["asOf", "conflictingSources", "count", "drift", "driftAsOf", "listID", "longNameLength", "longNames",
                                    "rearrests", "revision", "seed"])
        for label in labels {
            let values = Set(Self.cases.map { options in
                String(describing: Mirror(reflecting: options).children.first { $0.label == label }?.value)
            })
            #expect(values.count > 1, "no case sets \(label)")
        }
    }

    @Test func theSameOptionsGiveTheSameBytes() {
        let options = ListGeneratorOptions(count: 200, seed: 11, drift: 10)
        #expect(generateListBytes(options) == generateListBytes(options))
        #expect(generateList(options) == String(decoding: generateListBytes(options), as: UTF8.self))
        #expect(generateList(ListGeneratorOptions(count: 200, seed: 12)) != generateList(ListGeneratorOptions(count: 200, seed: 11)))
    }
}
