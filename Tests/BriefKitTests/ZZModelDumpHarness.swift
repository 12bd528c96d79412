import BriefKit
import BriefXML
import Foundation
import Testing

/// Temporary harness (performance work): dumps models of a corpus when BRIEF_DUMP_DIR is set; does nothing otherwise.
@Test func zzDumpModelsForComparison() throws {
    guard let outDir = ProcessInfo.processInfo.environment["BRIEF_DUMP_DIR"] else { return }
    let inDir = "/tmp/bench/corpus"
    for limits in [XMLLimits.default, XMLLimits(maxDepth: 3, maxTextBytes: 200)] {
        let reader = DocumentReader(schemas: sharedSchemas, limits: limits)
        for file in try FileManager.default.subpathsOfDirectory(atPath: inDir).sorted() where file.hasSuffix(".xml") {
            let read = try reader.read(path: inDir + "/" + file)
            var s = ""
            dump(read.document, to: &s)
            dump(read.findings, to: &s)
            s += "valid=\(read.isValid) textcount=\(read.text.count)\n"
            let suffix = limits == .default ? ".dump" : ".limits.dump"
            try s.write(toFile: outDir + "/" + file.replacingOccurrences(of: "/", with: "_") + suffix, atomically: true, encoding: .utf8)
        }
    }
}
