import BounceCore

/// Renders a scan report for a mail administrator: plain text, aligned columns, no colours.
///
/// Sections: Deliveries, Delivery delay (median and 95th percentile from arrival to the final
/// outcome, when any is known), Causes (with a sample reply each), Providers, Hosts (when more
/// than one syslog host wrote the log), Destinations, Senders and Authenticated users (with
/// `--senders`), Blocklists, Inbound rejects, SASL failures,
/// Unclassified replies (by shape), Guessed from the reply code alone (by shape), Unrecognized
/// delivery lines (by shape, only when there are any), Lines. Text
/// from the log is cleaned of control characters.
public enum ScanTextRenderer {
    private static let deliveryStatuses: [DeliveryStatus] = [.sent, .deferred, .bounced, .expired]

    /// The report as text, ending with a newline.
    public static func render(_ report: ScanReport) -> String {
        var sections: [String] = []
        sections.append(header(report))
        sections.append(deliveries(report))
        // Only when an outcome had a known delay (an Exim log without `+queue_time` has none).
        let delays = DelaySectionRendering.text(report.deliveryDelays)
        if !delays.isEmpty { sections.append(delays) }
        sections.append(causes(report))
        sections.append(providers(report))
        if report.hostsSeen > 1 { sections.append(hosts(report)) }
        sections.append(destinations(report))
        if let senders = report.senders { sections.append(SenderSectionRendering.text(senders)) }
        sections.append(blocklists(report))
        sections.append(rejects(report))
        sections.append(authFailures(report))
        sections.append(
            ShapeSectionRendering.text(
                title: "Unclassified replies (by shape)", report.unclassifiedShapes))
        sections.append(
            ShapeSectionRendering.text(
                title: "Guessed from the reply code alone (by shape)", report.guessedShapes))
        // Only when there are any: most logs have none, and the section says so in `Lines`.
        if report.unrecognizedDeliveryShapes.total > 0 {
            sections.append(
                ShapeSectionRendering.text(
                    title: "Unrecognized delivery lines (by shape)",
                    report.unrecognizedDeliveryShapes))
        }
        sections.append(lines(report))
        return sections.joined(separator: "\n")
    }

    private static func header(_ report: ScanReport) -> String {
        var text = "bouncewatch scan report\n"
        switch (report.firstEvent, report.lastEvent) {
        case (let first?, let last?):
            text += "Events from \(TimestampText.format(first)) to \(TimestampText.format(last))\n"
        default:
            text += "No events\n"
        }
        if let period = report.period { text += ScanPeriodText.sentence(period) + "\n" }
        return text
    }

    private static func deliveries(_ report: ScanReport) -> String {
        var table = TextTable([("Status", .left), ("Count", .right)])
        for status in deliveryStatuses {
            table.add([status.identifier, "\(report.deliveries[status])"])
        }
        table.add(["total", "\(report.deliveries.total)"])
        return "Deliveries\n" + table.render()
    }

    private static func causes(_ report: ScanReport) -> String {
        guard !report.causes.isEmpty else { return "Causes\n  none\n" }
        var table = TextTable([
            ("Cause", .left), ("Total", .right), ("Deferred", .right), ("Bounced", .right),
            ("Expired", .right), ("Rejected", .right),
        ])
        for summary in report.causes {
            let counts = summary.counts
            table.add([
                summary.cause.identifier, "\(counts.total)", "\(counts.deferred)",
                "\(counts.bounced)", "\(counts.expired)", "\(counts.rejected)",
            ])
        }
        var text = "Causes\n" + table.render() + "\n  Sample replies\n"
        for summary in report.causes {
            let reply = summary.sampleReply.map(TextTable.clean) ?? "(no reply text)"
            text += "  \(summary.cause.identifier): \(reply)\n"
        }
        return text
    }

    private static func providers(_ report: ScanReport) -> String {
        var table = TextTable([
            ("Provider", .left), ("Sent", .right), ("Deferred", .right), ("Bounced", .right),
            ("Expired", .right), ("Failed", .right), ("Main causes", .left),
        ])
        for provider in report.providers + [report.otherProviders] {
            table.add(DeliveryRowCells.cells(provider.name, provider.counts, provider.mainCauses))
        }
        return "Providers (by relay host, reply signature or recipient domain; the rest as other)\n"
            + table.render()
    }

    private static func hosts(_ report: ScanReport) -> String {
        var table = TextTable([
            ("Host", .left), ("Sent", .right), ("Deferred", .right), ("Bounced", .right),
            ("Expired", .right), ("Failed", .right), ("Rejects", .right),
            ("SASL failures", .right),
        ])
        for host in report.hosts + (report.otherHosts.map { [$0] } ?? []) {
            let counts = host.deliveries
            table.add([
                TextTable.clean(host.name), "\(counts.sent)", "\(counts.deferred)",
                "\(counts.bounced)", "\(counts.expired)", FailureRate.percent(counts),
                "\(host.rejects)", "\(host.authFailures)",
            ])
        }
        var text =
            "Hosts (\(report.hostsSeen) seen; top \(report.hosts.count), the rest as other)\n"
        text += table.render()
        if report.hostsApproximate {
            text += "  (many distinct hosts: counts of the top hosts may miss a few early events)\n"
        }
        return text
    }

    private static func destinations(_ report: ScanReport) -> String {
        var table = TextTable([
            ("Domain", .left), ("Sent", .right), ("Deferred", .right), ("Bounced", .right),
            ("Expired", .right), ("Main causes", .left),
        ])
        for destination in report.destinations + [report.otherDestinations] {
            let counts = destination.counts
            table.add([
                destination.name, "\(counts.sent)", "\(counts.deferred)", "\(counts.bounced)",
                "\(counts.expired)", DeliveryRowCells.mainCauses(destination.mainCauses),
            ])
        }
        var text = "Destinations (top \(report.destinations.count), the rest as other)\n"
        text += table.render()
        if report.destinationsApproximate {
            text +=
                "  (many distinct domains: counts of the top domains may miss a few early events)\n"
        }
        return text
    }

    private static func blocklists(_ report: ScanReport) -> String {
        guard !report.blocklists.isEmpty else { return "Blocklists that named us\n  none\n" }
        var table = TextTable([("Blocklist", .left), ("Hits", .right), ("Listed IPs", .left)])
        for blocklist in report.blocklists {
            table.add([
                blocklist.name, "\(blocklist.hits)",
                blocklist.listedIPs.isEmpty ? "-" : blocklist.listedIPs.joined(separator: ", "),
            ])
        }
        var text = "Blocklists that named us\n" + table.render()
        for blocklist in report.blocklists {
            if let url = blocklist.delistURL {
                text += "  \(TextTable.clean(blocklist.name)): delist at \(TextTable.clean(url))\n"
            }
        }
        return text
    }

    private static func rejects(_ report: ScanReport) -> String {
        let rejects = report.rejects
        var text = "Inbound rejects: \(rejects.total)\n"
        guard rejects.total > 0 else { return text }
        var byCause = TextTable([("Cause", .left), ("Count", .right)])
        for entry in rejects.byCause { byCause.add([entry.cause.identifier, "\(entry.count)"]) }
        text += byCause.render()
        if !rejects.byBlocklist.isEmpty {
            var byList = TextTable([("Client listed by", .left), ("Count", .right)])
            for entry in rejects.byBlocklist { byList.add([entry.name, "\(entry.count)"]) }
            text += "\n" + byList.render()
        }
        text += clients(rejects.topClients)
        return text
    }

    private static func authFailures(_ report: ScanReport) -> String {
        let failures = report.authFailures
        var text = "SASL failures: \(failures.total)\n"
        if failures.total > 0 {
            var byMTA = TextTable([("MTA", .left), ("Count", .right)])
            for entry in failures.byMTA where entry.count > 0 {
                byMTA.add([entry.mta.identifier, "\(entry.count)"])
            }
            text += byMTA.render()
            text += clients(failures.topClients)
        }
        if failures.relayLoginFailures > 0 {
            text += "\nOur logins refused by a relay: \(failures.relayLoginFailures)\n"
        }
        return text
    }

    private static func clients(_ clients: [NamedCount]) -> String {
        guard !clients.isEmpty else { return "" }
        var table = TextTable([("Client IP", .left), ("Count", .right)])
        for client in clients { table.add([client.name, "\(client.count)"]) }
        return "\n" + table.render()
    }

    private static func lines(_ report: ScanReport) -> String {
        var table = TextTable([
            ("Source", .left), ("Events", .right), ("Ignored", .right), ("Unrecognized", .right),
            ("Truncated", .right),
        ])
        for source in report.lines {
            table.add([
                source.source, "\(source.events)", "\(source.ignored)", "\(source.unrecognized)",
                "\(source.truncated)",
            ])
        }
        var text = "Lines\n" + table.render()
        if !report.unreadableInputs.isEmpty {
            text += "\n  Unreadable inputs\n"
            for input in report.unreadableInputs {
                text += "  \(TextTable.clean(input.source)): \(TextTable.clean(input.reason))\n"
            }
        }
        return text
    }
}
