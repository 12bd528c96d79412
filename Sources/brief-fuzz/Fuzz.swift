import BriefXML
import Foundation

/// brief-fuzz: a libFuzzer target over the whole of brief (see `FuzzPipeline`), and a replayer.
///
/// Built with `-sanitize=fuzzer` and `-DBRIEF_LIBFUZZER` (`make fuzz`), `main` hands over to libFuzzer, which takes
/// libFuzzer's arguments (a corpus folder, `-max_total_time=`, …). Built plainly (as `swift build` does), it runs each
/// file named on the command line through the pipeline once, with every writer, and says so: a crash reproduces
/// without libFuzzer.

/// libFuzzer's entry point: one input (`const uint8_t *data, size_t size`), copied into an array by BriefXML.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: OpaquePointer?, _ size: Int) -> Int32 {
    FuzzPipeline.run(unsafe ForeignBytes.copy(from: data, count: size))
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
            FuzzPipeline.run([UInt8](data), slowWriters: true)
            print("ok \(file)")
        }
        #endif
    }
}
