import Testing

@testable import BounceCore

/// Feeds real-shaped lines through the parser, the classifier and the aggregator.
private func report(_ lines: [String], top: Int = 10, providers: ProviderTable = .standard)
    -> ScanReport
{
    var aggregator = ScanAggregator(topDestinations: top, providers: providers)
    ClassifiedLines.forEach(lines) { _, event, classification, buffer in
        aggregator.add(event, classification, in: buffer)
    }
    return aggregator.report()
}

private func bounce(_ host: String, _ recipient: String, relay: String, reply: String) -> String {
    "Nov 26 10:14:03 \(host) postfix/smtp[4242]: 4F2A11C0D3: to=<\(recipient)>, relay=\(relay), "
        + "delay=1.4, delays=0.1/0/0.7/0.6, dsn=5.1.1, status=bounced "
        + "(host x said: \(reply) (in reply to RCPT TO command))"
}

private func sent(_ host: String, _ recipient: String, relay: String) -> String {
    "Nov 26 10:14:03 \(host) postfix/smtp[4242]: 4F2A11C0D3: to=<\(recipient)>, relay=\(relay), "
        + "delay=1.4, delays=0.1/0/0.7/0.6, dsn=2.0.0, status=sent (250 2.0.0 OK)"
}

@Test func scanCountsDeliveriesPerProvider() {
    let exo = "contoso-com.mail.protection.outlook.com[52.101.41.3]:25"
    var lines: [String] = []
    // Forty Microsoft 365 domains, one bounce each, and one delivery to a Gmail user.
    for index in 0..<40 {
        lines.append(
            bounce(
                "mx1", "user@tenant\(index).example", relay: exo,
                reply: "550 5.4.1 Recipient address rejected: Access denied."))
    }
    lines.append(
        sent("mx1", "jane@gmail.com", relay: "gmail-smtp-in.l.google.com[142.250.102.27]:25"))
    lines.append(
        sent("mx1", "joe@example-unknown.org", relay: "mx.example-unknown.org[192.0.2.7]:25"))
    let result = report(lines, top: 5)
    #expect(result.providers.map(\.name) == ["microsoft", "google"])
    let microsoft = result.providers[0]
    #expect(microsoft.counts.bounced == 40)
    #expect(microsoft.counts.sent == 0)
    #expect(microsoft.mainCauses.first?.count == 40)
    #expect(result.providers[1].counts.sent == 1)
    #expect(result.otherProviders.counts.sent == 1)
    #expect(result.otherProviders.counts.total == 1)
    // The provider rows and `other` add up to every delivery.
    let total =
        result.providers.reduce(0) { $0 + $1.counts.total } + result.otherProviders.counts.total
    #expect(total == result.deliveries.total)
    // The destinations scatter the same forty bounces.
    #expect(result.destinations.count == 5)
}

@Test func scanCountsEventsPerHost() {
    let relay = "mx.example.org[192.0.2.7]:25"
    var lines: [String] = []
    for _ in 0..<3 { lines.append(sent("mta-a", "x@example.org", relay: relay)) }
    lines.append(bounce("mta-b", "y@example.org", relay: relay, reply: "550 5.1.1 User unknown"))
    lines.append(bounce("MTA-B", "z@example.org", relay: relay, reply: "550 5.1.1 User unknown"))
    lines.append(
        "Nov 26 10:14:05 mta-c postfix/smtpd[4300]: NOQUEUE: reject: RCPT from "
            + "unknown[203.0.113.45]: 554 5.7.1 Service unavailable; from=<a@b.example> "
            + "to=<info@example.org> proto=ESMTP helo=<b.example>")
    let result = report(lines, top: 2)
    #expect(result.hostsSeen == 3)
    #expect(result.hosts.map(\.name) == ["mta-a", "mta-b"])
    #expect(result.hosts[0].deliveries.sent == 3)
    #expect(result.hosts[1].deliveries.bounced == 2, "host names compare case-insensitively")
    #expect(result.otherHosts?.rejects == 1)
    #expect(result.otherHosts?.deliveries.total == 0)
}

@Test func oneHostIsNoFleet() {
    let result = report([sent("mx1", "x@example.org", relay: "none")])
    #expect(result.hostsSeen == 1)
    #expect(result.otherHosts == nil)
}

@Test func hostTableStaysBounded() {
    var aggregator = ScanAggregator(topDestinations: 3)
    let parser = LineParser(format: .auto)
    for index in 0..<5000 {
        let line = Array(sent("mta\(index)", "x@example.org", relay: "none").utf8)
        line.withUnsafeBufferPointer { buffer in
            var event = RawEvent.unparsed()
            _ = parser.parse(buffer, into: &event)
            aggregator.add(event, nil, in: buffer)
        }
    }
    let result = aggregator.report()
    #expect(result.hostsSeen <= HostTally.minimumCapacity)
    #expect(result.hosts.count == 3)
    #expect(result.hostsApproximate)
    let listed = result.hosts.reduce(0) { $0 + $1.deliveries.sent }
    #expect(listed + (result.otherHosts?.deliveries.sent ?? 0) == 5000)
}

/// Runs of lines from one host take the shortcut past the table; with hosts replacing each
/// other in between, counts must still add up and a busy host must stay exact.
@Test func hostRunsAndReplacementsKeepCountsExact() {
    var lines: [String] = []
    for index in 0..<3000 {
        let host = index % 3 == 0 ? "busy" : "h\(index)"
        lines.append(sent(host, "x@example.org", relay: "none"))
        lines.append(sent(host, "y@example.org", relay: "none"))
    }
    let result = report(lines, top: 1)
    #expect(result.hostsApproximate)
    #expect(result.hosts.map(\.name) == ["busy"])
    #expect(result.hosts[0].deliveries.sent == 2000)
    #expect((result.otherHosts?.deliveries.sent ?? 0) == 4000)
}
