/// The digest as plain text for a terminal and for the text part of the digest mail.
///
/// Lines end with `\n`; text from the log (replies, domains, addresses, list names) is shown
/// through `UntrustedText`, so no control or bidi character reaches the reader's terminal.
public enum DigestTextRenderer {
    public static func render(_ digest: Digest) -> String {
        var out = DigestTextLines()
        let host = UntrustedText.inline(digest.hostname, limit: 64)
        out.line("bouncewatch digest: \(host.isEmpty ? "localhost" : host)")
        out.line("Period:   \(digest.periodText)")
        out.line("Compared: the period just before, of the same length")
        totals(digest, into: &out)
        causes(digest, into: &out)
        rates("PROVIDERS", digest.providers, into: &out)
        rates("DESTINATIONS", digest.destinations, into: &out)
        queue(digest, into: &out)
        blocklists(digest.current.blocklists, into: &out)
        clients(
            "INBOUND REJECTS", digest.current.rejects.total, digest.previous.rejects.total,
            digest.current.rejects.topClients, into: &out)
        clients(
            "SASL FAILURES", digest.current.authFailures.total,
            digest.previous.authFailures.total, digest.current.authFailures.topClients,
            into: &out)
        shapes(digest.current.unclassifiedShapes, into: &out)
        advice(digest, into: &out)
        return out.text
    }

    private static func totals(_ digest: Digest, into out: inout DigestTextLines) {
        out.heading("TOTALS")
        var table: [[String]] = [["", "now", "before", "change"]]
        for row in digest.totals {
            table.append([row.label, String(row.now), String(row.before), row.change])
        }
        let rate = digest.failureRate
        table.append([
            "failure rate", rate.now.text, rate.before.text, rate.now.change(from: rate.before),
        ])
        out.table(table, rightAligned: [1, 2])
    }

    private static func causes(_ digest: Digest, into out: inout DigestTextLines) {
        out.heading("CAUSES")
        let rows = digest.causes
        guard !rows.isEmpty else { return out.line("  none") }
        var table: [[String]] = [["", "now", "before", "change"]]
        var samples: [Int: [String]] = [:]
        for (index, row) in rows.enumerated() {
            table.append([row.cause.identifier, String(row.now), String(row.before), row.change])
            if let reply = row.sampleReply { samples[index + 1] = UntrustedText.quote(reply) }
        }
        out.table(table, rightAligned: [1, 2], after: samples.mapValues { $0.map { "  " + $0 } })
    }

    private static func rates(
        _ title: String, _ rows: [DigestRateRow], into out: inout DigestTextLines
    ) {
        out.heading(title)
        guard !rows.isEmpty else { return out.line("  none") }
        var table: [[String]] = [["", "attempts", "failed", "rate", "before", "main cause"]]
        for row in rows {
            table.append([
                UntrustedText.inline(row.name, limit: 60), String(row.counts.total),
                String(row.counts.failures), row.rate.text, row.previousRate?.text ?? "-",
                row.mainCause?.identifier ?? "",
            ])
        }
        out.table(table, rightAligned: [1, 2, 3, 4])
    }

    private static func blocklists(_ lists: [BlocklistSummary], into out: inout DigestTextLines) {
        out.heading("BLOCK LISTS THAT NAMED US")
        guard !lists.isEmpty else { return out.line("  none") }
        for list in lists.prefix(Digest.rowLimit) {
            let name = UntrustedText.inline(list.name, limit: 80)
            let shown = UntrustedText.inline(BlocklistDisplayName.of(list.name), limit: 80)
            let label = shown == name ? name : "\(shown) (\(name))"
            out.line("  \(label): \(list.hits) \(list.hits == 1 ? "hit" : "hits")")
            if !list.listedIPs.isEmpty {
                let ips = list.listedIPs.map { UntrustedText.inline($0, limit: 64) }
                out.line("    listed: " + ips.joined(separator: ", "))
            }
            if let url = list.delistURL {
                out.line("    delisting: " + UntrustedText.inline(url, limit: 200))
            }
        }
    }

    private static func clients(
        _ title: String, _ now: Int, _ before: Int, _ top: [NamedCount],
        into out: inout DigestTextLines
    ) {
        out.heading(title)
        out.line("  \(now) (before: \(before), \(DigestChange.text(now: now, before: before)))")
        guard !top.isEmpty else { return }
        out.line("  top clients:")
        var table: [[String]] = []
        for client in top.prefix(Digest.shortListLimit) {
            table.append([
                "  " + UntrustedText.inline(client.name, limit: 64), String(client.count),
            ])
        }
        out.table(table, rightAligned: [1])
    }

    private static func shapes(_ report: ShapeReport, into out: inout DigestTextLines) {
        out.heading("UNCLASSIFIED REPLIES")
        guard !report.shapes.isEmpty else { return out.line("  none") }
        out.line("  \(report.total) replies no rule explained; the most frequent shapes:")
        for shape in report.shapes.prefix(Digest.shortListLimit) {
            out.line("  \(shape.count) \u{D7}")
            for line in UntrustedText.quote(shape.shape) { out.line("  " + line) }
        }
    }

    private static func advice(_ digest: Digest, into out: inout DigestTextLines) {
        out.heading("WHAT TO DO")
        let items = digest.advice
        guard !items.isEmpty else { return out.line("  No cause grew against the period before.") }
        let rows = Dictionary(digest.causes.map { ($0.cause.rawValue, $0) }) { first, _ in first }
        for item in items {
            let change = rows[item.cause.rawValue]?.change ?? ""
            out.line("  \(item.cause.identifier) (\(change))")
            out.line("    \(item.line)")
        }
    }

    private static func queue(_ digest: Digest, into out: inout DigestTextLines) {
        guard let queue = digest.queue else { return }
        out.heading("QUEUE")
        guard let mta = queue.mta else { return out.line("  not read yet") }
        guard queue.up, let readAt = queue.readAt else {
            return out.line("  the \(mta.identifier) queue could not be read at the last attempt")
        }
        let when = MailDate.readable(readAt, utcOffsetSeconds: digest.utcOffsetSeconds)
        out.line("  the \(mta.identifier) queue, read \(when)")
        var table: [[String]] = [["", "messages", "recipients", "oldest"]]
        for row in queue.queues {
            table.append([
                row.name.identifier, String(row.messages), String(row.recipients),
                DigestQueue.age(row.oldestAgeSeconds),
            ])
        }
        out.table(table, rightAligned: [1, 2])
        counted("deferred recipients by cause:", queue.deferredByCause, into: &out)
        counted("deferred recipients by destination:", queue.deferredDestinations, into: &out)
    }

    private static func counted(
        _ title: String, _ rows: [NamedCount], into out: inout DigestTextLines
    ) {
        guard !rows.isEmpty else { return }
        out.line("  \(title)")
        out.table(
            rows.map { ["  " + UntrustedText.inline($0.name, limit: 64), String($0.count)] },
            rightAligned: [1])
    }
}
