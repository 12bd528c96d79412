// Preview: what tells `brief preview` that a brief's files were saved. It polls the files' metadata (no inotify, no
// other dependency): it never reads a file's bytes, and it watches only what the inputs resolved.
import Foundation

/// The files of a brief as they stood when last looked at: enough of each file's metadata to see a save, whether the
/// editor wrote in place (size, modification time) or replaced the file (its inode).
public struct InputStamp: Sendable, Equatable {
    /// One file's stamp; `missing` when it could not be looked at (deleted, or not yet created).
    public enum FileStamp: Sendable, Equatable {
        case missing
        case present(size: UInt64, modified: Date, inode: UInt64)
    }

    /// Each watched path's stamp, by path.
    public var files: [String: FileStamp]

    /// A stamp of the given files.
    public init(files: [String: FileStamp]) {
        self.files = files
    }

    /// Looks at each path now.
    public static func take(_ paths: Set<String>) -> InputStamp {
        var files: [String: FileStamp] = [:]
        for path in paths { files[path] = stamp(of: path) }
        return InputStamp(files: files)
    }

    /// A file's stamp, from its metadata alone.
    static func stamp(of path: String) -> FileStamp {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return .missing }
        let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        let modified = attributes[.modificationDate] as? Date ?? .distantPast
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        return .present(size: size, modified: modified, inode: inode)
    }
}

/// Polls a set of paths every `interval` and reports when any of them changed since the last look.
public struct InputWatcher: Sendable {
    /// How often the files are looked at.
    public var interval: Duration

    /// A watcher that looks every `interval`.
    public init(interval: Duration = .milliseconds(300)) {
        self.interval = interval
    }

    /// Calls `changed` each time the stamp of `paths()` differs from the previous one, until the task is cancelled.
    /// `paths` is asked again on every poll: a rebuild may name other files (a manifest pointed at another list).
    public func watch(paths: @Sendable () async -> Set<String>, changed: @Sendable () async -> Void) async {
        var last = InputStamp.take(await paths())
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let now = InputStamp.take(await paths())
            if now != last {
                // The stamp from before the rebuild is the baseline, so that a save during the rebuild is seen on the
                // next poll. A rebuild that names other files differs from it too, and rebuilds once more.
                last = now
                await changed()
            }
        }
    }
}
