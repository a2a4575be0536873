import Foundation

/// Collects the dispatcher's log lines across threads.
final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []

    var log: @Sendable (String) -> Void {
        { [self] line in
            lock.lock()
            collected.append(line)
            lock.unlock()
        }
    }

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}

/// Polls `condition` every 20 ms for up to `seconds`; true when it became true.
func eventually(seconds: Double = 15, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}
