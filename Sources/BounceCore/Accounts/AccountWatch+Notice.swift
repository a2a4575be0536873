extension AccountWatch {
    /// The notice for `change` of `tally`'s alert at `now`.
    func notice(
        _ change: AccountTally.Change, _ tally: AccountTally, startedAt: Int64, now: Int64
    ) -> AlertNotice {
        let label = AlertLabel(tally.key.dimension.rawValue, tally.key.name)
        let window = tally.window
        let deliveries = window.total(.deliveries)
        var notice = AlertNotice(
            rule: CompromisedAccountConfig.ruleName,
            state: change == .resolved ? .resolved : .firing, group: [label],
            fingerprint: AlertFingerprint.of(
                rule: CompromisedAccountConfig.ruleName, group: [label]),
            count: deliveries, windowSeconds: windowSeconds,
            destinationCount: window.destinations.count,
            samples: tally.samples.lines.map(\.text), startedAt: startedAt, decidedAt: now)
        notice.isRepeat = change == .repeated
        notice.threshold = Double(config.floor)
        notice.kind = .delivery
        notice.direction = .outbound
        let who = Self.who(tally.key)
        notice.headline = who + " may be compromised"
        notice.summary = summary(change, tally, who: who)
        notice.details = details(tally)
        return notice
    }

    /// `SASL user alice`, `sender domain example.com`: untrusted text, cleaned.
    private static func who(_ key: AccountKey) -> String {
        let name = UntrustedText.inline(key.name, limit: 64)
        return key.dimension == .saslUsername ? "SASL user \(name)" : "sender domain \(name)"
    }

    private func summary(_ change: AccountTally.Change, _ tally: AccountTally, who: String)
        -> String
    {
        let window = tally.window
        let deliveries = window.total(.deliveries)
        let flagged = Self.flagged(window)
        let span = AlertMailBody.duration(windowSeconds)
        let counted =
            "\(who) has \(deliveries) outbound \(deliveries == 1 ? "delivery" : "deliveries") "
            + "in the last \(span), against a usual level of about "
            + "\(Self.level(tally.usualAtStart)) before the incident; \(flagged) of them failed "
            + "as unknown recipients, spam or block-listed."
        switch change {
        case .fired:
            return counted
                + " A sudden burst, or mail that mostly fails this way, is what a stolen "
                + "password or a hijacked form or script looks like."
        case .repeated:
            return "This alert is still firing (a reminder, sent every repeat interval): "
                + counted
        case .resolved:
            return "The account's sending is back within the thresholds: " + counted
        }
    }

    private func details(_ tally: AccountTally) -> [AlertLabel] {
        let window = tally.window
        let deliveries = window.total(.deliveries)
        let flagged = Self.flagged(window)
        let recipients = window.recipients
        let destinations = window.destinations
        var rows = [
            AlertLabel(
                "Deliveries",
                "\(deliveries) in the last \(AlertMailBody.duration(windowSeconds)), usual "
                    + "about \(Self.level(tally.usualAtStart))"),
            AlertLabel(
                "Recipients",
                "about \(recipients.count)\(recipients.saturated ? " or more" : "")"),
            AlertLabel(
                "Destinations",
                "about \(destinations.count)\(destinations.saturated ? " or more" : "") domains"
            ),
        ]
        if flagged > 0 {
            let causes: [(Cause, AccountWindow.Counter)] = [
                (.recipientUnknown, .recipientUnknown), (.spam, .spam),
                (.blacklisted, .blacklisted),
            ]
            let counts = causes.compactMap { cause, counter -> String? in
                let count = window.total(counter)
                return count > 0 ? "\(cause.identifier) \(count)" : nil
            }
            let share = AlertMailBody.percent(Double(flagged) / Double(max(deliveries, 1)))
            rows.append(
                AlertLabel("Failed as", counts.joined(separator: ", ") + " (\(share))"))
        }
        rows.append(
            AlertLabel(
                "Client IPs",
                tally.clients.isEmpty
                    ? "none logged" : tally.clients.reversed().joined(separator: ", ")))
        rows.append(
            AlertLabel(
                "Fires at",
                "\(config.floor) deliveries and \(Self.number(config.jump)) times the "
                    + "usual level, or \(config.minFailures) flagged failures and "
                    + "\(AlertMailBody.percent(config.failureShare)) of the deliveries"))
        return rows
    }

    /// `5` for whole numbers, `2.5` otherwise.
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
    }

    /// A usual level per window, rounded for reading.
    private static func level(_ value: Double) -> String {
        value < 10 ? "\(Double(Int((value * 10).rounded())) / 10)" : "\(Int(value.rounded()))"
    }
}
