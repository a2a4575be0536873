/// Everything the daemon needs to continue exactly where it stopped: where each source stands,
/// the metrics counters, the alert engine's state, the digest and the message state, all taken
/// at the same instant.
///
/// Plain data with a versioned text form (`encoded`, `init(decoding:)`); the daemon writes it
/// in one atomic step, so after a crash positions and counters roll back together.
public struct Checkpoint: Equatable, Sendable {
    /// When it was written, in Unix seconds.
    public var writtenAt: Int64
    /// Where each source stands, by source name.
    public var sources: [String: SourceCheckpoint]
    /// The metrics store's own lines (`MetricsStore.checkpointLines()`), kept as they are.
    public var metrics: [String]
    /// The alert engine's own lines, kept as they are; empty until alerting runs.
    public var alerts: [String]
    /// The digest's counters and cursor (`DigestLedger.checkpointLines()`); empty when no
    /// digest is configured, and then no `digest` section is written at all, so the file is
    /// the one a build without the digest writes and reads.
    public var digest: [String] = []
    /// The message state (`MessageBook.checkpointLines()`): what earlier lines said of each
    /// message still queued. Written only when there is some, like `digest`.
    public var messages: [String] = []

    public init(
        writtenAt: Int64, sources: [String: SourceCheckpoint] = [:], metrics: [String] = [],
        alerts: [String] = []
    ) {
        self.writtenAt = writtenAt
        self.sources = sources
        self.metrics = metrics
        self.alerts = alerts
    }
}

/// Where one source stands.
///
/// A source listed with no position has been started before: whatever appears for it now is
/// new, so it is read from its start, whatever `start_at` says (that only applies once, to a
/// source never seen).
public enum SourceCheckpoint: Equatable, Sendable {
    /// A file or glob source: the position in each followed file, by path.
    case files([String: FilePosition])
    /// A journal source: the cursor of the last entry read or passed over.
    case journal(cursor: String?)
}
