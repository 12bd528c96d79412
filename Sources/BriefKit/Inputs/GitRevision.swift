import Foundation

/// Files of a git revision, read with `git` in the current folder. Nothing is written anywhere.
enum GitRevision {
    /// `REV:PATH` as git reads it: PATH from the repository's top, or from the current folder after `./`.
    static func spec(_ revision: String, _ path: String) -> String {
        revision + ":" + (path == "." ? "./" : path)
    }

    /// `git cat-file -t REV:PATH`: `blob`, `tree`, or nil when the revision has nothing at the path.
    static func objectType(_ revision: String, _ path: String) -> String? {
        guard let (status, output, _) = try? run(["cat-file", "-t", spec(revision, path)], limit: 64), status == 0 else { return nil }
        return String(decoding: output, as: UTF8.self).trimmingXMLWhitespace()
    }

    /// `git show REV:PATH`, at most `limit` + 1 bytes of it.
    static func show(_ revision: String, _ path: String, limit: Int) throws(InputError) -> [UInt8] {
        let name = spec(revision, path)
        let (status, output, errors) = try run(["show", "--no-textconv", name], limit: limit)
        // Output past the limit stopped git; the reader refuses the file for its size.
        guard status == 0 || output.count > limit else {
            let text = String(decoding: errors, as: UTF8.self).trimmingXMLWhitespace()
            throw InputError(path: name, reason: "git cannot show it" + (text.isEmpty ? "" : " (\(Escaping.terminal(String(text.prefix(200)))))"))
        }
        return output
    }

    /// Runs git with `arguments` (in `directory`, or the current folder); reads at most `limit` + 1 bytes of its
    /// output (then stops it) and 4 KiB of its errors.
    static func run(_ arguments: [String], limit: Int, in directory: String? = nil) throws(InputError) -> (status: Int32, output: [UInt8], errors: [UInt8]) {
        let process = Process()
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw InputError(path: arguments.last ?? "git", reason: "cannot run git (\(error.localizedDescription))")
        }
        // Errors are drained on another thread so that git never blocks on a full error pipe.
        let errorText = Pending { [UInt8](errors.fileHandleForReading.readDataToEndOfFile().prefix(4096)) }
        var bytes: [UInt8] = []
        let reader = output.fileHandleForReading
        while bytes.count <= limit {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            bytes += chunk
        }
        if bytes.count > limit {
            process.terminate()
            bytes.removeSubrange((limit + 1)...)
        }
        process.waitUntilExit()
        return (process.terminationStatus, bytes, errorText.value)
    }
}
