import BounceCore

/// The queue families of the daemon's textfile, written after the others when `queue:` is
/// configured (none at all when it is not).
///
/// Every family is written on each render, with HELP and TYPE even when the reading failed
/// and only `bouncewatch_queue_up 0` has a sample. Label values that come from outside
/// (destinations) are made canonical (`MetricsLabel`) and escaped by `PrometheusText`.
public enum QueuePrometheusRenderer {
    /// The families, in the order they are written.
    public enum Family: String, CaseIterable, Sendable {
        case up = "bouncewatch_queue_up"
        case readTimestamp = "bouncewatch_queue_read_timestamp_seconds"
        case skippedRecords = "bouncewatch_queue_skipped_records"
        case messages = "bouncewatch_queue_messages"
        case recipients = "bouncewatch_queue_recipients"
        case bytes = "bouncewatch_queue_bytes"
        case oldestAge = "bouncewatch_queue_oldest_age_seconds"
        case ageMessages = "bouncewatch_queue_age_messages"
        case deferredRecipients = "bouncewatch_queue_deferred_recipients"

        /// The fixed HELP text.
        public var help: String {
            switch self {
            case .up: "Whether the MTA's queue could be read at the last attempt (1) or not (0)."
            case .readTimestamp: "Unix time of the last successful reading of the queue."
            case .skippedRecords:
                "Queue records (showq records, Exim spool files) that could not be read at the"
                    + " last reading."
            case .messages: "Messages in each queue at the last reading."
            case .recipients: "Recipients still to be delivered in each queue."
            case .bytes: "Bytes of the messages in each queue."
            case .oldestAge: "Seconds since the oldest message of each queue arrived (0: empty)."
            case .ageMessages:
                "Messages in each queue that arrived less than younger_than seconds ago (cumulative)."
            case .deferredRecipients:
                "Recipients in the deferred queue by destination (top N, then other), provider"
                    + " and the cause of their last deferral."
            }
        }
    }

    /// Appends the queue families for `gauges` to `output`.
    public static func append(_ gauges: QueueGauges, to output: inout String) {
        let mta = ("mta", gauges.mta.identifier)
        for family in Family.allCases {
            PrometheusText.appendFamily(
                to: &output, name: family.rawValue, type: .gauge, help: family.help)
            let name = family.rawValue
            switch family {
            case .up:
                PrometheusText.appendSample(
                    to: &output, name: name, labels: [mta], value: gauges.up ? 1 : 0)
            case .readTimestamp:
                if let readAt = gauges.readAt {
                    PrometheusText.appendSample(
                        to: &output, name: name, labels: [mta], value: Int(readAt))
                }
            case .skippedRecords:
                if gauges.up {
                    PrometheusText.appendSample(
                        to: &output, name: name, labels: [mta], value: gauges.skippedRecords)
                }
            case .messages, .recipients, .bytes, .oldestAge:
                for queue in gauges.queues {
                    let value =
                        switch family {
                        case .messages: queue.messages
                        case .recipients: queue.recipients
                        case .bytes: Int(queue.bytes)
                        default: Int(queue.oldestAgeSeconds)
                        }
                    PrometheusText.appendSample(
                        to: &output, name: name, labels: [mta, ("queue", queue.name.identifier)],
                        value: value)
                }
            case .ageMessages:
                for queue in gauges.queues {
                    for (index, count) in queue.cumulativeAges.enumerated() {
                        let bound =
                            index < QueueSummary.ageBounds.count
                            ? "\(QueueSummary.ageBounds[index])" : "+Inf"
                        PrometheusText.appendSample(
                            to: &output, name: name,
                            labels: [
                                mta, ("queue", queue.name.identifier), ("younger_than", bound),
                            ],
                            value: count)
                    }
                }
            case .deferredRecipients:
                for row in gauges.deferred {
                    PrometheusText.appendSample(
                        to: &output, name: name,
                        labels: [
                            ("destination", MetricsLabel.canonical(row.destination)),
                            ("provider", MetricsLabel.canonical(row.provider ?? "other")),
                            ("cause", row.cause.identifier),
                        ], value: row.total)
                }
            }
        }
    }
}
