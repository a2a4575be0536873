import BounceTestSupport
import Foundation
import Testing

@testable import BounceNotify

/// `SendmailTransport` with scripts placed by the test in place of /usr/sbin/sendmail.
@Suite("Sendmail transport")
struct SendmailTransportTests {
    @Test func recordsArgvAndTheMessageOnStandardInput() throws {
        let scratch = try TemporaryDirectory()
        let script = try scratch.write(
            "sendmail",
            """
            #!/bin/sh
            for argument in "$@"; do printf '%s\\n' "$argument"; done > "\(scratch.path("argv"))"
            cat > "\(scratch.path("stdin"))"
            """, mode: 0o700)
        try SendmailTransport(path: script, arguments: ["-t", "-oi", "-f", "a b@x"])
            .send(SampleNotices.message())
        #expect(try scratch.read("argv") == "-t\n-oi\n-f\na b@x\n")
        let expected = String(decoding: SampleNotices.message(), as: UTF8.self)
            .replacingOccurrences(of: "\r\n", with: "\n")
        #expect(try scratch.read("stdin") == expected)
    }

    @Test func nonZeroExitIsAFailureWithTheOutput() throws {
        let scratch = try TemporaryDirectory()
        let script = try scratch.write(
            "sendmail", "#!/bin/sh\ncat >/dev/null\necho 'queue file write error' >&2\nexit 75\n",
            mode: 0o700)
        let error = #expect(throws: DeliveryError.self) {
            try SendmailTransport(path: script, arguments: ["-t"]).send(SampleNotices.message())
        }
        #expect(error?.message == "\(script) exited with status 75; output: queue file write error")
    }

    @Test func aProgramThatHangsIsKilledAtTheTimeout() throws {
        let scratch = try TemporaryDirectory()
        let script = try scratch.write("sendmail", "#!/bin/sh\nexec sleep 30\n", mode: 0o700)
        let started = Date()
        let error = #expect(throws: DeliveryError.self) {
            try SendmailTransport(path: script, arguments: [], timeoutSeconds: 1)
                .send(SampleNotices.message())
        }
        #expect(error?.message.contains("no answer within 1 s, killed") == true)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func aMissingProgramIsNamed() throws {
        let error = #expect(throws: DeliveryError.self) {
            try SendmailTransport(path: "/nonexistent/sendmail", arguments: [])
                .send(SampleNotices.message())
        }
        #expect(error?.message.hasPrefix("cannot start /nonexistent/sendmail") == true)
    }

    @Test func aProgramThatStopsReadingEarlyFails() throws {
        let scratch = try TemporaryDirectory()
        let script = try scratch.write("sendmail", "#!/bin/sh\nexit 0\n", mode: 0o700)
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 4 << 20)
        let error = #expect(throws: DeliveryError.self) {
            try SendmailTransport(path: script, arguments: []).send(big)
        }
        #expect(error?.message.contains("exited before reading the whole message") == true)
    }
}
