import Foundation
import Testing

/// A reload never holds up a stop: a configuration whose aliases would expand to gigabytes is
/// refused within milliseconds (issue #18: it took 27 s, and SIGTERM waited for it).
@Suite(.serialized) struct RunReloadLimitTests {
    @Test func aHostileConfigurationSentWithSIGHUPIsRefusedAndSIGTERMStopsAtOnce() throws {
        let fixture = try RunDaemonFixture()
        try fixture.writeConfiguration(logs: ["mail.log"])
        try fixture.append("mail.log", 5)
        let daemon = try RunDaemonProcess(fixture)
        #expect(eventually { fixture.linesRead() == 5 }, "\(daemon.stderr)")

        // 200 KB: a 60 KiB scalar aliased 35,000 times as mail recipients, 2 GB once written
        // out; before the cap `check-config` took 33 s over it.
        let hostile =
            "x: &a \"" + String(repeating: "x", count: 60 * 1024) + "\"\n"
            + "notifiers:\n  - type: sendmail\n    to: ["
            + Array(repeating: "*a", count: 35_000).joined(separator: ", ") + "]\n"
        try hostile.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        // The reload is under way, or long done with the cap, when the stop comes.
        usleep(100_000)
        let stopping = Date()
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(seconds: 5) == 0, "\(daemon.stderr)")
        #expect(Date().timeIntervalSince(stopping) < 5)
        #expect(daemon.stderr.contains("configuration refused"), "\(daemon.stderr)")
        #expect(daemon.stderr.contains("\(fixture.configPath):4: aliases repeat more than 1 MiB"))
        #expect(fixture.deliveries() == fixture.truth)
    }
}
