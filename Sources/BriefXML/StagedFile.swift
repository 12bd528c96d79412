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
        // A replaced file keeps its mode (a `chmod 600` on a restricted edition survives a rebuild); a new one gets
        // what the umask allows, as any file a program creates.
        var existing = stat()
        let mode = stat(path, &existing) == 0 && existing.st_mode & S_IFMT == S_IFREG
            ? existing.st_mode & 0o7777 : 0o666 & ~Self.umask
        fchmod(descriptor, mode)
        self.path = path
        self.temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.descriptor = descriptor
    }

    /// The process's umask, read without changing it (`umask(2)` can only be read by setting it, which would race
    /// with other threads creating files).
    static let umask: mode_t = {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        for line in status.split(separator: "\n") where line.hasPrefix("Umask:") {
            if let value = mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8) { return value }
        }
        return 0o022
    }()

    /// Removes what an interrupted build left beside `path`: staged files (`.NAME.XXXXXX`) and kept copies of
    /// replaced files (`.NAME.XXXXXX.old`), which only a build of the same target makes.
    public static func removeLeftovers(for path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = "." + (path as NSString).lastPathComponent + "."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let suffix = name.dropFirst(prefix.count)
            let random = suffix.hasSuffix(".old") ? suffix.dropLast(4) : suffix
            guard random.count == 6, random.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { continue }
            let leftover = folder.isEmpty ? name : folder + "/" + name
            if FileKind(at: leftover) == .regular { unlink(leftover) }
        }
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
        try Self.commit([self])
    }

    /// Removes the file; the target is untouched.
    public func discard() {
        unlink(temporary)
    }

    /// Puts every file in place, or none: a target that is replaced is kept aside first (hard-linked), and when
    /// any rename fails the targets already replaced get their old files back and new ones are removed. The
    /// staged files are gone either way.
    public static func commit(_ files: [StagedFile]) throws(FileWriteError) {
        // A target that is a folder (or anything but a regular file) fails the whole commit before any change.
        for file in files {
            switch FileKind(at: file.path) {
            case .missing, .regular: continue
            default:
                files.forEach { $0.discard() }
                throw FileWriteError(path: file.path, reason: "is not a regular file; no output was changed")
            }
        }
        var kept: [String?] = []
        for file in files {
            guard FileKind(at: file.path) == .regular else {
                kept.append(nil)
                continue
            }
            let copy = file.temporary + ".old"
            guard link(file.path, copy) == 0 else {
                let reason = String(cString: strerror(errno))
                kept.compactMap { $0 }.forEach { unlink($0) }
                files.forEach { $0.discard() }
                throw FileWriteError(path: file.path, reason: "cannot be replaced safely (\(reason)); no output was changed")
            }
            kept.append(copy)
        }
        for (index, file) in files.enumerated() where rename(file.temporary, file.path) != 0 {
            let reason = String(cString: strerror(errno))
            var unrestored: [String] = []
            for (earlier, copy) in zip(files[..<index], kept) {
                let restored = copy.map { rename($0, earlier.path) == 0 } ?? (unlink(earlier.path) == 0)
                if !restored { unrestored.append(earlier.path) }
            }
            files[index...].forEach { $0.discard() }
            kept[index...].compactMap { $0 }.forEach { unlink($0) }
            let outcome = unrestored.isEmpty ? "no output was changed"
                : "these outputs are new and could not be put back: \(unrestored.joined(separator: ", "))"
            throw FileWriteError(path: file.path, reason: "cannot be written (\(reason)); \(outcome)")
        }
        kept.compactMap { $0 }.forEach { unlink($0) }
    }
}
