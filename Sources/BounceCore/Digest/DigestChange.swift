/// How a count moved between two periods, written the same way everywhere in a digest.
public enum DigestChange {
    /// The arrows: they read in a terminal and in every mail client.
    public static let up = "\u{25B2}"
    public static let down = "\u{25BC}"

    /// `▲ +12 (+40%)`, `▼ -3 (-10%)`, `= 0`, `▲ +5 (new)` when the previous count was zero.
    public static func text(now: Int, before: Int) -> String {
        let delta = now - before
        if delta == 0 { return "= 0" }
        let arrow = delta > 0 ? up : down
        let sign = delta > 0 ? "+" : "-"
        guard before > 0 else { return "\(arrow) \(sign)\(abs(delta)) (new)" }
        let percent = (abs(delta) * 100 + before / 2) / before
        return "\(arrow) \(sign)\(abs(delta)) (\(sign)\(percent)%)"
    }
}
