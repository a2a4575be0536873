/// The daemon's own health figures for the textfile, gathered by the daemon loop at each write.
public struct DaemonHealth: Sendable, Equatable {
    /// Whether one configured source could be read at the last attempt.
    public struct SourceHealth: Sendable, Equatable {
        /// The `source` label value, the same name the daemon passes to `MetricsStore`.
        public var name: String
        public var up: Bool
        /// Rotated files whose unread lines could not be found, since the daemon started.
        public var lostFiles: Int

        public init(name: String, up: Bool, lostFiles: Int = 0) {
            self.name = name
            self.up = up
            self.lostFiles = lostFiles
        }
    }

    /// Alert notifications handed to one notifier, by result (e.g. `sent`, `failed`).
    public struct NotificationCount: Sendable, Equatable {
        public var notifier: String
        public var result: String
        /// Monotonic since the daemon started (or since the count was last restored).
        public var count: Int

        public init(notifier: String, result: String, count: Int) {
            self.notifier = notifier
            self.result = result
            self.count = count
        }
    }

    public var sources: [SourceHealth]
    /// Epoch seconds of the last checkpoint written; nil before the first.
    public var checkpointTime: Int64?
    /// Epoch seconds when the daemon started.
    public var startTime: Int64
    /// Firing alert groups by rule name; rules with none may be given with 0 so the series
    /// stays.
    public var alertsFiring: [String: Int]
    public var notifications: [NotificationCount]

    public init(
        sources: [SourceHealth] = [], checkpointTime: Int64? = nil, startTime: Int64,
        alertsFiring: [String: Int] = [:], notifications: [NotificationCount] = []
    ) {
        self.sources = sources
        self.checkpointTime = checkpointTime
        self.startTime = startTime
        self.alertsFiring = alertsFiring
        self.notifications = notifications
    }
}
