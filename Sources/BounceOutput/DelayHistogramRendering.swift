import BounceCore

/// The samples of `bouncewatch_delivery_delay_seconds`: for each series, a cumulative
/// `_bucket` per bound (`le`, then `+Inf`), `_sum` in seconds and `_count`.
enum DelayHistogramRendering {
    /// The `le` label values, `+Inf` last.
    static let bucketLabels = MetricsSnapshot.delayBucketBounds.map(String.init) + ["+Inf"]

    static func append(
        _ series: [MetricsSnapshot.DelaySeries], name: String, to output: inout String
    ) {
        for entry in series {
            let labels = [("status", entry.status.identifier), ("provider", entry.provider)]
            var cumulative = 0
            for (le, count) in zip(bucketLabels, entry.buckets) {
                cumulative += count
                PrometheusText.appendSample(
                    to: &output, name: name + "_bucket",
                    labels: labels.map { (name: $0.0, value: $0.1) } + [(name: "le", value: le)],
                    value: cumulative)
            }
            PrometheusText.appendSample(
                to: &output, name: name + "_sum", labels: labels.map { (name: $0.0, value: $0.1) },
                text: seconds(entry.sumMillis))
            PrometheusText.appendSample(
                to: &output, name: name + "_count",
                labels: labels.map { (name: $0.0, value: $0.1) }, value: cumulative)
        }
    }

    /// Milliseconds as seconds with three decimals (`12.345`), exactly.
    static func seconds(_ millis: Int) -> String {
        let fraction = millis % 1000
        let digits = String(fraction)
        return "\(millis / 1000).\(String(repeating: "0", count: 3 - digits.count))\(digits)"
    }
}
