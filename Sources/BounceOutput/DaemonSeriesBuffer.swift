/// The samples of one family, with series whose label values end up identical once capped and
/// escaped merged into one: counters add up, gauges keep the largest value.
///
/// Every value is canonical already (`MetricsLabel`), so this is a safety net: a duplicate series
/// would make node_exporter reject the whole textfile.
struct DaemonSeriesBuffer {
    let type: PrometheusText.MetricType
    private(set) var series: [(labels: [(name: String, value: String)], value: Int)] = []
    private var index: [String: Int] = [:]

    init(type: PrometheusText.MetricType) {
        self.type = type
    }

    mutating func add(_ labels: [(String, String)], _ value: Int) {
        let key = labels.map { "\($0.0)=\(PrometheusText.labelValue($0.1))" }
            .joined(separator: "\u{0}")
        if let existing = index[key] {
            let old = series[existing].value
            series[existing].value = type == .counter ? old + value : Swift.max(old, value)
        } else {
            index[key] = series.count
            series.append((labels.map { (name: $0.0, value: $0.1) }, value))
        }
    }
}
