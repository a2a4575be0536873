/// The queue figures the daemon's textfile shows, taken from the last reading of the queue:
/// small, fixed in size by the configuration (`queue.top_destinations`), and comparable, so an
/// unchanged queue leaves the textfile as it was.
public struct QueueGauges: Sendable, Equatable {
    /// Figures for one queue.
    public struct Queue: Sendable, Equatable {
        public var name: QueueName
        public var messages: Int
        public var recipients: Int
        public var bytes: Int64
        /// Seconds since the oldest message arrived; 0 when the queue is empty.
        public var oldestAgeSeconds: Int64
        /// Messages younger than each of `QueueSummary.ageBounds`, then all of them: cumulative,
        /// as a histogram's buckets are.
        public var cumulativeAges: [Int]
    }

    public var mta: MTA
    /// Whether the last reading succeeded.
    public var up: Bool
    /// When the queue was last read successfully, seconds since the epoch; nil before.
    public var readAt: Int64?
    /// Records skipped as unreadable at the last reading.
    public var skippedRecords: Int
    public var queues: [Queue]
    /// Deferred recipients by destination (top N, then `other`), provider and cause.
    public var deferred: [QueueSummary.DeferredRow]

    /// The figures of a reading that failed: nothing is known but that.
    public static func down(mta: MTA) -> QueueGauges {
        QueueGauges(mta: mta, up: false, readAt: nil, skippedRecords: 0, queues: [], deferred: [])
    }

    public init(
        mta: MTA, up: Bool, readAt: Int64?, skippedRecords: Int, queues: [Queue],
        deferred: [QueueSummary.DeferredRow]
    ) {
        self.mta = mta
        self.up = up
        self.readAt = readAt
        self.skippedRecords = skippedRecords
        self.queues = queues
        self.deferred = deferred
    }

    /// The figures of `summary`, the deferred table cut to `topDestinations`.
    public init(_ summary: QueueSummary, topDestinations: Int) {
        mta = summary.mta
        up = true
        readAt = summary.now
        skippedRecords = summary.problems.skipped
        queues = QueueName.reported(for: summary.mta).map { name in
            let counts = summary.counts(name)
            var running = 0
            let cumulative = counts.ages.map { count -> Int in
                running += count
                return running
            }
            return Queue(
                name: name, messages: counts.messages, recipients: counts.recipients,
                bytes: counts.bytes,
                oldestAgeSeconds: counts.oldestArrival.map { max(0, summary.now - $0) } ?? 0,
                cumulativeAges: cumulative)
        }
        deferred = summary.deferredRows(limit: topDestinations)
    }
}
