import Testing

@testable import BounceCore

@Suite struct AlertMailTests {
    static let envelope = AlertMailEnvelope(
        hostname: "mx1", from: "bouncewatch@mx1.example.net",
        to: ["postmaster@example.net", "ops@example.net"],
        messageID: "<alert.1@mx1.example.net>", date: 1_700_000_000, utcOffsetSeconds: 3600)

    static func blacklistNotice() -> AlertNotice {
        var notice = AlertNotice(
            rule: "blacklisted", state: .firing,
            group: [AlertLabel("blocklist", "zen.spamhaus.org")], fingerprint: "0123456789abcdef",
            count: 42, windowSeconds: 900,
            destinations: [NamedCount("gmail.com", 20), NamedCount("yahoo.com", 12)],
            destinationCount: 7, cause: .blacklisted, blocklist: AlertFixture.zen,
            listedIP: "203.0.113.5",
            samples: [
                "Nov 14 23:10:01 mx1 postfix/smtp[1]: 4AB: to=<a@gmail.com>, status=deferred "
                    + "(host said: 554 5.7.1 Service unavailable; Client host [203.0.113.5] "
                    + "blocked using zen.spamhaus.org)"
            ],
            startedAt: 1_699_999_000, decidedAt: 1_699_999_900)
        notice.threshold = 1
        notice.status = .deferred
        notice.kind = .delivery
        return notice
    }

    @Test func headersOfAnOrdinaryAlert() {
        let mail = ParsedAlertMail(
            AlertMail.compose(Self.blacklistNotice(), envelope: Self.envelope))
        #expect(mail.problems == [])
        #expect(mail.values("Date") == ["Tue, 14 Nov 2023 23:13:20 +0100"])
        #expect(mail.values("From") == ["bouncewatch@mx1.example.net"])
        #expect(mail.values("To") == ["postmaster@example.net, ops@example.net"])
        #expect(mail.values("Message-ID") == ["<alert.1@mx1.example.net>"])
        #expect(mail.values("Auto-Submitted") == ["auto-generated"])
        #expect(mail.values("MIME-Version") == ["1.0"])
        #expect(mail.values("Content-Type") == ["text/plain; charset=utf-8"])
        #expect(mail.values("Content-Transfer-Encoding") == ["quoted-printable"])
        #expect(mail.values("X-Bouncewatch-Rule") == ["blacklisted"])
        #expect(mail.values("X-Bouncewatch-Fingerprint") == ["0123456789abcdef"])
        #expect(mail.values("References") == ["<bouncewatch.0123456789abcdef.1699999000@mx1>"])
        #expect(
            mail.subject
                == "[bouncewatch] mx1: blacklisted by Spamhaus ZEN (203.0.113.5) - "
                + "42 deferrals to 7 domains")
        #expect(mail.headerLines.allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func bodyCarriesNumbersListIPDelistingSamplesAndAdvice() {
        let mail = ParsedAlertMail(
            AlertMail.compose(Self.blacklistNotice(), envelope: Self.envelope))
        let body = mail.body
        #expect(body.hasPrefix("FIRING: blacklisted by Spamhaus ZEN (203.0.113.5)\n"))
        #expect(body.contains("42 matching events in the last 15 min"))
        #expect(body.contains("Listed IP:    203.0.113.5\n"))
        #expect(body.contains("Delisting:    https://check.spamhaus.org/\n"))
        #expect(body.contains("Block list:   Spamhaus ZEN (zen.spamhaus.org)\n"))
        #expect(body.contains("Destinations (7, the top 2):\n  gmail.com             20\n"))
        #expect(body.contains("Started:      2023-11-14 22:56:40 +0100\n"))
        #expect(body.contains("  | Nov 14 23:10:01 mx1 postfix/smtp[1]: 4AB: to=<a@gmail.com>"))
        #expect(body.contains("  + "))
        let advice = AlertMailBody.wrap(Remediation.advice(for: .blacklisted)).joined(
            separator: "\n")
        #expect(body.contains(advice))
        #expect(body.split(separator: "\n").allSatisfy { $0.count <= 78 })
    }

    @Test func resolvedAlertSaysSoInSubjectAndBody() {
        var notice = Self.blacklistNotice()
        notice.state = .resolved
        notice.count = 0
        let mail = ParsedAlertMail(AlertMail.compose(notice, envelope: Self.envelope))
        #expect(mail.problems == [])
        #expect(
            mail.subject
                == "[bouncewatch] mx1: RESOLVED blacklisted by Spamhaus ZEN (203.0.113.5)")
        #expect(mail.values("X-Bouncewatch-State") == ["resolved"])
        #expect(mail.body.hasPrefix("RESOLVED: "))
        #expect(mail.body.contains("The condition no longer holds: 0 matching events"))
    }

    static let hostileTexts = [
        "evil.example\r\nBcc: victim@example.com",
        "=?utf-8?q?Bcc=3A_x=40y?=",
        "Bcc: x@y",
        "nul\u{0}byte",
        String(repeating: "A", count: 10_000),
        "\u{202E}moc.elgoog\u{202C}",
        String(decoding: [0x66, 0xFF, 0xFE, 0x0A, 0x2E, 0x0D, 0x0A, 0x2E], as: UTF8.self),
        "ünïcödé.example",
        "\n.\n",
        "From someone@example.com Thu Nov 14 2023",
    ]

    @Test(arguments: hostileTexts)
    func hostileLogTextNeverReachesAHeaderOrBreaksTheMessage(_ text: String) {
        var notice = Self.blacklistNotice()
        notice.group = [AlertLabel("blocklist", text), AlertLabel("destination", text)]
        notice.blocklist = Blocklist(name: text, delistURL: text)
        notice.listedIP = text
        notice.destinations = [NamedCount(text, 3)]
        notice.destinationCount = 1
        notice.samples = [text, "prefix " + text, text + "\r\nBcc: z@z"]
        notice.rule = "rule " + text
        let envelope = AlertMailEnvelope(
            hostname: "mx1\r\nBcc: a@b " + text, from: "a@b\r\nBcc: c@d", to: ["x@y\nCc: e@f"],
            messageID: "<id\r\nBcc: g@h>", date: 0)
        let bytes = AlertMail.compose(notice, envelope: envelope)
        let mail = ParsedAlertMail(bytes)
        #expect(mail.problems == [])
        let names = mail.fields.map { $0.name }
        #expect(
            names == [
                "Date", "From", "To", "Subject", "Message-ID", "References", "Auto-Submitted",
                "X-Auto-Response-Suppress", "MIME-Version", "Content-Type",
                "Content-Transfer-Encoding", "X-Bouncewatch-Rule", "X-Bouncewatch-State",
                "X-Bouncewatch-Fingerprint",
            ])
        let subject = mail.subject ?? ""
        #expect(subject == AlertMail.subject(notice, hostname: envelope.hostname))
        #expect(subject.unicodeScalars.allSatisfy { !UntrustedText.isInvisible($0) })
        #expect(subject.count <= 200)
        #expect(subject.hasPrefix("[bouncewatch] mx1 Bcc: a@b"))
        // Encoded-words from the log stay visible text after decoding, never decoded twice.
        if text.contains("=?") { #expect(subject.contains("=?utf-8?q?")) }
        // Nothing in the body looks like an encoded-word on the wire, a lone dot or mbox From.
        #expect(!mail.rawBodyLines.contains { $0.contains("=?") })
        #expect(!mail.rawBodyLines.contains { $0 == "." || $0.hasPrefix("From ") })
        #expect(!mail.body.split(separator: "\n").contains { $0 == "." || $0.hasPrefix("From ") })
        // Every sample line is quoted; the log's line breaks are shown, not followed.
        let quoted = mail.body.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { $0 != "Sample log lines" }.prefix { $0 != "-- " }
        for line in quoted.dropFirst(4) where !line.isEmpty {
            #expect(line.hasPrefix("  | ") || line.hasPrefix("  + "))
        }
        #expect(!mail.body.contains("\u{0}"))
        #expect(!mail.body.contains("\r"))
        if text.contains("\r") { #expect(mail.body.contains("\\x0d")) }
        if text.count > 1000 { #expect(mail.body.contains("[cut: ")) }
    }

    @Test func longSubjectsAreCutAndFoldedWithinLimits() {
        var notice = Self.blacklistNotice()
        let long = String(repeating: "ä", count: 300)
        notice.group = [AlertLabel("blocklist", long)]
        let mail = ParsedAlertMail(AlertMail.compose(notice, envelope: Self.envelope))
        #expect(mail.problems == [])
        let subjectLines = mail.headerLines.drop { !$0.hasPrefix("Subject:") }.prefix {
            $0.hasPrefix("Subject:") || $0.hasPrefix(" ")
        }
        #expect(subjectLines.count > 1)
        #expect(subjectLines.allSatisfy { $0.utf8.count <= 78 })
        #expect(mail.subject == AlertMail.subject(notice, hostname: "mx1"))
        #expect(mail.subject?.contains(String(repeating: "ä", count: 61) + "...") == true)
    }

    struct DateCase: Sendable {
        var epoch: Int64
        var offset: Int
        var text: String
    }

    @Test(arguments: [
        DateCase(epoch: 0, offset: 0, text: "Thu, 1 Jan 1970 00:00:00 +0000"),
        DateCase(epoch: 1_700_000_000, offset: 3600, text: "Tue, 14 Nov 2023 23:13:20 +0100"),
        DateCase(epoch: 1_700_000_000, offset: -12_600, text: "Tue, 14 Nov 2023 18:43:20 -0330"),
        DateCase(epoch: 951_782_400, offset: 0, text: "Tue, 29 Feb 2000 00:00:00 +0000"),
        DateCase(epoch: -1, offset: 0, text: "Wed, 31 Dec 1969 23:59:59 +0000"),
        DateCase(epoch: 1_764_288_000, offset: 19_800, text: "Fri, 28 Nov 2025 05:30:00 +0530"),
    ])
    func rfc5322Dates(_ test: DateCase) {
        #expect(MailDate.rfc5322(test.epoch, utcOffsetSeconds: test.offset) == test.text)
    }

    @Test func quotedPrintableRoundTripsAndStaysShort() {
        let texts = [
            "plain\n", "trailing space \n", "tab\t\n", "=3D literal\n", ".\n", "..x\n",
            "From me\n", String(repeating: "é", count: 100) + "\n",
            String(repeating: "x", count: 300) + "\n", String(repeating: ". ", count: 80) + "\n",
            "a\nb\n\nc\n",
        ]
        for text in texts {
            let encoded = QuotedPrintable.encode(text)
            let mail = ParsedAlertMail(Array("X: y\r\n\r\n".utf8) + encoded)
            #expect(mail.problems == [], "\(text)")
            #expect(mail.body == text)
            #expect(!mail.rawBodyLines.contains { $0.hasSuffix(" ") || $0.hasPrefix(".") })
        }
    }

    @Test func messageIDFallsBackWhenTheGivenOneIsUnusable() {
        var envelope = Self.envelope
        envelope.messageID = "no at sign"
        let mail = ParsedAlertMail(AlertMail.compose(Self.blacklistNotice(), envelope: envelope))
        #expect(
            mail.values("Message-ID") == ["<bouncewatch.0123456789abcdef.1699999900.firing@mx1>"])
        let generated = AlertMailEnvelope.messageID(
            for: Self.blacklistNotice(), hostname: "mx1.example.net", unique: 255)
        #expect(generated == "<bouncewatch.0123456789abcdef.1699999900.firing.ff@mx1.example.net>")
    }

    @Test func longIdentifiersAreFoldedBeforeTheAngleBracket() {
        var envelope = Self.envelope
        envelope.hostname = "mail-gateway-01.eu-west-1.example.net"
        envelope.messageID = AlertMailEnvelope.messageID(
            for: Self.blacklistNotice(), hostname: envelope.hostname, unique: 0xdead_beef)
        let mail = ParsedAlertMail(AlertMail.compose(Self.blacklistNotice(), envelope: envelope))
        // An identifier cannot be folded inside, so only a line holding one alone may pass 78.
        let folded = " " + envelope.messageID
        #expect(
            mail.headerLines.allSatisfy {
                $0.utf8.count <= 78 || ($0.hasPrefix(" <") && !$0.dropFirst().contains(" "))
            })
        #expect(mail.headerLines.contains("Message-ID:"))
        #expect(mail.headerLines.contains(folded))
        let value = mail.values("Message-ID").first?.trimmingCharacters(in: .whitespaces)
        #expect(value == envelope.messageID)
    }
}
