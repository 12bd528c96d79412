/// Why a typesetting operation failed: what was being done, and what Cairo or Pango said.
public enum TypesettingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A Cairo call left a surface or context in an error status (`status` is Cairo's own message).
    case cairo(operation: String, status: String)
    /// A Pango or GLib object could not be created.
    case pango(operation: String)
    /// An argument is out of range (a zero page size, a negative width...).
    case invalidArgument(operation: String, reason: String)
    /// The canvas was used after `finish()`, or a page call came out of order.
    case invalidState(operation: String, reason: String)

    public var description: String {
        switch self {
        case .cairo(let operation, let status): "cairo: \(operation) failed: \(status)"
        case .pango(let operation): "pango: \(operation) failed"
        case .invalidArgument(let operation, let reason): "\(operation): invalid argument: \(reason)"
        case .invalidState(let operation, let reason): "\(operation): \(reason)"
        }
    }
}
