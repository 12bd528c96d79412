import BriefFuzzing
import BriefKit
import BriefXML
import Foundation

/// brief-fuzz: a libFuzzer target over the whole of brief (see `FuzzPipeline`), and a replayer.
///
/// Built with `-sanitize=fuzzer` and `-DBRIEF_LIBFUZZER` (`make fuzz`), `main` hands over to libFuzzer, which takes
/// libFuzzer's arguments (a corpus folder, `-max_total_time=`, …). Built plainly (as `swift build` does), it runs each
/// file named on the command line through the pipeline once, with every writer, and says so: a crash reproduces
/// without libFuzzer.

/// The pipeline as the fuzzer runs it: one thread, and DOCX and PDF (the slow writers) for one input in
/// `BRIEF_FUZZ_SLOW_EVERY` (default 8), picked by a hash of the input so that a crash reproduces.
let pipeline: FuzzPipeline = {
    let schemas: SchemaSet
    do { schemas = try SchemaSet.builtIn() } catch { fatalError("the built-in schemas do not compile: \(error)") }
    return FuzzPipeline(validator: Validator(schemas: schemas, options: ValidationOptions(jobs: 1)), slowWriters: false) { message in
        FileHandle.standardError.write(Data("brief-fuzz: property violated: \(message)\n".utf8))
        fatalError(message)
    }
}()

let slowEvery: UInt64 = max(1, ProcessInfo.processInfo.environment["BRIEF_FUZZ_SLOW_EVERY"].flatMap { UInt64($0) } ?? 8)

/// libFuzzer's entry point: one input (`const uint8_t *data, size_t size`), copied into an array by BriefXML.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: OpaquePointer?, _ size: Int) -> Int32 {
    let input = unsafe ForeignBytes.copy(from: data, count: size)
    var run = pipeline
    run.slowWriters = FuzzPipeline.fnv1a(input) % slowEvery == 0
    run.run(input)
    return 0
}

#if BRIEF_LIBFUZZER
/// libFuzzer's driver (in libclang_rt.fuzzer): parses libFuzzer's arguments and calls `fuzz` for each input.
/// (`int *argc, char ***argv, int (*)(const uint8_t *, size_t)`: the pointers pass as `inout` and `OpaquePointer`.)
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: inout Int32, _ argv: inout OpaquePointer?,
                         _ callback: @convention(c) (OpaquePointer?, Int) -> Int32) -> Int32
#endif

@main
enum BriefFuzz {
    static func main() {
        #if BRIEF_LIBFUZZER
        var argc = CommandLine.argc
        var argv: OpaquePointer? = OpaquePointer(CommandLine.unsafeArgv)
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data, size) })
        #else
        let files = CommandLine.arguments.dropFirst()
        guard !files.isEmpty else {
            FileHandle.standardError.write(Data("usage: brief-fuzz FILE...  (build with `make fuzz` for libFuzzer)\n".utf8))
            exit(2)
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("brief-fuzz: cannot read \(file)\n".utf8))
                exit(2)
            }
            var run = pipeline
            run.slowWriters = true
            run.run([UInt8](data))
            print("ok \(file)")
        }
        #endif
    }
}
