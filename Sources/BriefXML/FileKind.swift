import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names, without following a symbolic link at its end (`lstat`): how brief walks folders and a
/// manifest's paths without being led out of them.
public enum FileKind: Sendable, Equatable {
    case missing, regular, folder, symbolicLink
    /// A pipe, a device or a socket: never read.
    case other

    public init(at path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            self = .missing
            return
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }

    /// What the path leads to, following symbolic links (`stat`).
    public static func following(_ path: String) -> FileKind {
        var status = stat()
        guard stat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .folder
        default: return .other
        }
    }
}
