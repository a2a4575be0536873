import BounceCore

/// The text and JSON of the scan report's delivery delays (`ScanReport.deliveryDelays`).
enum DelaySectionRendering {
    /// `Delivery delay` with a row per final status: count, median, 95th percentile; empty when
    /// no outcome had a known delay (most Exim logs, whose delivery lines carry none).
    static func text(_ summaries: [DelaySummary]) -> String {
        guard summaries.contains(where: { $0.count > 0 }) else { return "" }
        var table = TextTable([
            ("Status", .left), ("Count", .right), ("Median", .right), ("p95", .right),
        ])
        for summary in summaries {
            table.add([
                summary.status.identifier, "\(summary.count)",
                summary.medianMillis.map(duration) ?? "-", summary.p95Millis.map(duration) ?? "-",
            ])
        }
        return "Delivery delay (arrival to final outcome)\n" + table.render()
    }

    /// `{"sent": {"count": N, "median_seconds": S|null, "p95_seconds": S|null}, "bounced": ...,
    /// "expired": ...}`: every final status, seconds with millisecond resolution.
    static func write(_ summaries: [DelaySummary], to json: inout JSONWriter) {
        json.beginObject()
        for summary in summaries {
            json.key(summary.status.identifier)
            json.beginObject()
            json.field("count", summary.count)
            for (key, millis) in [
                ("median_seconds", summary.medianMillis), ("p95_seconds", summary.p95Millis),
            ] {
                json.key(key)
                if let millis {
                    json.value(Double(millis) / 1000)
                } else {
                    json.null()
                }
            }
            json.endObject()
        }
        json.endObject()
    }

    /// A delay for people, to about the histogram's resolution (3%, `DelayHistogram`): `0.46s`
    /// under a second, `1.8s` under ten, then whole seconds (`42s`), `3m 12s`, `5h 4m`, `2d 3h`.
    static func duration(_ millis: Int32) -> String {
        let value = Int(Swift.max(millis, 0))
        if value < 995 {
            let hundredths = (value + 5) / 10
            return "0.\(hundredths < 10 ? "0" : "")\(hundredths)s"
        }
        if value < 9950 {
            let tenths = (value + 50) / 100
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let seconds = (value + 500) / 1000
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3600: return "\(seconds / 60)m \(seconds % 60)s"
        case ..<86400: return "\(seconds / 3600)h \(seconds % 3600 / 60)m"
        default: return "\(seconds / 86400)d \(seconds % 86400 / 3600)h"
        }
    }
}
