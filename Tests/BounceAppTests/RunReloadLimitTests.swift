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

        // A 60 KiB scalar aliased 35,000 times: about 2 GB once written out.
        let hostile =
            "hostname: &big \"" + String(repeating: "x", count: 60 * 1024) + "\"\nalerts:\n"
            + String(repeating: "- *big\n", count: 35_000)
        try hostile.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        // The reload is under way, or long done with the cap, when the stop comes.
        usleep(100_000)
        let stopping = Date()
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(seconds: 5) == 0, "\(daemon.stderr)")
        #expect(Date().timeIntervalSince(stopping) < 5)
        #expect(daemon.stderr.contains("configuration refused"), "\(daemon.stderr)")
        #expect(daemon.stderr.contains("\(fixture.configPath):20: aliases repeat more than 1 MiB"))
        #expect(fixture.deliveries() == fixture.truth)
    }
}
