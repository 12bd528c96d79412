import Foundation

/// One side of a diff, read and validated: a list file, a brief folder (its list), or `REV:PATH` from git.
public struct DiffSide: Sendable {
    /// The argument as given.
    public var argument: String
    public var checked: CheckedFile
    /// The manifest's audience, when the side is a brief.
    public var manifestAudience: Marking?

    /// Reads a side. `REV:PATH` is read with `git show` in the current folder; nothing is written anywhere.
    public static func load(_ argument: String, validator: Validator) throws(InputError) -> DiffSide {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
            var path = argument
            if isDirectory.boolValue { path = (argument as NSString).appendingPathComponent("brief.xml") }
            let checked = try validator.check(path: path)
            if case .manifest(let manifest)? = checked.read.document, let list = checked.referencedFiles.first {
                return DiffSide(argument: argument, checked: try validator.check(path: list), manifestAudience: manifest.audience)
            }
            return DiffSide(argument: argument, checked: checked, manifestAudience: nil)
        }
        guard let colon = argument.firstIndex(of: ":"), colon != argument.startIndex else {
            throw InputError(path: argument, reason: "no such file or folder (and not REV:PATH)")
        }
        let bytes = try gitShow(argument)
        let read = validator.reader.read(bytes: bytes, path: argument)
        return DiffSide(argument: argument, checked: validator.check(read), manifestAudience: nil)
    }

    /// Reads both sides of a diff at once, each on its own core.
    public static func loadBoth(_ old: String, _ new: String, validator: Validator) throws(InputError) -> (old: DiffSide, new: DiffSide) {
        let before = Pending { () -> Result<DiffSide, InputError> in Result { () throws(InputError) in try load(old, validator: validator) } }
        let after = Result { () throws(InputError) in try load(new, validator: validator) }
        return (try before.value.get(), try after.get())
    }

    /// `git show REV:PATH`, bounded by the reading limit.
    static func gitShow(_ spec: String) throws(InputError) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "show", "--no-textconv", spec]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw InputError(path: spec, reason: "cannot run git (\(error.localizedDescription))")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingXMLWhitespace()
            throw InputError(path: spec, reason: "git cannot show it" + (text.isEmpty ? "" : " (\(Escaping.terminal(String(text.prefix(200)))))"))
        }
        return [UInt8](data)
    }
}
