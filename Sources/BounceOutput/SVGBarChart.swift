import BounceCore

/// Horizontal bars, one row per item: its label, the bar (a small inline SVG) and its value.
/// The rows are HTML, so labels stay legible and wrap on a phone instead of shrinking with the
/// drawing. Labels may come from the log (domain names): they are escaped and cut.
struct SVGBarChart {
    struct Bar {
        var label: String
        /// 0 ... 1 of the bar's full length.
        var fraction: Double
        var valueText: String
        var color: String
    }

    var title: String
    /// Names the chart for tests and styles (`data-chart`).
    var identifier: String
    var bars: [Bar]

    func render() -> String {
        guard !bars.isEmpty else { return "" }
        var html =
            "<div class=\"bars\" data-chart=\"\(identifier)\" role=\"list\""
            + " aria-label=\"\(HTMLText.escape(title, limit: 2000))\">\n"
        for bar in bars {
            let length = ChartNumber.coordinate(max(min(bar.fraction, 1), 0) * 100)
            html +=
                "<div class=\"row\" role=\"listitem\"><span class=\"label\">"
                + "\(HTMLText.escape(bar.label, limit: 70))</span>"
                + "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\""
                + " aria-hidden=\"true\"><rect x=\"0\" y=\"0\" width=\"\(length)\" height=\"10\""
                + " fill=\"\(bar.color)\"/></svg>"
                + "<span class=\"value\">\(HTMLText.escape(bar.valueText, limit: 2000))</span></div>\n"
        }
        return html + "</div>\n"
    }
}
