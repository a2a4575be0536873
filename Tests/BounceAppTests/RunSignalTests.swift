import Foundation
import Testing

/// `bouncewatch run` as systemd drives it: SIGTERM drains and saves, a restart continues,
/// SIGHUP reloads or refuses, and `kill -9` loses nothing and counts nothing twice.
@Suite(.serialized) struct RunSignalTests {
    @Test func sigtermWritesEverythingReadAndRestartContinues() throws {
        let fixture = try RunDaemonFixture()
        try fixture.writeConfiguration(logs: ["mail.log"], interval: "30s")
        try fixture.append("mail.log", 30)
        var daemon = try RunDaemonProcess(fixture)
        // The first textfile is written once the existing lines are read.
        #expect(eventually { fixture.linesRead() == 30 })
        try fixture.append("mail.log", 20)
        #expect(daemon.stop() == 0)
        #expect(fixture.deliveries() == fixture.truth, "\(daemon.stderr)")
        #expect(FileManager.default.fileExists(atPath: fixture.checkpoint))

        daemon = try RunDaemonProcess(fixture)
        #expect(eventually { fixture.linesRead() == 50 })
        try fixture.append("mail.log", 10)
        #expect(daemon.stop() == 0)
        #expect(fixture.deliveries() == fixture.truth, "\(daemon.stderr)")
        #expect(fixture.linesRead() == 60)
    }

    @Test func sighupAppliesAGoodConfigurationAndRefusesABadOne() throws {
        let fixture = try RunDaemonFixture()
        try fixture.writeConfiguration(logs: ["a.log"])
        try fixture.append("a.log", 5)
        let daemon = try RunDaemonProcess(fixture)
        #expect(eventually { fixture.linesRead(source: "a.log") == 5 })

        // A new source is added; the first keeps its position and counters.
        try fixture.append("b.log", 7)
        try fixture.writeConfiguration(logs: ["a.log", "b.log"])
        daemon.send(SIGHUP)
        #expect(eventually { fixture.linesRead(source: "b.log") == 7 }, "\(daemon.stderr)")
        #expect(fixture.linesRead(source: "a.log") == 5)

        // A broken file is refused; the running configuration goes on counting both sources.
        try "sources: [\n  - type: nonsense\n".write(
            toFile: fixture.configPath, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        #expect(eventually { daemon.stderr.contains("configuration refused") })
        try fixture.append("a.log", 3)
        try fixture.append("b.log", 2)
        #expect(eventually { fixture.linesRead() == 17 }, "\(daemon.stderr)")
        #expect(daemon.process.isRunning)
        #expect(daemon.stop() == 0)
        #expect(fixture.deliveries() == fixture.truth)
    }

    /// A reload sent right after the start, while the configuration is still being read (400
    /// user rules make that take a while), must not end the process with SIGHUP's default
    /// action (exit 129); the reload it asked for is done once the daemon runs.
    @Test(arguments: [150_000, 300_000] as [UInt32])
    func sighupRightAfterTheStartDoesNotKillTheDaemon(microseconds: UInt32) throws {
        let fixture = try RunDaemonFixture()
        try fixture.writeConfiguration(logs: ["mail.log"])
        var text = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
        text += "rules:\n"
        for index in 0..<400 {
            text += "  - id: user.r\(index)\n    cause: mailbox_full\n"
            text += "    phrases: [\"quota \(index) over\"]\n"
        }
        try text.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        try fixture.append("mail.log", 4)
        let daemon = try RunDaemonProcess(fixture, defaultHangup: true)
        usleep(microseconds)
        daemon.send(SIGHUP)
        #expect(
            eventually { !daemon.process.isRunning || fixture.linesRead() == 4 }, "\(daemon.stderr)"
        )
        #expect(daemon.process.isRunning, "\(daemon.stderr)")
        guard daemon.process.isRunning else { return }
        #expect(eventually { daemon.stderr.contains("configuration reloaded") }, "\(daemon.stderr)")
        #expect(daemon.stop() == 0, "\(daemon.stderr)")
    }

    @Test func restartAfterKillContinuesFromTheLastCheckpoint() throws {
        let fixture = try RunDaemonFixture()
        try fixture.writeConfiguration(logs: ["mail.log"])
        try fixture.append("mail.log", 10)
        // Before its first checkpoint a daemon knows no rotation history: a crash then is a
        // first start again. Every later crash must lose nothing.
        let first = try RunDaemonProcess(fixture)
        #expect(eventually { FileManager.default.fileExists(atPath: fixture.checkpoint) })
        first.send(SIGKILL)
        #expect(first.waitForExit() != nil)
        for round in 0..<4 {
            let daemon = try RunDaemonProcess(fixture)
            try fixture.append("mail.log", 25)
            if round == 2 {
                try FileManager.default.moveItem(
                    atPath: fixture.log("mail.log"), toPath: fixture.log("mail.log.1"))
                try fixture.append("mail.log.1", 4)
                try fixture.append("mail.log", 6)
            }
            // Killed at a different moment each round: before or after a checkpoint.
            usleep(UInt32(round) * 400_000)
            daemon.send(SIGKILL)
            #expect(daemon.waitForExit() != nil)
        }
        let daemon = try RunDaemonProcess(fixture)
        #expect(eventually { fixture.linesRead() == fixture.truthTotal }, "\(daemon.stderr)")
        #expect(daemon.stop() == 0)
        #expect(fixture.deliveries() == fixture.truth, "\(daemon.stderr)")
        #expect(fixture.linesRead() == fixture.truthTotal)
    }

    @Test func corruptCheckpointStopsTheStartWithExitStatus78() throws {
        let fixture = try RunDaemonFixture()
        try fixture.writeConfiguration(logs: ["mail.log"])
        try FileManager.default.createDirectory(
            atPath: fixture.directory.path("state"), withIntermediateDirectories: true)
        try "bouncewatch-checkpoint/1\nwritten 5\n".write(
            toFile: fixture.checkpoint, atomically: true, encoding: .utf8)
        let daemon = try RunDaemonProcess(fixture)
        #expect(daemon.waitForExit() == 78)
        #expect(daemon.stderr.contains(fixture.checkpoint))
        #expect(daemon.stderr.contains("move it away"))
    }
}
