import BounceCore

/// Notices and messages the tests send.
enum SampleNotices {
    static let startedAt: Int64 = 1_795_734_000

    static func blacklisted(
        state: AlertNotice.State = .firing, fingerprint: String = "blacklisted/zen",
        decidedAt: Int64 = startedAt + 60
    ) -> AlertNotice {
        AlertNotice(
            rule: "blacklisted", state: state,
            group: [AlertLabel("blocklist", "zen.spamhaus.org")], fingerprint: fingerprint,
            count: 42, windowSeconds: 900,
            destinations: [NamedCount("gmail.com", 30), NamedCount("example.org", 12)],
            destinationCount: 7, cause: .blacklisted,
            blocklist: Blocklist(
                name: "zen.spamhaus.org", delistURL: "https://check.spamhaus.org/"),
            listedIP: "203.0.113.5",
            samples: ["Nov 27 04:00:01 mx1 postfix/smtp[1]: 554 5.7.1 blocked using zen"],
            startedAt: startedAt, decidedAt: decidedAt)
    }

    static func deferralStorm(state: AlertNotice.State = .firing) -> AlertNotice {
        AlertNotice(
            rule: "deferral-storm", state: state,
            group: [AlertLabel("destination", "outlook.com")], fingerprint: "deferral/outlook",
            count: 40, ratio: 0.4, denominator: 100, windowSeconds: 1800,
            destinations: [NamedCount("outlook.com", 40)], destinationCount: 1,
            startedAt: startedAt, decidedAt: startedAt + 120)
    }

    /// A small CRLF message with a body line that starts with a dot and one with `From `.
    static func message(subject: String = "test message", marker: String = "marker-1") -> [UInt8] {
        let lines = [
            "From: bouncewatch@mx1.bouncewatch.test",
            "To: ops@bouncewatch.test",
            "Subject: \(subject)",
            "Message-ID: <\(marker)@mx1.bouncewatch.test>",
            "",
            "first body line \(marker)",
            ".a line that starts with a dot",
            "From the log: something",
            "last line",
        ]
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}
