import Foundation

/// Why an output could not be written. Nothing is left half-written when this is thrown.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}

/// Writes files so that readers only ever see a complete old file or a complete new one.
///
/// The bytes go to a new temporary file in the same folder (created exclusively, mode 0644), are flushed to
/// disk, and the file is renamed over the target: rename is atomic within a file system. On any failure the
/// temporary file is removed and the target is untouched. Staging and committing apart lets a build put several
/// files in place only once all of them are written.
public enum AtomicFileWriter {
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        try stage(bytes, for: path).commit()
    }

    /// A complete file beside its target under a temporary name, flushed to disk, not yet in place.
    public struct StagedFile: Sendable {
        public let path: String
        let temporary: String

        /// Moves the file into place: atomic within a file system.
        public func commit() throws(OutputError) {
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw OutputError(path: path, reason: "cannot be written (\(reason)); nothing was changed")
            }
        }

        /// Removes the file; the target is untouched.
        public func discard() {
            unlink(temporary)
        }
    }

    /// Writes `bytes` for `path` without touching `path` yet: `commit()` puts them in place.
    public static func stage(_ bytes: [UInt8], for path: String) throws(OutputError) -> StagedFile {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + name + ".XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw OutputError(path: path, reason: "cannot create a file in \(folder.isEmpty ? "." : folder) (\(String(cString: strerror(errno))))") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: String?
        fchmod(descriptor, 0o644)
        // FileHandle writes the array as it is (no copy), retrying short writes, and `synchronize` is fsync.
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        do {
            try file.write(contentsOf: bytes)
            try file.synchronize()
        } catch {
            failure = Self.reason(error)
        }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw OutputError(path: path, reason: "cannot be written (\(failure)); nothing was changed")
        }
        return StagedFile(path: path, temporary: temporary)
    }

    /// The C library's words for a failed write (FileHandle's error wraps the POSIX one), or Foundation's.
    private static func reason(_ error: Error) -> String {
        let failure = error as NSError
        if let underlying = failure.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if failure.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(failure.code))) }
        return failure.localizedDescription
    }
}
