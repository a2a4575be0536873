import BounceCore

extension ConfigRenderer {
    /// `queue:`, written only when the file has one (absent, no queue is read).
    static func renderQueue(_ queue: QueueConfig, into out: inout YAMLLines) {
        out.comment("The MTA's live queue, read for the textfile's queue gauges.")
        out.key("queue", "")
        out.key("mta", queue.mta?.identifier ?? "auto", depth: 1)
        out.key("directory", queue.directory.map(YAMLText.scalar) ?? "null", depth: 1)
        out.key("interval", DurationText.text(queue.intervalSeconds), depth: 1)
        out.key("top_destinations", "\(queue.topDestinations)", depth: 1)
    }
}
