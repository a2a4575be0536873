/// The `severity` label of an alert in Alertmanager.
///
/// A label must not change during an incident, so it depends on the rule only: the default
/// rules that mean mail is not getting out at all, or that the relay refuses our login, are
/// `critical`, and so are the built-in `listed` (a lookup found us on a block list) and
/// `compromised-account` (someone else is sending with one of our accounts); every other
/// rule, the administrator's own included, is `warning`.
enum AlertSeverity: String, Sendable, CaseIterable {
    case critical
    case warning

    static let criticalRules: Set<String> = [
        "blacklisted", "relay-login-failed", "expired", "listed", "compromised-account",
    ]

    static func of(rule: String) -> AlertSeverity {
        criticalRules.contains(rule) ? .critical : .warning
    }
}
