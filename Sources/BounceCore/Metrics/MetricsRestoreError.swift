/// Why metrics checkpoint lines were refused: which line (1-based; 0 for the text as a whole)
/// and what was wrong with it. A refused checkpoint changes nothing.
public struct MetricsRestoreError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String {
        line > 0
            ? "metrics checkpoint, line \(line): \(reason)" : "metrics checkpoint: \(reason)"
    }
}
