import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output file could not be written. Nothing is left half-written when this is thrown.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// A file written so that readers only ever see a complete old file or a complete new one.
///
/// The bytes go to a new temporary file in the target's folder (created exclusively, mode 0644) as they come, are
/// flushed to disk by `finish()`, and the file is renamed over the target by `commit()`: rename is atomic within a
/// file system. On any failure the temporary file is removed and the target is untouched. Staging and committing
/// apart lets a build put several files in place only once all of them are written.
public final class StagingFile {
    public let path: String
    private let temporary: String
    private let descriptor: Int32
    private var failure: String?
    /// Whether the descriptor is still open and the temporary file still owned here.
    private var isOpen = true

    /// Creates the temporary file beside `path`.
    public init(for path: String) throws(FileWriteError) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + name + ".XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else {
            throw FileWriteError(path: path, reason: "cannot create a file in \(folder.isEmpty ? "." : folder) (\(String(cString: strerror(errno))))")
        }
        fchmod(descriptor, 0o644)
        self.path = path
        self.temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.descriptor = descriptor
    }

    /// Appends bytes. A failure is kept and thrown by `finish()`.
    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends a text's UTF-8, without copying it.
    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    private func append(_ raw: UnsafeRawBufferPointer) {
        guard failure == nil, let base = raw.baseAddress else { return }
        var written = 0
        while written < raw.count {
            let result = Glibc.write(descriptor, base + written, raw.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            written += result
        }
    }

    /// Flushes the file to disk and closes it: a complete file, not yet in place.
    public func finish() throws(FileWriteError) -> StagedFile {
        guard isOpen else { throw FileWriteError(path: path, reason: "internal error: finished twice") }
        isOpen = false
        var failure = self.failure
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw FileWriteError(path: path, reason: "cannot be written (\(failure)); nothing was changed")
        }
        return StagedFile(path: path, temporary: temporary)
    }

    /// Closes and removes the file; the target is untouched.
    public func abandon() {
        guard isOpen else { return }
        isOpen = false
        close(descriptor)
        unlink(temporary)
    }

    deinit {
        // Dropped without `finish()` (a writer threw): nothing may be left behind.
        abandon()
    }
}

/// A complete file beside its target under a temporary name, flushed to disk, not yet in place.
public struct StagedFile: Sendable {
    public let path: String
    let temporary: String

    /// Moves the file into place: atomic within a file system.
    public func commit() throws(FileWriteError) {
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FileWriteError(path: path, reason: "cannot be written (\(reason)); nothing was changed")
        }
    }

    /// Removes the file; the target is untouched.
    public func discard() {
        unlink(temporary)
    }
}
