/// Numbers for SVG coordinates and chart labels, written the same way on every machine.
enum ChartNumber {
    /// `value` with one decimal (`12.5`), `.0` left out; used for coordinates.
    static func coordinate(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0
            ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// The smallest of 1, 2, 5 × 10^k that is at least `value` (at least 1): the top of an axis.
    static func niceCeiling(_ value: Int) -> Int {
        var scale = 1
        while true {
            for step in [1, 2, 5] where step * scale >= value { return step * scale }
            scale *= 10
        }
    }
}
