import BounceCore

/// Renders a scan report as one self-contained HTML page (`bouncewatch scan --format html`).
///
/// Everything is inline: the style sheet, the charts (SVG), no script, no image, no font, and a
/// Content-Security-Policy that forbids the page any request, so opening it never reaches the
/// network. Every text from the log (reply texts, addresses, domains, host names, file names)
/// goes through `HTMLText`. Sections: a summary, failed deliveries over time by cause, causes
/// (bars, counts, a sample reply each), providers and destinations by failure rate, hosts (when
/// more than one), senders (by sender domain) and authenticated users (by SASL login), block
/// lists (hits over time, listed IPs, delisting pages), inbound rejects, SASL failures,
/// unclassified and guessed reply shapes, lines read.
public enum ScanHTMLRenderer {
    private static let deliveryStatuses: [DeliveryStatus] = [.sent, .deferred, .bounced, .expired]

    /// The page. `generatedAt` (the clock, placed in the local zone) and `version` go into its
    /// header; a fixed value gives the same bytes for the same report.
    public static func render(
        _ report: ScanReport, generatedAt: LogInstant, version: String
    ) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">
            <meta name="referrer" content="no-referrer">
            <meta name="generator" content="bouncewatch \(HTMLText.escape(version, limit: 2000))">
            <title>bouncewatch report</title>
            <style>
            \(HTMLStyle.css)
            </style>
            </head>
            <body>

            """
        html += header(report, generatedAt: generatedAt, version: version)
        html += "<main>\n"
        html += summary(report)
        html += timeline(report)
        html += causes(report)
        html += rates(
            title: "Providers by failure rate", identifier: "providers",
            rows: report.providers + [report.otherProviders],
            note: "By relay host, reply signature or recipient domain; the rest as other.")
        html += rates(
            title: "Destinations by failure rate", identifier: "destinations",
            rows: report.destinations + [report.otherDestinations],
            note: "Top \(report.destinations.count) domains, the rest as other."
                + (report.destinationsApproximate
                    ? " Many distinct domains: counts of the top domains may miss a few early events."
                    : ""))
        if report.hostsSeen > 1 { html += hosts(report) }
        if let senders = report.senders { html += SenderSectionRendering.html(senders) }
        html += blocklists(report)
        html += rejects(report)
        html += authFailures(report)
        html += shapes(
            title: "Unclassified replies (by shape)", identifier: "unclassified",
            report.unclassifiedShapes)
        html += shapes(
            title: "Guessed from the reply code alone (by shape)", identifier: "guessed",
            report.guessedShapes)
        html += lines(report)
        html +=
            "</main>\n<footer class=\"meta\">Counts as read from the log; times in the host's local time.</footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: - Sections

    private static func header(
        _ report: ScanReport, generatedAt: LogInstant, version: String
    ) -> String {
        var html = "<header>\n<h1>Why mail failed</h1>\n"
        switch (report.firstEvent, report.lastEvent) {
        case (let first?, let last?):
            html +=
                "<p class=\"meta\">Events from \(HTMLText.escape(TimestampText.format(first), limit: 2000)) to "
                + "\(HTMLText.escape(TimestampText.format(last), limit: 2000))</p>\n"
        default:
            html += "<p class=\"meta\">No events</p>\n"
        }
        if let period = report.period {
            html +=
                "<p class=\"meta\" id=\"period\">\(HTMLText.escape(ScanPeriodText.sentence(period), limit: 2000))</p>\n"
        }
        html +=
            "<p class=\"meta\">Written \(HTMLText.escape(generatedAt.rfc3339, limit: 2000)) by bouncewatch "
            + "\(HTMLText.escape(version, limit: 2000))</p>\n</header>\n"
        return html
    }

    private static func summary(_ report: ScanReport) -> String {
        var html = "<section id=\"summary\">\n<h2>Deliveries</h2>\n<div class=\"cards\">\n"
        func card(_ label: String, _ value: String, bad: Bool = false) -> String {
            "<div class=\"card\(bad ? " bad" : "")\"><b>\(HTMLText.escape(value, limit: 2000))</b>"
                + "<span>\(HTMLText.escape(label, limit: 2000))</span></div>\n"
        }
        for status in deliveryStatuses {
            let count = report.deliveries[status]
            html += card(status.identifier, "\(count)", bad: status != .sent && count > 0)
        }
        html += card("failure rate", FailureRate.percent(report.deliveries))
        html += card("inbound rejects", "\(report.rejects.total)")
        html += card("SASL failures", "\(report.authFailures.total)")
        html += "</div>\n</section>\n"
        return html
    }

    private static func timeline(_ report: ScanReport) -> String {
        var html = "<section id=\"timeline\">\n"
        guard let timeline = report.timeline, !timeline.failures.isEmpty else {
            return html
                + "<h2>Failed deliveries over time</h2>\n<p class=\"none\">No failed delivery.</p>\n</section>\n"
        }
        let title = "Failed deliveries per \(bucketName(timeline.bucketSeconds)), by cause"
        html += "<h2>\(HTMLText.escape(title, limit: 2000))</h2>\n"
        let series = timeline.failures.map {
            SVGTimeChart.Series(
                name: $0.name, color: ChartColors.cause(named: $0.name), counts: $0.counts)
        }
        html += SVGTimeChart(
            title: title, bucketStarts: timeline.bucketStarts,
            bucketSeconds: timeline.bucketSeconds, series: series
        ).render()
        html += legend(series.map { ($0.name, $0.color, $0.counts.reduce(0, +)) })
        html += "</section>\n"
        return html
    }

    private static func causes(_ report: ScanReport) -> String {
        var html = "<section id=\"causes\">\n<h2>Causes</h2>\n"
        guard !report.causes.isEmpty else {
            return html + "<p class=\"none\">None.</p>\n</section>\n"
        }
        let largest = report.causes.map(\.counts.total).max() ?? 1
        html += SVGBarChart(
            title: "Events by cause", identifier: "causes",
            bars: report.causes.map {
                SVGBarChart.Bar(
                    label: $0.cause.identifier,
                    fraction: Double($0.counts.total) / Double(max(largest, 1)),
                    valueText: "\($0.counts.total)", color: ChartColors.cause($0.cause))
            }
        ).render()
        var table = HTMLTable([
            ("Cause", false), ("Total", true), ("Deferred", true), ("Bounced", true),
            ("Expired", true), ("Rejected", true),
        ])
        for summary in report.causes {
            let counts = summary.counts
            table.add([
                summary.cause.identifier, "\(counts.total)", "\(counts.deferred)",
                "\(counts.bounced)", "\(counts.expired)", "\(counts.rejected)",
            ])
        }
        html += table.render()
        html += "<h3>Sample replies</h3>\n<ul class=\"samples\">\n"
        for summary in report.causes {
            html += "<li><code>\(summary.cause.identifier)</code>"
            if let reply = summary.sampleReply {
                html += "<q>\(HTMLText.escape(reply, limit: 2000))</q></li>\n"
            } else {
                html += " <span class=\"none\">(no reply text)</span></li>\n"
            }
        }
        html += "</ul>\n</section>\n"
        return html
    }

    private static func rates(
        title: String, identifier: String, rows: [DestinationSummary], note: String
    ) -> String {
        var html =
            "<section id=\"\(identifier)\">\n<h2>\(HTMLText.escape(title, limit: 2000))</h2>\n"
        html += "<p class=\"meta\">\(HTMLText.escape(note, limit: 2000))</p>\n"
        let charted = rows.filter { $0.counts.total > 0 }.sorted { first, second in
            let a = FailureRate.fraction(first.counts)
            let b = FailureRate.fraction(second.counts)
            if a != b { return a > b }
            if first.counts.failures != second.counts.failures {
                return first.counts.failures > second.counts.failures
            }
            return first.name < second.name
        }
        html += SVGBarChart(
            title: title, identifier: identifier,
            bars: charted.map {
                SVGBarChart.Bar(
                    label: $0.name, fraction: FailureRate.fraction($0.counts),
                    valueText:
                        "\(FailureRate.percent($0.counts)) of \($0.counts.total)",
                    color: $0.mainCauses.first.map { ChartColors.cause($0.cause) }
                        ?? "hsl(140,45%,45%)")
            }
        ).render()
        var table = HTMLTable([
            (identifier == "providers" ? "Provider" : "Domain", false), ("Sent", true),
            ("Deferred", true), ("Bounced", true), ("Expired", true), ("Failed", true),
            ("Main causes", false),
        ])
        for row in rows {
            table.add(DeliveryRowCells.cells(row.name, row.counts, row.mainCauses))
        }
        html += table.render() + "</section>\n"
        return html
    }

    private static func hosts(_ report: ScanReport) -> String {
        var html =
            "<section id=\"hosts\">\n<h2>Hosts</h2>\n<p class=\"meta\">\(report.hostsSeen) seen; "
            + "top \(report.hosts.count), the rest as other.</p>\n"
        var table = HTMLTable([
            ("Host", false), ("Sent", true), ("Deferred", true), ("Bounced", true),
            ("Expired", true), ("Failed", true), ("Rejects", true), ("SASL failures", true),
        ])
        for host in report.hosts + (report.otherHosts.map { [$0] } ?? []) {
            let counts = host.deliveries
            table.add([
                host.name, "\(counts.sent)", "\(counts.deferred)", "\(counts.bounced)",
                "\(counts.expired)", FailureRate.percent(counts), "\(host.rejects)",
                "\(host.authFailures)",
            ])
        }
        html += table.render()
        if report.hostsApproximate {
            html +=
                "<p class=\"meta\">Many distinct hosts: counts of the top hosts may miss a few early events.</p>\n"
        }
        return html + "</section>\n"
    }

    private static func blocklists(_ report: ScanReport) -> String {
        var html = "<section id=\"blocklists\">\n<h2>Block lists that named us</h2>\n"
        guard !report.blocklists.isEmpty else {
            return html + "<p class=\"none\">None.</p>\n</section>\n"
        }
        if let timeline = report.timeline, !timeline.blocklistHits.isEmpty {
            let title = "Block-list hits per \(bucketName(timeline.bucketSeconds))"
            let series = timeline.blocklistHits.enumerated().map {
                SVGTimeChart.Series(
                    name: $0.element.name, color: ChartColors.series($0.offset),
                    counts: $0.element.counts)
            }
            html += SVGTimeChart(
                title: title, bucketStarts: timeline.bucketStarts,
                bucketSeconds: timeline.bucketSeconds, series: series
            ).render()
            html += legend(series.map { ($0.name, $0.color, $0.counts.reduce(0, +)) })
        }
        var table = HTMLTable([("Block list", false), ("Hits", true), ("Listed IPs", false)])
        for blocklist in report.blocklists {
            table.add([
                blocklist.name, "\(blocklist.hits)",
                blocklist.listedIPs.isEmpty ? "-" : blocklist.listedIPs.joined(separator: ", "),
            ])
        }
        html += table.render()
        let delisting = report.blocklists.filter { $0.delistURL != nil }
        if !delisting.isEmpty {
            html += "<h3>Delisting</h3>\n<ul class=\"samples\">\n"
            for blocklist in delisting {
                let url = HTMLText.escape(blocklist.delistURL ?? "", limit: 2000)
                // Only the catalogue's own https pages become links.
                let link =
                    (blocklist.delistURL ?? "").hasPrefix("https://")
                    ? "<a href=\"\(url)\" rel=\"noreferrer noopener\">\(url)</a>" : url
                html += "<li>\(HTMLText.escape(blocklist.name, limit: 2000)): \(link)</li>\n"
            }
            html += "</ul>\n"
        }
        return html + "</section>\n"
    }

    private static func rejects(_ report: ScanReport) -> String {
        let rejects = report.rejects
        var html = "<section id=\"rejects\">\n<h2>Inbound rejects: \(rejects.total)</h2>\n"
        guard rejects.total > 0 else { return html + "</section>\n" }
        var byCause = HTMLTable([("Cause", false), ("Count", true)])
        for entry in rejects.byCause { byCause.add([entry.cause.identifier, "\(entry.count)"]) }
        html += byCause.render()
        if !rejects.byBlocklist.isEmpty {
            var byList = HTMLTable([("Client listed by", false), ("Count", true)])
            for entry in rejects.byBlocklist { byList.add([entry.name, "\(entry.count)"]) }
            html += byList.render()
        }
        html += clients(rejects.topClients)
        return html + "</section>\n"
    }

    private static func authFailures(_ report: ScanReport) -> String {
        let failures = report.authFailures
        var html = "<section id=\"sasl\">\n<h2>SASL failures: \(failures.total)</h2>\n"
        if failures.total > 0 {
            var byMTA = HTMLTable([("MTA", false), ("Count", true)])
            for entry in failures.byMTA where entry.count > 0 {
                byMTA.add([entry.mta.identifier, "\(entry.count)"])
            }
            html += byMTA.render()
            html += clients(failures.topClients)
        }
        if failures.relayLoginFailures > 0 {
            html +=
                "<p>Our logins refused by a relay: \(failures.relayLoginFailures)</p>\n"
        }
        return html + "</section>\n"
    }

    private static func clients(_ clients: [NamedCount]) -> String {
        guard !clients.isEmpty else { return "" }
        var table = HTMLTable([("Client IP", false), ("Count", true)])
        for client in clients { table.add([client.name, "\(client.count)"]) }
        return table.render()
    }

    private static func shapes(
        title: String, identifier: String, _ report: ShapeReport
    ) -> String {
        var html =
            "<section id=\"\(identifier)\">\n<h2>\(HTMLText.escape(title, limit: 2000)): \(report.total)</h2>\n"
        guard !report.shapes.isEmpty else { return html + "</section>\n" }
        html += "<ul class=\"samples\">\n"
        for entry in report.shapes {
            let shape = entry.shape.isEmpty ? "(no reply text)" : entry.shape
            html += "<li><b>\(entry.count)</b> <code>\(HTMLText.escape(shape, limit: 2000))</code>"
            if !entry.example.isEmpty {
                html += "<q>\(HTMLText.escape(entry.example, limit: 2000))</q>"
            }
            html += "</li>\n"
        }
        html += "</ul>\n"
        if report.approximate {
            html += "<p class=\"meta\">Many distinct shapes: counts are lower bounds.</p>\n"
        }
        return html + "</section>\n"
    }

    private static func lines(_ report: ScanReport) -> String {
        var html = "<section id=\"lines\">\n<h2>Lines</h2>\n"
        var table = HTMLTable([
            ("Source", false), ("Events", true), ("Ignored", true), ("Unrecognized", true),
            ("Truncated", true),
        ])
        for source in report.lines {
            table.add([
                source.source, "\(source.events)", "\(source.ignored)", "\(source.unrecognized)",
                "\(source.truncated)",
            ])
        }
        html += table.render()
        if !report.unreadableInputs.isEmpty {
            html += "<h3>Unreadable inputs</h3>\n<ul class=\"samples\">\n"
            for input in report.unreadableInputs {
                html +=
                    "<li><code>\(HTMLText.escape(input.source, limit: 2000))</code>: \(HTMLText.escape(input.reason, limit: 2000))</li>\n"
            }
            html += "</ul>\n"
        }
        return html + "</section>\n"
    }

    // MARK: - Pieces

    private static func legend(_ entries: [(name: String, color: String, total: Int)]) -> String {
        var html = "<ul class=\"legend\">\n"
        for entry in entries {
            html +=
                "<li><i style=\"background:\(entry.color)\"></i>\(HTMLText.escape(entry.name, limit: 80)) "
                + "\(entry.total)</li>\n"
        }
        return html + "</ul>\n"
    }

    private static func bucketName(_ seconds: Int) -> String {
        switch seconds {
        case 3600: "hour"
        case 86_400: "day"
        case let value where value % 86_400 == 0: "\(value / 86_400) days"
        default: "\(seconds / 3600) hours"
        }
    }
}
