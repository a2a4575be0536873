/// Why alert state could not be restored from checkpoint lines.
public struct AlertRestoreError: Error, Equatable, CustomStringConvertible {
    /// The 1-based line that is wrong, 0 for the whole text.
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String {
        line > 0 ? "alert state, line \(line): \(reason)" : "alert state: \(reason)"
    }
}
