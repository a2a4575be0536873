import BounceCore

/// `compromised_account:`: the thresholds of the built-in `compromised-account` alert.
extension ConfigReader {
    static let compromisedAccountKeys = [
        "window", "history", "floor", "jump", "failure_share", "min_failures", "max_accounts",
        "repeat_interval", "group_wait",
    ]

    /// The section's thresholds over the defaults; the defaults when it is absent or empty.
    func compromisedAccount(_ field: Field?) -> CompromisedAccountConfig {
        var config = CompromisedAccountConfig()
        guard let field, !field.isNull else { return config }
        guard let section = section(field, known: Self.compromisedAccountKeys) else {
            return config
        }
        if let value = section["window"], let seconds = duration(value, in: 180...6 * 3600) {
            // Three slots of whole seconds each, and a window a person reads in minutes.
            if seconds % 60 == 0 {
                config.windowSeconds = seconds
            } else {
                log.add(value, "must be whole minutes (3m to 6h)")
            }
        }
        if let value = section["history"], let windows = integer(value, in: 1...96) {
            config.historyWindows = windows
        }
        if let value = section["floor"], let count = integer(value, in: 1...Self.largestCount) {
            config.floor = count
        }
        if let value = section["jump"], let factor = number(value) {
            if factor > 1, factor <= 1_000 {
                config.jump = factor
            } else {
                log.add(value, "must be above 1 and at most 1000 (times the usual level)")
            }
        }
        if let value = section["failure_share"], let share = number(value) {
            if share > 0, share <= 1 {
                config.failureShare = share
            } else {
                log.add(value, "must be above 0 and at most 1 (0.5 for half the deliveries)")
            }
        }
        if let value = section["min_failures"],
            let count = integer(value, in: 1...Self.largestCount)
        {
            config.minFailures = count
        }
        if let value = section["max_accounts"], let count = integer(value, in: 100...1_000_000) {
            config.maxAccounts = count
        }
        if let value = section["repeat_interval"], let seconds = repeatInterval(value) {
            config.repeatIntervalSeconds = seconds
        }
        if let value = section["group_wait"], let seconds = duration(value, in: 0...3_600) {
            config.groupWaitSeconds = seconds
        }
        return config
    }
}
