import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceNotify

/// `SMTPTransport` against the aiosmtpd server of scripts/testing on loopback.
@Suite("SMTP transport")
struct SMTPTransportTests {
    private func transport(
        port: Int, tls: SMTPTLSMode = .none, caFile: String? = nil, username: String? = nil,
        password: String? = nil
    ) -> SMTPTransport {
        SMTPTransport(
            host: "127.0.0.1", port: port, tls: tls, caFile: caFile, username: username,
            password: password, from: "bouncewatch@mx1.bouncewatch.test",
            to: ["ops@bouncewatch.test", "second@bouncewatch.test"], timeoutSeconds: 10,
            heloName: "mx1.bouncewatch.test")
    }

    private func checkDelivered(_ received: [SMTPSink.Received], tls: Bool, user: String?) {
        #expect(received.count == 1)
        guard let message = received.first else { return }
        #expect(message.mailFrom == "bouncewatch@mx1.bouncewatch.test")
        #expect(message.recipients == ["ops@bouncewatch.test", "second@bouncewatch.test"])
        #expect(message.tls == tls)
        #expect(message.user == user)
        #expect(message.header("Subject") == "test message")
        #expect(message.header("Message-ID") == "<marker-1@mx1.bouncewatch.test>")
        // The dot-stuffing of the transport was undone by the server: the line is as sent.
        #expect(
            message.body
                == "first body line marker-1\r\n.a line that starts with a dot\r\n"
                + "From the log: something\r\nlast line\r\n")
    }

    @Test func plainDelivery() throws {
        let scratch = try TemporaryDirectory()
        let sink = try SMTPSink(in: scratch)
        try transport(port: sink.port).send(SampleNotices.message())
        checkDelivered(try sink.waitForMessages(1), tls: false, user: nil)
    }

    @Test func startTLSWithAuthentication() throws {
        let scratch = try TemporaryDirectory()
        let certificate = try TestCertificate(in: scratch)
        let passwordFile = try scratch.write("password", "s3cret pass\n")
        let sink = try SMTPSink(
            in: scratch, tls: .starttls, certificate: certificate, user: "alerts",
            passwordFile: passwordFile)
        try transport(
            port: sink.port, tls: .starttls, caFile: certificate.certificate, username: "alerts",
            password: "s3cret pass"
        ).send(SampleNotices.message())
        checkDelivered(try sink.waitForMessages(1), tls: true, user: "alerts")
    }

    @Test func implicitTLSWithAuthentication() throws {
        let scratch = try TemporaryDirectory()
        let certificate = try TestCertificate(in: scratch)
        let passwordFile = try scratch.write("password", "pw\n")
        let sink = try SMTPSink(
            in: scratch, tls: .implicit, certificate: certificate, user: "alerts",
            passwordFile: passwordFile)
        try transport(
            port: sink.port, tls: .implicit, caFile: certificate.certificate, username: "alerts",
            password: "pw"
        ).send(SampleNotices.message())
        checkDelivered(try sink.waitForMessages(1), tls: true, user: "alerts")
    }

    @Test func wrongPasswordNamesTheServersReply() throws {
        let scratch = try TemporaryDirectory()
        let certificate = try TestCertificate(in: scratch)
        let passwordFile = try scratch.write("password", "right\n")
        let sink = try SMTPSink(
            in: scratch, tls: .starttls, certificate: certificate, user: "alerts",
            passwordFile: passwordFile)
        let error = #expect(throws: DeliveryError.self) {
            try transport(
                port: sink.port, tls: .starttls, caFile: certificate.certificate,
                username: "alerts", password: "wrong"
            ).send(SampleNotices.message())
        }
        #expect(error?.message.contains("Login denied") == true)
        #expect(error?.message.contains("535 5.7.8 Authentication credentials invalid") == true)
        #expect(try sink.messages().isEmpty)
    }

    @Test func untrustedCertificateIsRefused() throws {
        let scratch = try TemporaryDirectory()
        let certificate = try TestCertificate(in: scratch)
        let sink = try SMTPSink(in: scratch, tls: .starttls, certificate: certificate)
        // The system's CA list does not hold the self-signed certificate.
        let error = #expect(throws: DeliveryError.self) {
            try transport(port: sink.port, tls: .starttls).send(SampleNotices.message())
        }
        #expect(error?.message.contains("certificate") == true)
        #expect(try sink.messages().isEmpty)
    }

    @Test func startTLSRequiredByUsIsNotSkipped() throws {
        let scratch = try TemporaryDirectory()
        // A plain server that does not offer STARTTLS: the transport must not fall back.
        let sink = try SMTPSink(in: scratch)
        let error = #expect(throws: DeliveryError.self) {
            try transport(port: sink.port, tls: .starttls).send(SampleNotices.message())
        }
        #expect(error?.message.contains("SSL") == true || error?.message.contains("TLS") == true)
        #expect(try sink.messages().isEmpty)
    }

    @Test func relayDownIsAClearError() throws {
        let port = LoopbackPort.free()
        let error = #expect(throws: DeliveryError.self) {
            try transport(port: port).send(SampleNotices.message())
        }
        #expect(error?.message.contains("SMTP to 127.0.0.1:\(port)") == true)
        #expect(error?.message.contains("connect") == true)
    }

    @Test func addressesWithLineBreaksAreRefused() throws {
        var bad = transport(port: 25)
        bad.to = ["ops@example.net>\r\nRCPT TO:<other@example.net"]
        let error = #expect(throws: DeliveryError.self) { try bad.send(SampleNotices.message()) }
        #expect(error?.message.hasPrefix("invalid recipient address") == true)
    }
}
