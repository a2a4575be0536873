import BounceCore

/// The colours of the HTML report's charts: one fixed colour per cause, so a cause looks the
/// same in every report, and a sequence for block lists.
enum ChartColors {
    /// Hues 137.5° apart (the golden angle) keep neighbouring causes apart on the wheel.
    static func cause(_ cause: Cause) -> String {
        if cause == .unclassified { return "hsl(0,0%,55%)" }
        return hue(Int(cause.rawValue), saturation: 62, lightness: 46)
    }

    /// The colour of a cause given by its identifier; grey for one not known.
    static func cause(named identifier: String) -> String {
        Cause.allCases.first { $0.identifier == identifier }.map(cause) ?? "hsl(0,0%,55%)"
    }

    /// The `index`-th block list's colour.
    static func series(_ index: Int) -> String {
        hue(index + 5, saturation: 70, lightness: 42)
    }

    private static func hue(_ index: Int, saturation: Int, lightness: Int) -> String {
        let degrees = (index * 1375 / 10 + 12) % 360
        return "hsl(\(degrees),\(saturation)%,\(lightness)%)"
    }
}
