import BounceTestSupport
import Foundation
import Testing

/// `bouncewatch test-alert` run as the built binary, with notifiers that need no network.
@Suite("test-alert command")
struct TestAlertCommandTests {
    @Test func everyNotifierReportsItsResult() throws {
        let scratch = try TemporaryDirectory()
        let recorder = try scratch.write(
            "sendmail-ok", "#!/bin/sh\ncat > \"\(scratch.path("stdin"))\"\n")
        let failing = try scratch.write(
            "sendmail-bad", "#!/bin/sh\ncat >/dev/null\necho 'relay access denied' >&2\nexit 69\n")
        for script in [recorder, failing] {
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script)
        }
        let config = try scratch.write(
            "bouncewatch.yml",
            """
            hostname: mx1.bouncewatch.test
            state_directory: \(scratch.path("state"))
            notifiers:
              - type: file
                path: \(scratch.path("alerts.mbox"))
              - type: sendmail
                name: local
                path: \(recorder)
                to: [postmaster@bouncewatch.test]
              - type: sendmail
                name: broken
                path: \(failing)

            """)
        let result = try BinaryRunner.run(["test-alert", "--config", config])
        #expect(result.status == 1)
        #expect(
            result.stdout
                == "file: sent\nlocal: sent\nbroken: failed: \(failing) exited with status 69; "
                + "output: relay access denied\n")
        let mbox = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: scratch.path("alerts.mbox"))),
            as: UTF8.self)
        #expect(mbox.hasPrefix("From bouncewatch@mx1.bouncewatch.test "))
        #expect(mbox.contains("X-Bouncewatch-Rule: test-alert"))
        let stdin = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: scratch.path("stdin"))),
            as: UTF8.self)
        #expect(stdin.contains("To: postmaster@bouncewatch.test"))
        #expect(!stdin.contains("\r"))
    }

    @Test func allSentExitsZero() throws {
        let scratch = try TemporaryDirectory()
        let config = try scratch.write(
            "bouncewatch.yml",
            """
            state_directory: \(scratch.path("state"))
            notifiers:
              - type: file
                path: \(scratch.path("alerts.mbox"))

            """)
        let result = try BinaryRunner.run(["test-alert", "--config", config])
        #expect(result.status == 0)
        #expect(result.stdout == "file: sent\n")
    }

    @Test func anUnreadableConfigurationFails() throws {
        let result = try BinaryRunner.run(["test-alert", "--config", "/nonexistent/bw.yml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/bw.yml"))
    }
}
