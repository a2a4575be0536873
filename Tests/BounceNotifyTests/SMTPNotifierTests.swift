import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceNotify

/// `SMTPNotifier`: the configuration, the password file and the composed alert mail.
@Suite("SMTP notifier")
struct SMTPNotifierTests {
    @Test func alertMailOverSTARTTLSWithThePasswordFromItsFile() throws {
        let scratch = try TemporaryDirectory()
        let certificate = try TestCertificate(in: scratch)
        let passwordFile = try scratch.write("password", "from-the-file\r\nsecond line\n")
        let sink = try SMTPSink(
            in: scratch, tls: .starttls, certificate: certificate, user: "alerts",
            passwordFile: try scratch.write("server-password", "from-the-file\n"))
        let config = SMTPNotifierConfig(
            host: "127.0.0.1", port: sink.port, tls: .starttls, caFile: certificate.certificate,
            username: "alerts", passwordFile: passwordFile, from: "bouncewatch@mx1.test",
            to: ["ops@bouncewatch.test"], timeoutSeconds: 10)
        #expect(SMTPNotifier.warnings(config).isEmpty)
        let notifier = SMTPNotifier(config: config, hostname: "mx1")
        let notice = SampleNotices.blacklisted()
        try notifier.deliver(notice, message: nil, now: notice.decidedAt, cancellation: nil)
        let received = try sink.waitForMessages(1)
        #expect(received.count == 1)
        #expect(received.first?.user == "alerts")
        #expect(received.first?.header("Subject") == AlertMail.subject(notice, hostname: "mx1"))
        #expect(received.first?.header("Auto-Submitted") == "auto-generated")
        #expect(received.first?.header("To") == "ops@bouncewatch.test")
    }

    @Test func warningsForAWorldReadablePasswordAndNoTLS() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("password", "pw\n", mode: 0o644)
        let config = SMTPNotifierConfig(
            host: "relay.example.net", tls: .none, username: "u", passwordFile: file,
            from: "a@b.example", to: ["c@d.example"])
        #expect(
            SMTPNotifier.warnings(config) == [
                "password file \(file) is readable by everyone; chmod o-r \(file)",
                "the password goes to relay.example.net without TLS (tls: none)",
            ])
    }

    @Test func aMissingPasswordFileIsADeliveryError() throws {
        let error = #expect(throws: DeliveryError.self) {
            try PasswordFile.read("/nonexistent/password")
        }
        #expect(error?.message.hasPrefix("cannot read password file /nonexistent/password") == true)
    }
}
