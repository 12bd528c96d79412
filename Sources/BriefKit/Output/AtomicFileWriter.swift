// Output: files written atomically (through BriefXML's `StagingFile`), never over an input. Nothing here renders.
import BriefXML

/// Why an output could not be written. Nothing is left half-written when this is thrown.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(_ error: FileWriteError) {
        self.init(path: error.path, reason: error.reason)
    }

    public var description: String { "\(path): \(reason)" }
}

/// Writes files so that readers only ever see a complete old file or a complete new one (see `StagingFile`).
public enum AtomicFileWriter {
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        do throws(FileWriteError) {
            let file = try StagingFile(for: path)
            file.append(bytes)
            try file.finish().commit()
        } catch {
            throw OutputError(error)
        }
    }
}
