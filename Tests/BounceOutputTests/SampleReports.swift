import BounceCore

/// Fixed reports for the renderer tests.
enum SampleReports {
    /// A small report with every section filled, from both MTAs.
    static let small = withProvidersAndHosts(
        ScanReport(
            firstEvent: LogTimestamp(year: nil, month: 11, day: 26, hour: 6, minute: 25, second: 2),
            lastEvent: LogTimestamp(
                year: 2026, month: 11, day: 26, hour: 18, minute: 4, second: 9,
                nanosecond: 120_000_000, utcOffsetSeconds: 3600),
            deliveries: StatusCounts(sent: 19, deferred: 35, bounced: 10, expired: 5),
            causes: [
                CauseSummary(
                    cause: .network, counts: StatusCounts(deferred: 20, bounced: 1),
                    sampleReply: "connect to mx.example.net[192.0.2.25]:25: Connection refused"),
                CauseSummary(
                    cause: .recipientUnknown, counts: StatusCounts(bounced: 6, rejected: 2),
                    sampleReply:
                        "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown"),
                CauseSummary(
                    cause: .blacklisted, counts: StatusCounts(deferred: 5),
                    sampleReply:
                        "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org"
                ),
                CauseSummary(cause: .expired, counts: StatusCounts(expired: 5), sampleReply: nil),
                CauseSummary(
                    cause: .authFailure, counts: StatusCounts(rejected: 5),
                    sampleReply: "535 5.7.8 Error: authentication failed: authentication failure"),
            ],
            destinations: [
                DestinationSummary(
                    name: "example.net", counts: StatusCounts(sent: 4, deferred: 20, bounced: 1),
                    mainCauses: [CauseCount(.network, 21)],
                    cells: [
                        DeliveryCell(mta: .postfix, status: .sent, cause: nil, count: 4),
                        DeliveryCell(mta: .postfix, status: .deferred, cause: .network, count: 20),
                        DeliveryCell(mta: .exim, status: .bounced, cause: .network, count: 1),
                    ]),
                DestinationSummary(
                    name: "example.org", counts: StatusCounts(sent: 10, deferred: 5, bounced: 6),
                    mainCauses: [CauseCount(.recipientUnknown, 6), CauseCount(.blacklisted, 5)],
                    cells: [
                        DeliveryCell(mta: .postfix, status: .sent, cause: nil, count: 10),
                        DeliveryCell(
                            mta: .postfix, status: .deferred, cause: .blacklisted, count: 5),
                        DeliveryCell(
                            mta: .exim, status: .bounced, cause: .recipientUnknown, count: 6),
                    ]),
            ],
            otherDestinations: DestinationSummary(
                name: "other", counts: StatusCounts(sent: 5, deferred: 10, bounced: 3, expired: 5),
                mainCauses: [CauseCount(.unclassified, 13), CauseCount(.expired, 5)],
                cells: [
                    DeliveryCell(mta: .exim, status: .sent, cause: nil, count: 5),
                    DeliveryCell(mta: .postfix, status: .deferred, cause: .unclassified, count: 10),
                    DeliveryCell(mta: .postfix, status: .bounced, cause: .unclassified, count: 3),
                    DeliveryCell(mta: .exim, status: .expired, cause: .expired, count: 5),
                ]),
            destinationsApproximate: false,
            blocklists: [
                BlocklistSummary(
                    name: "zen.spamhaus.org", delistURL: "https://check.spamhaus.org/", hits: 5,
                    listedIPs: ["198.51.100.7"],
                    destinations: [NamedCount("example.org", 5)])
            ],
            rejects: RejectSummary(
                total: 5,
                cells: [
                    RejectCell(mta: .postfix, cause: .recipientUnknown, count: 2),
                    RejectCell(mta: .postfix, cause: .blacklisted, count: 3),
                ],
                topClients: [NamedCount("203.0.113.50", 2), NamedCount("192.0.2.99", 1)],
                byBlocklist: [NamedCount("zen.spamhaus.org", 2), NamedCount("bl.spamcop.net", 1)]),
            authFailures: AuthFailureSummary(
                total: 5, byMTA: [MTACount(.postfix, 3), MTACount(.exim, 2)],
                topClients: [NamedCount("203.0.113.66", 4), NamedCount("2001:db8::66", 1)],
                relayLoginFailures: 2),
            lines: [
                SourceLines(source: "maillog", events: 60, ignored: 200, unrecognized: 3),
                SourceLines(source: "mainlog.1.gz", events: 16, ignored: 40, truncated: 1),
            ],
            unreadableInputs: [
                UnreadableInput(source: "maillog.2.gz", reason: "truncated gzip stream")
            ],
            unclassifiedShapes: ShapeReport(
                total: 13,
                shapes: [
                    ShapeCount(
                        shape: "451 busy on <host>, try in # minutes", count: 10,
                        example: "451 Busy on mx2.example.org, try in 5 minutes"),
                    ShapeCount(
                        shape: "550 computer says no", count: 3, example: "550 Computer says no"),
                ]),
            guessedShapes: ShapeReport(
                total: 4,
                shapes: [
                    ShapeCount(
                        shape: "554 transaction refused by <host>", count: 4,
                        example: "554 Transaction refused by mx.example.org")
                ])
        ))

    /// `small` split by provider, by the two syslog hosts that wrote its lines and by who sent
    /// its mail (`senders`); the rows add up to its deliveries.
    private static func withProvidersAndHosts(_ base: ScanReport) -> ScanReport {
        var report = base
        report.providers = [
            DestinationSummary(
                name: "google", counts: StatusCounts(sent: 8, deferred: 20),
                mainCauses: [CauseCount(.network, 20)]),
            DestinationSummary(
                name: "microsoft", counts: StatusCounts(sent: 6, deferred: 5, bounced: 6),
                mainCauses: [CauseCount(.recipientUnknown, 6), CauseCount(.blacklisted, 5)]),
        ]
        report.otherProviders = DestinationSummary(
            name: "other", counts: StatusCounts(sent: 5, deferred: 10, bounced: 4, expired: 5),
            mainCauses: [CauseCount(.unclassified, 13), CauseCount(.expired, 5)])
        report.hostsSeen = 2
        report.hosts = [
            HostSummary(
                name: "mx1", deliveries: StatusCounts(sent: 12, deferred: 20, bounced: 4),
                rejects: 5, authFailures: 3),
            HostSummary(
                name: "mx2",
                deliveries: StatusCounts(sent: 7, deferred: 15, bounced: 6, expired: 5),
                authFailures: 4),
        ]
        report.deliveryDelays = [
            DelaySummary(status: .sent, count: 19, medianMillis: 460, p95Millis: 192_000),
            DelaySummary(status: .bounced, count: 10, medianMillis: 1800, p95Millis: 3_723_000),
            DelaySummary(
                status: .expired, count: 5, medianMillis: 432_000_000, p95Millis: 432_010_000),
        ]
        report.senders = senders
        return report
    }

    /// `small`'s deliveries by sender domain (the null sender `<>` among them) and SASL user;
    /// the domain rows add up to its deliveries, the users' to those submitted with a login.
    private static var senders: SenderReport {
        var senders = SenderReport()
        senders.domains = [
            SenderSummary(
                name: "shop.example", counts: StatusCounts(sent: 9, deferred: 20, bounced: 2),
                mainCauses: [CauseCount(.network, 20), CauseCount(.recipientUnknown, 2)]),
            SenderSummary(
                name: "<>", counts: StatusCounts(sent: 2, bounced: 4),
                mainCauses: [CauseCount(.recipientUnknown, 4)]),
        ]
        senders.otherDomains = SenderSummary(
            name: "other", counts: StatusCounts(sent: 8, deferred: 15, bounced: 4, expired: 5),
            mainCauses: [
                CauseCount(.unclassified, 13), CauseCount(.blacklisted, 5), CauseCount(.expired, 5),
            ])
        senders.users = [
            SenderSummary(
                name: "yasmin.brown", counts: StatusCounts(sent: 6, deferred: 5, bounced: 1),
                mainCauses: [CauseCount(.blacklisted, 5), CauseCount(.recipientUnknown, 1)])
        ]
        return senders
    }

    /// Label values a stranger could put in a log: quotes, backslashes, newlines, control bytes,
    /// a 10 kB domain, invalid UTF-8 (repaired as it is decoded), and two names that become the
    /// same label once repaired.
    static var hostile: ScanReport {
        let longDomain = String(repeating: "a", count: 10_000) + ".example"
        let invalid = String(decoding: [0x78, 0xFF, 0xC3, 0x2E, 0x63, 0x6F, 0x6D], as: UTF8.self)
        let invalidTwin = String(
            decoding: [0x78, 0xFE, 0xC3, 0x2E, 0x63, 0x6F, 0x6D], as: UTF8.self)
        // A multi-byte character straddling the 256-byte cap.
        let straddling = String(repeating: "b", count: 255) + "é" + "tail"
        let names = [
            "quote\".example", "back\\slash.example", "new\nline.example",
            "cr\r\u{0}\u{1B}[31m.example", longDomain, invalid, invalidTwin, straddling,
            "}\"} 1\nbouncewatch_fake_total 9",
        ]
        let destinations = names.map { name in
            DestinationSummary(
                name: name, counts: StatusCounts(sent: 1, deferred: 1),
                mainCauses: [CauseCount(.network, 1)],
                cells: [
                    DeliveryCell(mta: .postfix, status: .sent, cause: nil, count: 1),
                    DeliveryCell(mta: .postfix, status: .deferred, cause: .network, count: 1),
                ])
        }
        return ScanReport(
            deliveries: StatusCounts(sent: names.count, deferred: names.count),
            destinations: destinations,
            blocklists: [
                BlocklistSummary(
                    name: "evil\"list\\\n", delistURL: nil, hits: 2,
                    destinations: [NamedCount(invalid, 1), NamedCount(invalidTwin, 1)])
            ],
            lines: [
                SourceLines(source: "/var/log/mail\"log\n", events: 1),
                SourceLines(source: String(repeating: "c", count: 300) + "1", ignored: 1),
                SourceLines(source: String(repeating: "c", count: 300) + "2", ignored: 2),
            ])
    }
}
