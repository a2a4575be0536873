import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// The daemon's delay histogram for outcomes whose line gives no delay (Exim without `QT=`,
/// Postfix's expiries): taken from the message's arrival while messages are followed, as
/// `scan --senders` takes it.
@Suite struct DaemonDelayFromArrivalTests {
    /// An Exim message received at 10:00:00 and delivered at 10:00:07 to one recipient and
    /// bounced at 10:01:00 for another, neither with `QT=`.
    static let eximLines = [
        "2026-11-26 10:00:00 1vQxAa-000Abc-1x <= alice@sender.example H=c.example [192.0.2.9]"
            + " P=esmtpa A=plain:alice S=900 id=m1@sender.example",
        "2026-11-26 10:00:07 1vQxAa-000Abc-1x => bob@d.example R=dnslookup T=remote_smtp"
            + " H=mx.d.example [192.0.2.1] C=\"250 2.0.0 ok\"",
        "2026-11-26 10:01:00 1vQxAa-000Abc-1x ** carol@d.example R=dnslookup T=remote_smtp"
            + " H=mx.d.example [192.0.2.1]: SMTP error from remote mail server after RCPT"
            + " TO:<carol@d.example>: 550 5.1.1 User unknown",
        "2026-11-26 10:01:00 1vQxAa-000Abc-1x Completed",
    ]

    /// `_count` and `_sum` (seconds) of the textfile's delay histogram per status, after a
    /// daemon read the lines with the sender series on (so following messages) or off.
    static func histogram(followingMessages: Bool) throws -> [String: (Int, Double)] {
        let harness = try DaemonHarness()
        try harness.append("mainlog", text: eximLines.joined(separator: "\n") + "\n")
        var configuration = harness.configuration([harness.fileSource("mainlog")])
        // Either reads the sender: the daemon follows messages only for what does.
        configuration.compromisedAccount = nil
        if followingMessages { configuration.metrics.topSenderDomains = 10 }
        #expect(configuration.followsMessages == followingMessages)
        try harness.runOnce(configuration)
        let text = try String(contentsOfFile: harness.textfile, encoding: .utf8)
        var out: [String: (Int, Double)] = [:]
        for sample in text.split(separator: "\n") {
            let family = sample.prefix { $0 != "{" }
            guard family.hasPrefix("bouncewatch_delivery_delay_seconds_"),
                let start = sample.range(of: "status=\""),
                let value = Double(sample.split(separator: " ").last ?? "")
            else { continue }
            let status = String(sample[start.upperBound...].prefix { $0 != "\"" })
            var entry = out[status] ?? (0, 0)
            if family.hasSuffix("_count") { entry.0 += Int(value) }
            if family.hasSuffix("_sum") { entry.1 += value }
            if entry.0 > 0 || entry.1 > 0 { out[status] = entry }
        }
        return out
    }

    @Test func eximOutcomesWithoutQueueTimeCountFromTheArrival() throws {
        let seen = try Self.histogram(followingMessages: true)
        #expect(seen.count == 2)
        #expect(seen["sent"]?.0 == 1)
        #expect(seen["sent"]?.1 == 7)
        #expect(seen["bounced"]?.0 == 1)
        #expect(seen["bounced"]?.1 == 60)
    }

    @Test func withoutTheMessageStateTheyHaveNoDelay() throws {
        let seen = try Self.histogram(followingMessages: false)
        #expect(seen.isEmpty, "\(seen)")
    }
}
