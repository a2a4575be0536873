import BounceCore

/// Renders the MTA's queue as one JSON document (`bouncewatch queue --format json`).
///
/// Keys: `mta`, `directory`, `read_at` (seconds since the epoch), `queues` (per queue:
/// `messages`, `recipients`, `bytes`, `oldest_age_seconds` or null, `ages` in the buckets of
/// `age_bounds_seconds` plus one older), `oldest_age_seconds`, `deferred_by_cause`,
/// `deferred` (rows: `destination`, `provider` or null, `cause`, `recipients`, `ages`),
/// `skipped_records`, `problems`.
public enum QueueJSONRenderer {
    public static func render(_ summary: QueueSummary, where directory: String, destinations: Int)
        -> String
    {
        var json = JSONWriter()
        json.beginObject()
        json.field("mta", summary.mta.identifier)
        json.field("directory", directory)
        json.field("read_at", Int(summary.now))
        json.key("age_bounds_seconds")
        json.beginArray()
        for bound in QueueSummary.ageBounds { json.value(Int(bound)) }
        json.endArray()
        json.key("queues")
        json.beginObject()
        for queue in QueueName.reported(for: summary.mta) {
            let counts = summary.counts(queue)
            json.key(queue.identifier)
            json.beginObject()
            json.field("messages", counts.messages)
            json.field("recipients", counts.recipients)
            json.field("bytes", Int(counts.bytes))
            json.field("oldest_age_seconds", counts.oldestArrival.map { Int(summary.now - $0) })
            json.key("ages")
            json.beginArray()
            for count in counts.ages { json.value(count) }
            json.endArray()
            json.endObject()
        }
        json.endObject()
        json.field("oldest_age_seconds", summary.oldestArrival.map { Int(summary.now - $0) })
        json.key("deferred_by_cause")
        json.beginObject()
        for (cause, recipients) in summary.deferredByCause() {
            json.field(cause.identifier, recipients)
        }
        json.endObject()
        json.key("deferred")
        json.beginArray()
        for row in summary.deferredRows(limit: destinations) {
            json.beginObject()
            json.field("destination", row.destination)
            json.field("provider", row.provider)
            json.field("cause", row.cause.identifier)
            json.field("recipients", row.total)
            json.key("ages")
            json.beginArray()
            for count in row.ages { json.value(count) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.field("skipped_records", summary.problems.skipped)
        json.key("problems")
        json.beginArray()
        for message in summary.problems.messages { json.value(message) }
        json.endArray()
        json.endObject()
        return json.string + "\n"
    }
}
