import Foundation
import Testing

/// The daemon remembers recent verdicts by their reply; a reload that changes the rules must
/// forget them, or a reply seen before the reload keeps the old rules' cause.
@Suite struct RunReloadRulesTests {
    static let bounce =
        "Nov 26 10:00:01 mx1 postfix/smtp[99]: 3A1B2C3D4E: to=<a@y.example>,"
        + " relay=mx.y.example[192.0.2.9]:25, delay=1, delays=0/0/0/0, dsn=5.0.0,"
        + " status=bounced (host mx.y.example[192.0.2.9] said: 550 frobnicated zork"
        + " (in reply to end of DATA command))\n"

    @Test func aReloadedRuleDecidesAReplySeenBeforeTheReload() throws {
        let fixture = try RunDaemonFixture()
        try fixture.writeConfiguration(logs: ["mail.log"])
        try fixture.appendRaw("mail.log", Self.bounce)
        let daemon = try RunDaemonProcess(fixture)
        #expect(eventually { fixture.linesRead() == 1 }, "\(daemon.stderr)")
        #expect(fixture.deliveries(cause: "mailbox_full") == 0)

        var text = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
        text += "rules:\n  - id: user.frobnicated\n    cause: mailbox_full\n"
        text += "    phrases: [\"frobnicated\"]\n"
        try text.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        #expect(eventually { daemon.stderr.contains("configuration reloaded") }, "\(daemon.stderr)")
        try fixture.appendRaw(
            "mail.log", Self.bounce.replacingOccurrences(of: "3A1B2C3D4E", with: "3A1B2C3D4F"))
        #expect(eventually { fixture.linesRead() == 2 }, "\(daemon.stderr)")
        #expect(eventually { fixture.deliveries(cause: "mailbox_full") == 1 }, "\(daemon.stderr)")
        #expect(daemon.stop() == 0, "\(daemon.stderr)")
    }
}
