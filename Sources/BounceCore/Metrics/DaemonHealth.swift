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

    /// What the message state holds and dropped (`bouncewatch_message_state_*`).
    public struct MessageState: Sendable, Equatable {
        /// Messages held now.
        public var messages: Int
        /// Messages dropped while full: past the maximum age, and the oldest by the limit.
        public var evictedByAge: Int
        public var evictedByLimit: Int
        /// Names that did not fit in the name table.
        public var namesOverflowed: Int

        public init(
            messages: Int = 0, evictedByAge: Int = 0, evictedByLimit: Int = 0,
            namesOverflowed: Int = 0
        ) {
            self.messages = messages
            self.evictedByAge = evictedByAge
            self.evictedByLimit = evictedByLimit
            self.namesOverflowed = namesOverflowed
        }

        /// The figures of `book` now.
        public init(_ book: MessageBook) {
            self.init(
                messages: book.count, evictedByAge: book.evictedByAge,
                evictedByLimit: book.evictedByLimit, namesOverflowed: book.names.overflowed)
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
    public var messageState: MessageState

    public init(
        sources: [SourceHealth] = [], checkpointTime: Int64? = nil, startTime: Int64,
        alertsFiring: [String: Int] = [:], notifications: [NotificationCount] = [],
        messageState: MessageState = MessageState()
    ) {
        self.sources = sources
        self.checkpointTime = checkpointTime
        self.startTime = startTime
        self.alertsFiring = alertsFiring
        self.notifications = notifications
        self.messageState = messageState
    }
}
