#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read.
public struct FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What stood in the way.
    public enum Reason: Sendable, Equatable {
        /// Nothing is at the path (or a folder on the way is missing).
        case notFound
        /// The path names a folder.
        case folder
        /// The path names something other than a regular file: a pipe, a socket or a device.
        case notRegularFile
        /// The file exists but cannot be opened (`errno`: permissions, say).
        case cannotOpen(errno: Int32)
        /// Reading failed part way (`errno`).
        case readFailed(errno: Int32)
    }

    /// The path as given.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// The reason in words, to follow the path: `no such file`, `is a folder`...
    public var explanation: String {
        switch reason {
        case .notFound: "no such file"
        case .folder: "is a folder"
        case .notRegularFile: "is not a regular file (a pipe or a device, say)"
        case .cannotOpen(let code): "cannot be opened for reading (\(FileBytes.describe(code)))"
        case .readFailed(let code): "cannot be read (\(FileBytes.describe(code)))"
        }
    }

    public var description: String { "\(path): \(explanation)" }
}

/// Reads untrusted files: regular files only, opened read-only, never more than a limit.
///
/// The one place where brief calls the C library to read a file. Opening does not block (so that a FIFO cannot
/// make it wait for a writer), and what is opened is checked to be a regular file before a byte is read.
public enum FileBytes {
    /// Reads the file at `path`, at most `limit + 1` bytes of it: more than `limit` bytes means the file is larger
    /// than the limit, without reading the rest.
    ///
    /// The bytes are read straight into the array, sized from the file's length (no intermediate copy).
    public static func read(path: String, limit: Int) throws(FileReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: throw FileReadError(path: path, reason: .notFound)
            default: throw FileReadError(path: path, reason: .cannotOpen(errno: code))
            }
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FileReadError(path: path, reason: .readFailed(errno: errno))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileReadError(path: path, reason: .folder)
        default: throw FileReadError(path: path, reason: .notRegularFile)
        }
        let wanted = limit < Int.max ? max(0, limit) + 1 : Int.max
        let length = status.st_size > 0 ? Int(status.st_size) : 0
        var failure: Int32 = 0
        var ended = false
        /// Reads until `buffer` is full, the file ends, or reading fails.
        func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ count: inout Int) {
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < buffer.count {
                let got = systemRead(descriptor, base + count, buffer.count - count)
                if got < 0, errno == EINTR { continue }
                if got < 0 { failure = errno; return }
                if got == 0 { ended = true; return }
                count += got
            }
        }
        // One more byte than the length, so that meeting the end needs no second buffer.
        var bytes = [UInt8](unsafeUninitializedCapacity: min(wanted, length + 1)) { fill($0, &$1) }
        // The file was longer than its length said (it grew): read on in chunks.
        while failure == 0, !ended, bytes.count < wanted {
            let chunk = [UInt8](unsafeUninitializedCapacity: min(wanted - bytes.count, 1 << 20)) { fill($0, &$1) }
            bytes.append(contentsOf: chunk)
        }
        if failure != 0 { throw FileReadError(path: path, reason: .readFailed(errno: failure)) }
        return bytes
    }

    /// The C library's words for an `errno` value.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// `read(2)` (inside `FileBytes`, `read` is its own method).
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
