import BounceTestSupport
import Foundation
import Testing

/// `bouncewatch check-config` on the real binary.
@Suite struct CheckConfigCommandTests {
    @Test func aGoodFilePrintsTheEffectiveConfigurationWhichChecksAgain() throws {
        let directory = try TemporaryDirectory()
        let log = try directory.write("mail.log", "")
        let path = try directory.write(
            "bouncewatch.yml",
            """
            sources:
              - type: auto
                path: \(log)
            metrics:
              interval: 1m
              textfile: \(directory.path("bouncewatch.prom"))
            notifiers:
              - type: file
                path: \(directory.path("alerts.mbox"))
            """)
        let result = try BinaryRunner.run(["check-config", "--config", path])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.contains("  - type: file\n    path: \(log)\n"))
        #expect(result.stdout.contains("  interval: 1m\n"))
        #expect(result.stdout.contains("  - name: blacklisted"))
        // The printed configuration is a valid one, and printing it again changes nothing.
        let again = try directory.write("effective.yml", result.stdout)
        let second = try BinaryRunner.run(["check-config", "--config", again])
        #expect(second.status == 0)
        #expect(second.stdout == result.stdout)
    }

    @Test func aBadFileListsEveryProblemOnStandardError() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "bouncewatch.yml",
            """
            metrics:
              interval: 15x
            notifiers:
              - type: sendmail
                to: [postmaster]
            alert:
              - name: x
            """)
        let result = try BinaryRunner.run(["check-config", "--config", path])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(
            result.stderr == """
                \(path):2: metrics.interval: "15x" is not a duration (use 30s, 15m, 4h or 1d)
                \(path):5: notifiers[0].to[0]: "postmaster" is not a mail address (one @ with \
                a name on each side)
                \(path):6: alert: unknown key; did you mean "alerts"?

                """)
    }

    @Test func whatTheMachineLacksIsAWarningNotAFailure() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "bouncewatch.yml",
            """
            sources:
              - type: journal
            metrics:
              textfile: \(directory.path("missing/bouncewatch.prom"))
            notifiers:
              - type: smtp
                server: 127.0.0.1:25
                tls: none
                username: bouncewatch
                password_file: \(directory.path("smtp-password"))
                from: bouncewatch@localhost
                to: postmaster@localhost
            """)
        let result = try BinaryRunner.run(["check-config", "--config", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("    username: bouncewatch\n"))
        #expect(
            result.stderr == """
                warning: metrics.textfile: the directory \(directory.path("missing")) does not \
                exist (node_exporter's textfile directory; is prometheus-node-exporter installed?)
                warning: notifiers[0].password_file: \(directory.path("smtp-password")) does \
                not exist

                """)
    }

    /// A password file that is a link, or that others can read, is named by `check-config`
    /// as `run` and `test-alert` name it.
    @Test func passwordFileLinksAndOpenModesAreWarnedAbout() throws {
        let directory = try TemporaryDirectory()
        let secret = try directory.write("secret", "pw\n")
        let link = directory.path("linked-password")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: secret)
        let open = try directory.write("open-password", "pw\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: open)
        let path = try directory.write(
            "bouncewatch.yml",
            """
            sources:
              - type: journal
            notifiers:
              - type: smtp
                server: 127.0.0.1:25
                username: bouncewatch
                password_file: \(link)
                from: bouncewatch@localhost
                to: postmaster@localhost
              - type: smtp
                name: second
                server: 127.0.0.1:25
                username: bouncewatch
                password_file: \(open)
                from: bouncewatch@localhost
                to: postmaster@localhost
            """)
        let result = try BinaryRunner.run(["check-config", "--config", path])
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "warning: notifiers[0].password_file: password file \(link) is a symbolic link, "
                    + "which is refused: name the file itself\n"))
        #expect(
            result.stderr.contains(
                "warning: notifiers[1].password_file: password file \(open) is readable by "
                    + "everyone; chmod o-r \(open)\n"))
    }

    @Test func aMissingFileIsAnError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("nothing.yml")
        let result = try BinaryRunner.run(["check-config", "--config", path])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "\(path): cannot read the configuration: No such file or directory\n")
    }

    @Test func thePackagedConfigurationIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let packaged = root.appendingPathComponent("packaging/bouncewatch.yml").path
        try #require(
            FileManager.default.fileExists(atPath: packaged), "packaging/bouncewatch.yml missing")
        let result = try BinaryRunner.run(["check-config", "--config", packaged])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
