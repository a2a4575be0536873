import BounceCore

/// The JSON body of `POST /api/v2/alerts`: one postable alert per notice.
///
/// Labels identify the alert in Alertmanager, so they hold only what stays the same for the
/// whole incident: `alertname` (the rule), the rule's group labels, `instance` (this host) and
/// `severity`. Everything that changes from notice to notice goes into annotations.
enum AlertmanagerPayload {
    /// One alert of the body.
    struct PostableAlert: Equatable {
        var labels: [String: String]
        var annotations: [String: String]
        var startsAt: String
        var endsAt: String

        /// The alert as a JSON object, members and map keys in sorted order.
        func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.key("annotations")
            Self.write(annotations, to: &writer)
            writer.field("endsAt", endsAt)
            writer.key("labels")
            Self.write(labels, to: &writer)
            writer.field("startsAt", startsAt)
            writer.endObject()
        }

        private static func write(_ map: [String: String], to writer: inout JSONWriter) {
            writer.beginObject()
            for key in map.keys.sorted() { writer.field(key, map[key]) }
            writer.endObject()
        }
    }

    /// The body for `notices`. A firing alert is valid until `now + validitySeconds` and must be
    /// posted again before then; a resolved one ends `now`, which resolves it.
    static func body(
        _ notices: [AlertNotice], hostname: String, now: Int64, validitySeconds: Int64,
        summary: (AlertNotice) -> String
    ) -> [UInt8] {
        let alerts = notices.map {
            alert(
                $0, hostname: hostname, now: now, validitySeconds: validitySeconds,
                summary: summary($0))
        }
        var writer = JSONWriter()
        writer.beginArray()
        for alert in alerts { alert.write(to: &writer) }
        writer.endArray()
        return writer.bytes
    }

    static func alert(
        _ notice: AlertNotice, hostname: String, now: Int64, validitySeconds: Int64,
        summary: String
    ) -> PostableAlert {
        var labels: [String: String] = [:]
        for label in notice.group { labels[labelName(label.name)] = label.value }
        labels["alertname"] = notice.rule
        // The summary of groups without notices of their own (`AlertNoticeCeiling`).
        if notice.overflow != nil { labels["overflow"] = "summary" }
        labels["instance"] = hostname
        labels["severity"] = AlertSeverity.of(rule: notice.rule).rawValue
        // Alertmanager refuses an alert that ends before it starts.
        let end = max(now, notice.startedAt) + (notice.state == .firing ? validitySeconds : 0)
        return PostableAlert(
            labels: labels,
            annotations: ["summary": summary, "description": description(notice)],
            startsAt: CivilTime(epochSeconds: notice.startedAt).rfc3339,
            endsAt: CivilTime(epochSeconds: end).rfc3339)
    }

    /// A few sentences with the numbers, the listed IP and the delisting page.
    static func description(_ notice: AlertNotice) -> String {
        var parts: [String] = []
        let window = DurationText.format(seconds: notice.windowSeconds)
        if let summary = notice.summary {
            parts.append(summary)
        } else if let ratio = notice.ratio, let denominator = notice.denominator {
            let percent = (ratio * 1000).rounded() / 10
            parts.append(
                "\(notice.count) of \(denominator) events (\(percent)%) matched in the last"
                    + " \(window).")
        } else {
            parts.append("\(notice.count) matching events in the last \(window).")
        }
        if !notice.destinations.isEmpty {
            let named = notice.destinations.prefix(5).map { "\($0.name) (\($0.count))" }
            let total = max(notice.destinationCount, notice.destinations.count)
            let more = total > named.count ? ", \(total) domains in all" : ""
            parts.append("Destinations: \(named.joined(separator: ", "))\(more).")
        }
        if let cause = notice.cause { parts.append("Cause: \(cause.identifier).") }
        if let blocklist = notice.blocklist {
            parts.append("Block list: \(blocklist.name).")
            if let url = blocklist.delistURL { parts.append("Delisting: \(url)") }
        }
        if let ip = notice.listedIP { parts.append("Listed IP: \(ip).") }
        for detail in notice.details { parts.append("\(detail.name): \(detail.value).") }
        if notice.state == .resolved { parts.insert("Resolved.", at: 0) }
        return TextSanitizer.line(parts.joined(separator: " "), limit: 1000)
    }

    /// A valid Prometheus label name: `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func labelName(_ name: String) -> String {
        var result = String(
            name.unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "_": Character(scalar)
                default: "_"
                }
            })
        if result.first.map({ $0.isNumber }) ?? true { result = "_" + result }
        return result
    }
}
