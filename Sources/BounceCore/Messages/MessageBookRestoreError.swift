/// Why the message state could not be restored from checkpoint lines: which line (1-based; 0
/// for the lines as a whole) and what was wrong with it.
public struct MessageBookRestoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String {
        line > 0 ? "message state, line \(line): \(reason)" : "message state: \(reason)"
    }
}
