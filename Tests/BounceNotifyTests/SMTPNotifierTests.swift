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

    /// Run as root, following a link would send the first line of any file to the relay.
    @Test func aSymbolicLinkIsRefusedNotFollowed() throws {
        let scratch = try TemporaryDirectory()
        let secret = try scratch.write("shadow", "root:$6$secret:19000::::::\n")
        let link = scratch.path("password")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: secret)
        let error = #expect(throws: DeliveryError.self) { try PasswordFile.read(link) }
        #expect(
            error?.message
                == "password file \(link) is a symbolic link, which is refused: name the file itself"
        )
        #expect(PasswordFile.problems(link) == [error?.message ?? ""])
    }

    @Test func aFIFOOrADirectoryIsRefusedWithoutBlocking() throws {
        let scratch = try TemporaryDirectory()
        let fifo = scratch.path("fifo")
        try #require(mkfifo(fifo, 0o600) == 0)
        for path in [fifo, scratch.path(".")] {
            let error = #expect(throws: DeliveryError.self) { try PasswordFile.read(path) }
            #expect(
                error?.message == "password file \(path) is not a regular file, which is refused")
            #expect(PasswordFile.problems(path) == [error?.message ?? ""])
        }
    }

    /// Only the first line is read, however large the file.
    @Test func onlyTheFirstLineIsRead() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write(
            "password", "first\r\n" + String(repeating: "x", count: 1_000_000))
        #expect(try PasswordFile.read(file) == "first")
        let long = try scratch.write("long", String(repeating: "y", count: 5000) + "\n")
        let error = #expect(throws: DeliveryError.self) { try PasswordFile.read(long) }
        #expect(error?.message.contains("longer than 4096 bytes") == true)
    }

    @Test func aGroupReadableFileIsWarnedAbout() throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("password", "pw\n", mode: 0o640)
        var info = stat()
        try #require(stat(file, &info) == 0)
        // The process's own group is the daemon's: 0640 with it is the documented setup.
        try #require(chown(file, getuid(), getegid()) == 0)
        #expect(PasswordFile.problems(file).isEmpty)
        // Another group: only possible as root (or as a member); nobody's group 65534.
        if getuid() == 0, getegid() != 65534 {
            try #require(chown(file, 0, 65534) == 0)
            let problems = PasswordFile.problems(file)
            #expect(problems.count == 1)
            #expect(problems.first?.contains("is readable by group") == true)
            #expect(
                problems.first?.hasSuffix("chmod g-r \(file), or give it to the group bouncewatch")
                    == true)
        }
        #expect(PasswordFile.problems(try scratch.write("private", "pw\n", mode: 0o600)).isEmpty)
    }

    @Test func aMissingPasswordFileIsADeliveryError() throws {
        let error = #expect(throws: DeliveryError.self) {
            try PasswordFile.read("/nonexistent/password")
        }
        #expect(error?.message.hasPrefix("cannot read password file /nonexistent/password") == true)
    }
}
