import BounceCore

extension ConfigRenderer {
    /// `compromised_account:`, written while the alert is on (switched off, the `alerts` list
    /// says so instead).
    static func renderCompromisedAccount(
        _ config: CompromisedAccountConfig, into out: inout YAMLLines
    ) {
        out.comment(
            "The built-in compromised-account alert: one SASL user (or sender domain) sending")
        out.comment("far above its usual level, or mostly into unknown recipients, spam and")
        out.comment("block lists. Off with {name: compromised-account, disabled: true} in alerts.")
        out.key("compromised_account", "")
        out.key("window", DurationText.text(config.windowSeconds), depth: 1)
        out.key(
            "history", "\(config.historyWindows)", depth: 1,
            note: "windows the usual level averages")
        out.key("floor", "\(config.floor)", depth: 1, note: "deliveries in the window, at least")
        out.key("jump", number(config.jump), depth: 1, note: "times the usual level")
        out.key(
            "failure_share", number(config.failureShare), depth: 1,
            note: "of the deliveries failing as recipient_unknown, spam, blacklisted")
        out.key("min_failures", "\(config.minFailures)", depth: 1, note: "such failures, at least")
        out.key("max_accounts", "\(config.maxAccounts)", depth: 1)
        out.key("repeat_interval", DurationText.text(config.repeatIntervalSeconds), depth: 1)
        out.key("group_wait", DurationText.text(config.groupWaitSeconds), depth: 1)
    }
}
