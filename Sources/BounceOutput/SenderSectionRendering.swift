import BounceCore

/// The report's "Senders" and "Authenticated users" sections, in text, JSON and HTML.
///
/// The Prometheus form leaves them out: its families and labels are a public contract, kept
/// as they were.
enum SenderSectionRendering {
    /// Both sections as text.
    static func text(_ report: SenderReport) -> String {
        var text = table(
            title:
                "Senders (by envelope sender domain; top \(report.domains.count), the rest as other)",
            column: "Sender domain", report.domains, report.otherDomains)
        text += "\n"
        text += table(
            title:
                "Authenticated users (by SASL login; top \(report.users.count), the rest as other)",
            column: "User", report.users, report.otherUsers)
        for note in notes(report) { text += "  (\(note))\n" }
        return text
    }

    /// What the report could not put in the tables, one sentence a count that is not zero,
    /// without the full stop (the text report puts each in parentheses).
    private static func notes(_ report: SenderReport) -> [String] {
        var notes: [String] = []
        if report.deliveriesWithoutSender > 0 {
            notes.append(
                "\(report.deliveriesWithoutSender) deliveries of messages whose sender the log does not say"
            )
        }
        if report.evictedMessages > 0 {
            notes.append("\(report.evictedMessages) open messages dropped by the state's bound")
        }
        if report.namesOverflowed > 0 {
            notes.append("\(report.namesOverflowed) names past the state's bound counted as other")
        }
        return notes
    }

    private static func table(
        title: String, column: String, _ rows: [SenderSummary], _ other: SenderSummary?
    ) -> String {
        guard !rows.isEmpty else { return title + "\n  none\n" }
        var table = TextTable([
            (column, .left), ("Sent", .right), ("Deferred", .right), ("Bounced", .right),
            ("Expired", .right), ("Failed", .right), ("Main causes", .left),
        ])
        for row in rows + (other.map { [$0] } ?? []) {
            table.add(
                DeliveryRowCells.cells(TextTable.clean(row.name), row.counts, row.mainCauses))
        }
        return title + "\n" + table.render()
    }

    /// Both sections as the HTML page's `senders` and `users` sections: every name through
    /// `HTMLTable`'s escaping, as in the other tables (a sender address is anyone's to choose).
    static func html(_ report: SenderReport) -> String {
        let sentences = notes(report).map { $0 + "." }
        // The notes concern both tables; they close the second, as in the text report.
        return htmlSection(
            title: "Senders", identifier: "senders",
            note: "By envelope sender domain; top \(report.domains.count), the rest as other.",
            column: "Sender domain", report.domains, report.otherDomains, notes: [])
            + htmlSection(
                title: "Authenticated users", identifier: "users",
                note: "By SASL login; top \(report.users.count), the rest as other.",
                column: "User", report.users, report.otherUsers, notes: sentences)
    }

    private static func htmlSection(
        title: String, identifier: String, note: String, column: String,
        _ rows: [SenderSummary], _ other: SenderSummary?, notes: [String]
    ) -> String {
        var html = "<section id=\"\(identifier)\">\n<h2>\(title)</h2>\n"
        if rows.isEmpty {
            html += "<p class=\"none\">None.</p>\n"
        } else {
            html += "<p class=\"meta\">\(HTMLText.escape(note, limit: 2000))</p>\n"
            var table = HTMLTable([
                (column, false), ("Sent", true), ("Deferred", true), ("Bounced", true),
                ("Expired", true), ("Failed", true), ("Main causes", false),
            ])
            for row in rows + (other.map { [$0] } ?? []) {
                table.add(DeliveryRowCells.cells(row.name, row.counts, row.mainCauses))
            }
            html += table.render()
        }
        for note in notes {
            html += "<p class=\"meta\">\(HTMLText.escape(note, limit: 2000))</p>\n"
        }
        return html + "</section>\n"
    }

    /// Both sections as the JSON object under `senders`.
    static func write(_ report: SenderReport, to json: inout JSONWriter) {
        json.beginObject()
        json.key("domains")
        rows(report.domains, key: "sender_domain", to: &json)
        json.key("other_domains")
        row(report.otherDomains, key: "sender_domain", to: &json)
        json.key("sasl_users")
        rows(report.users, key: "sasl_username", to: &json)
        json.key("other_sasl_users")
        row(report.otherUsers, key: "sasl_username", to: &json)
        json.field("deliveries_without_sender", report.deliveriesWithoutSender)
        json.field("evicted_messages", report.evictedMessages)
        json.field("names_overflowed", report.namesOverflowed)
        json.endObject()
    }

    private static func rows(_ rows: [SenderSummary], key: String, to json: inout JSONWriter) {
        json.beginArray()
        for entry in rows { row(entry, key: key, to: &json) }
        json.endArray()
    }

    private static func row(_ entry: SenderSummary?, key: String, to json: inout JSONWriter) {
        guard let entry else {
            json.value(nil as Int?)
            return
        }
        json.beginObject()
        json.field(key, entry.name)
        for status in [DeliveryStatus.sent, .deferred, .bounced, .expired] {
            json.field(status.identifier, entry.counts[status])
        }
        ScanJSONRenderer.writeMainCauses(entry.mainCauses, to: &json)
        json.endObject()
    }
}
