/// `queue:`: reading the MTA's live queue for the textfile's queue gauges.
///
/// Absent from the configuration file, the daemon reads no queue.
public struct QueueConfig: Sendable, Equatable {
    /// Which MTA's queue; nil decides by the default directories (Postfix first).
    public var mta: MTA?
    /// Postfix's queue directory or Exim's spool directory; nil is the MTA's Debian default.
    public var directory: String?
    /// Seconds between two readings of the queue.
    public var intervalSeconds: Int
    /// Destinations of the deferred queue that get series of their own; the rest are `other`.
    public var topDestinations: Int

    public static let defaultInterval = 60
    public static let defaultTopDestinations = 10

    public init(
        mta: MTA? = nil, directory: String? = nil,
        intervalSeconds: Int = QueueConfig.defaultInterval,
        topDestinations: Int = QueueConfig.defaultTopDestinations
    ) {
        self.mta = mta
        self.directory = directory
        self.intervalSeconds = intervalSeconds
        self.topDestinations = topDestinations
    }
}
