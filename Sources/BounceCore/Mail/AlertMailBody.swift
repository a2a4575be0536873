/// The plain-text body of an alert mail, lines ending with `\n` and at most 76 characters
/// where the content allows (URLs are never broken).
enum AlertMailBody {
    static let width = 76
    private static let labelWidth = 14

    static func text(_ notice: AlertNotice, hostname: String, utcOffsetSeconds offset: Int)
        -> String
    {
        if let overflow = notice.overflow {
            return overflowText(notice, overflow, hostname: hostname, utcOffsetSeconds: offset)
        }
        var lines: [String] = []
        let host = UntrustedText.inline(hostname, limit: 64)
        let what = AlertHeadline.what(notice)
        switch (notice.state, notice.isRepeat) {
        case (.resolved, _): lines.append("RESOLVED: \(what)")
        case (.firing, true): lines.append("STILL FIRING: \(what)")
        case (.firing, false): lines.append("FIRING: \(what)")
        }
        lines.append("")
        lines += row("Host", host)
        lines += row("Rule", UntrustedText.inline(notice.rule, limit: 60))
        for label in notice.group {
            lines += row("Group", "\(label.name) = \(UntrustedText.inline(label.value, limit: 60))")
        }
        lines += row("Started", MailDate.readable(notice.startedAt, utcOffsetSeconds: offset))
        let decided = notice.state == .resolved ? "Resolved" : "Decided"
        lines += row(decided, MailDate.readable(notice.decidedAt, utcOffsetSeconds: offset))
        lines.append("")
        lines += wrap(summary(notice))
        lines.append("")
        lines += evidence(notice)
        lines += advice(notice)
        lines += samples(notice)
        lines.append("-- ")
        lines += wrap(
            "bouncewatch on \(host), rule \"\(UntrustedText.inline(notice.rule, limit: 60))\", "
                + "fingerprint \(notice.fingerprint). Every notice about this incident carries "
                + "the same fingerprint; docs/alerts.md explains the rules.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary a rule sends instead of one mail per group once it has
    /// `AlertNoticeCeiling.groupsPerRule` groups with mails of their own.
    private static func overflowText(
        _ notice: AlertNotice, _ overflow: AlertOverflow, hostname: String,
        utcOffsetSeconds offset: Int
    ) -> String {
        let host = UntrustedText.inline(hostname, limit: 64)
        let rule = UntrustedText.inline(notice.rule, limit: 60)
        var lines = ["FIRING: " + AlertHeadline.what(notice), ""]
        lines += row("Host", host)
        lines += row("Rule", rule)
        lines += row("Started", MailDate.readable(notice.startedAt, utcOffsetSeconds: offset))
        lines += row("Decided", MailDate.readable(notice.decidedAt, utcOffsetSeconds: offset))
        lines.append("")
        lines += wrap(
            "Rule \"\(rule)\" has \(overflow.firingGroups) groups firing. At most "
                + "\(AlertNoticeCeiling.groupsPerRule) groups of one rule get mails of their own, "
                + "so that text written by remote servers cannot flood this mailbox; "
                + "\(overflow.groupsWithoutNotice) groups started firing without one since the "
                + "last summary, with \(notice.count) matching events in their windows. Their "
                + "reminders and resolutions are not mailed either; "
                + "bouncewatch_notifications_total{result=\"suppressed\"} counts them.")
        if !overflow.largest.isEmpty {
            lines.append("")
            lines.append("The largest of them (group values are untrusted text from the log):")
            for entry in overflow.largest {
                let count = String(entry.count)
                let padding = String(repeating: " ", count: max(7 - count.count, 0))
                lines.append("  \(padding)\(count)  " + UntrustedText.inline(entry.name, limit: 60))
            }
        }
        lines.append("")
        lines += wrap(
            "Many groups at once usually means the group value comes from reply text (block "
                + "list names, destinations) that varies with every reply: read the log lines "
                + "behind the largest groups, and consider grouping the rule by fewer values.")
        lines.append("-- ")
        lines += wrap(
            "bouncewatch on \(host), rule \"\(rule)\", fingerprint \(notice.fingerprint). "
                + "docs/alerts.md explains the ceiling.")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func summary(_ notice: AlertNotice) -> String {
        if let summary = notice.summary { return summary }
        let window = duration(notice.windowSeconds)
        let counted: String
        if let ratio = notice.ratio ?? notice.denominator.map({ _ in 0 }),
            let denominator = notice.denominator
        {
            counted =
                "\(notice.count) of \(denominator) events matched (\(percent(ratio))) in the "
                + "last \(window); the rule fires at \(percent(notice.threshold)) once at least "
                + "\(notice.minEvents) events are in the window."
        } else {
            counted =
                "\(notice.count) matching \(notice.count == 1 ? "event" : "events") in the "
                + "last \(window); the rule fires at \(threshold(notice.threshold))."
        }
        switch (notice.state, notice.isRepeat) {
        case (.resolved, _):
            return "The condition no longer holds: \(counted) Below: what the last alert "
                + "reported."
        case (.firing, true):
            return "This alert is still firing (a reminder, sent every repeat interval): \(counted)"
        case (.firing, false):
            return counted
        }
    }

    private static func evidence(_ notice: AlertNotice) -> [String] {
        var lines: [String] = []
        if let cause = notice.cause {
            lines += row("Cause", cause.identifier)
        } else if !notice.causes.isEmpty {
            lines += row(
                "Causes",
                notice.causes.map { "\($0.cause.identifier) \($0.count)" }.joined(separator: ", "))
        }
        if let blocklist = notice.blocklist {
            let shown = BlocklistDisplayName.of(blocklist.name)
            let text = shown == blocklist.name ? shown : "\(shown) (\(blocklist.name))"
            lines += row("Block list", UntrustedText.inline(text, limit: 80))
        }
        if let address = notice.listedIP {
            lines += row("Listed IP", UntrustedText.inline(address, limit: 60))
        }
        if let url = notice.blocklist?.delistURL {
            lines += row("Delisting", UntrustedText.inline(url, limit: 200))
        }
        for detail in notice.details {
            lines += row(
                UntrustedText.inline(detail.name, limit: labelWidth - 2),
                UntrustedText.inline(detail.value, limit: 300))
        }
        if !notice.providers.isEmpty {
            lines += row("Provider", counted(notice.providers, total: notice.providers.count))
        }
        if !notice.hosts.isEmpty {
            lines += row("Hosts", counted(notice.hosts, total: notice.hostCount))
        }
        if !lines.isEmpty { lines.append("") }
        if !notice.destinations.isEmpty {
            let shown = notice.destinations.count
            let all = max(notice.destinationCount, shown)
            lines.append(all > shown ? "Destinations (\(all), the top \(shown)):" : "Destinations:")
            let names = notice.destinations.map { UntrustedText.inline($0.name, limit: 60) }
            let column = min(max(names.map(\.count).max() ?? 0, 20), 60)
            for (name, entry) in zip(names, notice.destinations) {
                let padding = String(repeating: " ", count: max(column - name.count, 0))
                lines.append("  \(name)\(padding)  \(entry.count)")
            }
            lines.append("")
        }
        if let sampled = notice.evidenceCount {
            lines += wrap(
                "Destinations, causes and samples are taken from the \(sampled) most recent "
                    + "matching events that bouncewatch keeps per alert.")
            lines.append("")
        }
        return lines
    }

    /// `microsoft 40, google 2`, with `(and 3 more)` when `total` says there were more.
    private static func counted(_ entries: [NamedCount], total: Int) -> String {
        let shown = entries.map { "\(UntrustedText.inline($0.name, limit: 60)) \($0.count)" }
            .joined(separator: ", ")
        return total > entries.count ? shown + " (and \(total - entries.count) more)" : shown
    }

    private static func advice(_ notice: AlertNotice) -> [String] {
        if notice.rule == CompromisedAccountConfig.ruleName, notice.state == .firing {
            return ["What to do", ""] + wrap(Remediation.compromisedAccount) + [""]
        }
        var causes: [Cause] = []
        if let cause = notice.cause {
            causes = [cause]
        } else if !notice.causes.isEmpty {
            causes = notice.causes.prefix(2).map(\.cause)
        } else if notice.kind == .authFailure {
            causes = [.authFailure]
        } else if notice.status == .expired {
            causes = [.expired]
        }
        guard !causes.isEmpty else { return [] }
        var lines = ["What to do", ""]
        for cause in causes {
            if causes.count > 1 { lines.append("For \(cause.identifier):") }
            lines += wrap(Remediation.advice(for: cause))
            lines.append("")
        }
        return lines
    }

    private static func samples(_ notice: AlertNotice) -> [String] {
        guard !notice.samples.isEmpty else { return [] }
        var lines = ["Sample log lines"]
        lines += wrap(
            "(untrusted text from the log, quoted as read: control characters appear as \\xHH, "
                + "a + line continues the line above, long lines are cut)")
        lines.append("")
        for sample in notice.samples { lines += UntrustedText.quote(sample) }
        lines.append("")
        return lines
    }

    /// `Label:       value`, the value wrapped under itself when long.
    private static func row(_ label: String, _ value: String) -> [String] {
        let head = label + ":" + String(repeating: " ", count: max(labelWidth - label.count - 1, 1))
        let indent = String(repeating: " ", count: head.count)
        return wrap(value, width: width - head.count).enumerated().map {
            ($0.offset == 0 ? head : indent) + $0.element
        }
    }

    /// Words on lines of at most `width` characters; a longer word (a URL) stays whole.
    static func wrap(_ text: String, width: Int = AlertMailBody.width) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        lines.append(current)
        return lines
    }

    static func duration(_ seconds: Int) -> String {
        if seconds % 3600 == 0, seconds >= 3600 { return "\(seconds / 3600) h" }
        if seconds % 60 == 0, seconds >= 60 {
            let hours = seconds / 3600
            let minutes = seconds % 3600 / 60
            return hours > 0 ? "\(hours) h \(minutes) min" : "\(minutes) min"
        }
        return "\(seconds) s"
    }

    static func percent(_ ratio: Double) -> String {
        guard ratio.isFinite else { return "?" }
        let tenths = Int((ratio * 1000).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))%"
    }

    private static func threshold(_ value: Double) -> String {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else { return "\(value)" }
        let count = Int(value)
        return "\(count) \(count == 1 ? "event" : "events")"
    }
}
