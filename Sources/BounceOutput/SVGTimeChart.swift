import BounceCore

/// A stacked column chart over time as inline SVG: one `<g class="series">` per series, one
/// column per bucket, each series' counts stacked in the order given (the first at the bottom).
///
/// The drawing scales with the page (`viewBox`, no fixed size); every rectangle has a `<title>`
/// (bucket, series, count) that browsers show on hover.
struct SVGTimeChart {
    struct Series {
        var name: String
        var color: String
        var counts: [Int]
    }

    var title: String
    var bucketStarts: [LogInstant]
    var bucketSeconds: Int
    var series: [Series]

    private static let width = 640.0
    private static let height = 240.0
    private static let left = 40.0
    private static let right = 8.0
    private static let top = 12.0
    private static let bottom = 34.0

    func render() -> String {
        let count = bucketStarts.count
        guard count > 0 else { return "" }
        var totals = [Int](repeating: 0, count: count)
        for entry in series {
            for index in 0..<min(count, entry.counts.count) { totals[index] += entry.counts[index] }
        }
        let ceiling = ChartNumber.niceCeiling(totals.max() ?? 1)
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let step = plotWidth / Double(count)
        let barWidth = max(step * 0.86, 0.5)
        let scale = plotHeight / Double(ceiling)
        let baseline = Self.top + plotHeight

        var svg =
            "<svg class=\"chart time\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\""
            + " role=\"img\" aria-label=\"\(HTMLText.escape(title, limit: 2000))\">\n"
            + "<title>\(HTMLText.escape(title, limit: 2000))</title>\n"
        svg += "<g class=\"axis\">\n"
        for tick in ceiling == 1 ? [0, 1] : [0, ceiling / 2, ceiling] {
            let y = ChartNumber.coordinate(baseline - Double(tick) * scale)
            svg +=
                "<line x1=\"\(ChartNumber.coordinate(Self.left))\" y1=\"\(y)\" x2=\"\(ChartNumber.coordinate(Self.width - Self.right))\" y2=\"\(y)\"/>"
                + "<text x=\"\(ChartNumber.coordinate(Self.left - 4))\" y=\"\(y)\" class=\"y\">\(tick)</text>\n"
        }
        let ticks = Self.tickIndices(count)
        for (position, index) in ticks.enumerated() {
            var x = ChartNumber.coordinate(Self.left + (Double(index) + 0.5) * step)
            // The outer labels hug the plot's edges; on a narrow screen only they and the
            // middle one stay.
            var kind = position == ticks.count / 2 ? "x" : "x minor"
            if position == 0 {
                kind = "x first"
                x = ChartNumber.coordinate(Self.left)
            } else if position == ticks.count - 1 {
                kind = "x last"
                x = ChartNumber.coordinate(Self.width - Self.right)
            }
            svg +=
                "<text x=\"\(x)\" y=\"\(ChartNumber.coordinate(baseline + 18))\" class=\"\(kind)\">"
                + "\(label(bucketStarts[index]))</text>\n"
        }
        svg += "</g>\n"
        var stacked = [Int](repeating: 0, count: count)
        for entry in series {
            let name = HTMLText.escape(entry.name, limit: 80)
            svg +=
                "<g class=\"series\" data-series=\"\(name)\" fill=\"\(entry.color)\">"
                + "<title>\(name)</title>\n"
            for index in 0..<min(count, entry.counts.count) where entry.counts[index] > 0 {
                let value = entry.counts[index]
                let x = Self.left + Double(index) * step + (step - barWidth) / 2
                let y = baseline - Double(stacked[index] + value) * scale
                svg +=
                    "<rect x=\"\(ChartNumber.coordinate(x))\" y=\"\(ChartNumber.coordinate(y))\""
                    + " width=\"\(ChartNumber.coordinate(barWidth))\""
                    + " height=\"\(ChartNumber.coordinate(Double(value) * scale))\">"
                    + "<title>\(fullLabel(bucketStarts[index])): \(name) \(value)</title></rect>\n"
                stacked[index] += value
            }
            svg += "</g>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// At most six evenly spread buckets get a label under the axis.
    private static func tickIndices(_ count: Int) -> [Int] {
        guard count > 1 else { return [0] }
        let labels = min(6, count)
        var indices: [Int] = []
        for slot in 0..<labels {
            let index = slot * (count - 1) / max(labels - 1, 1)
            if indices.last != index { indices.append(index) }
        }
        return indices
    }

    /// `Dec 01 10:00`, or `Dec 01` for buckets of a day or more.
    private func label(_ start: LogInstant) -> String {
        let stamp = start.timestamp
        let month = CalendarNames.month(stamp.month) ?? "?"
        let day = Self.pad(stamp.day)
        if bucketSeconds >= 86_400 { return "\(month) \(day)" }
        return "\(month) \(day) \(Self.pad(stamp.hour)):\(Self.pad(stamp.minute))"
    }

    /// `2026-12-01 10:00–11:00 +01:00`.
    private func fullLabel(_ start: LogInstant) -> String {
        let stamp = start.timestamp
        let end = LogInstant(
            unixSeconds: start.unixSeconds + bucketSeconds,
            utcOffsetSeconds: start.utcOffsetSeconds
        ).timestamp
        let offset = start.utcOffsetSeconds
        let minutes = abs(offset) / 60
        return "\(stamp.year ?? 0)-\(Self.pad(stamp.month))-\(Self.pad(stamp.day)) "
            + "\(Self.pad(stamp.hour)):\(Self.pad(stamp.minute))–"
            + "\(Self.pad(end.hour)):\(Self.pad(end.minute)) "
            + "\(offset < 0 ? "-" : "+")\(Self.pad(minutes / 60)):\(Self.pad(minutes % 60))"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
