import BounceCore

/// Receives the dispatcher's log lines: one per alert, one per failed or dropped delivery.
public typealias NotificationLog = @Sendable (String) -> Void

/// The one log line every alert gets, in logfmt so journald users can grep and parse it:
/// `alert rule=blacklisted state=firing blocklist=zen.spamhaus.org count=42 window=15m ...`.
public enum AlertLogLine {
    public static func format(_ notice: AlertNotice) -> String {
        var fields: [(String, String)] = [("rule", notice.rule), ("state", notice.state.rawValue)]
        for label in notice.group { fields.append((label.name, label.value)) }
        if let overflow = notice.overflow {
            fields.append(("groups_firing", String(overflow.firingGroups)))
            fields.append(("groups_without_notice", String(overflow.groupsWithoutNotice)))
        }
        fields.append(("count", String(notice.count)))
        if let ratio = notice.ratio { fields.append(("ratio", String(ratio))) }
        if let denominator = notice.denominator { fields.append(("of", String(denominator))) }
        fields.append(("window", DurationText.format(seconds: notice.windowSeconds)))
        if let cause = notice.cause { fields.append(("cause", cause.identifier)) }
        if let blocklist = notice.blocklist,
            !notice.group.contains(where: { $0.name == "blocklist" })
        {
            fields.append(("blocklist", blocklist.name))
        }
        if let ip = notice.listedIP { fields.append(("listed_ip", ip)) }
        if notice.destinationCount > 0 {
            fields.append(("destinations", String(notice.destinationCount)))
        }
        if let top = notice.destinations.first { fields.append(("top_destination", top.name)) }
        return "alert " + fields.map { "\($0.0)=\(quoted($0.1))" }.joined(separator: " ")
    }

    /// Bare when the value is one plain word; otherwise in double quotes with `"` and `\`
    /// escaped. Control characters never reach the log (`TextSanitizer`).
    static func quoted(_ value: String) -> String {
        let clean = TextSanitizer.line(value, limit: 200)
        let plain =
            !clean.isEmpty
            && clean.unicodeScalars.allSatisfy {
                $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\"
            }
        if plain { return clean }
        var result = "\""
        for scalar in clean.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { result.unicodeScalars.append("\\") }
            result.unicodeScalars.append(scalar)
        }
        return result + "\""
    }
}
