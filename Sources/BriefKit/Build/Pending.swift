import Dispatch
import Foundation

/// A value being computed on another core; reading `value` waits for it.
///
/// Used to run a build's independent steps at once. Each step is started after the steps it reads, so a step waits
/// only for work already running, never for work queued behind it.
final class Pending<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    private let lock = NSLock()
    private var result: Value?
    private let work: @Sendable () -> Value

    init(_ work: @escaping @Sendable () -> Value) {
        self.work = work
        done.enter()
        DispatchQueue.global().async {
            let value = work()
            self.lock.withLock { self.result = value }
            self.done.leave()
        }
    }

    var value: Value {
        done.wait()
        // Set before `done` is left; computing it here again would only be a fallback that cannot be reached.
        return lock.withLock { result } ?? work()
    }
}
