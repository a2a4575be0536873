import Foundation
import Testing

/// `bouncewatch run` against faults of its surroundings: too few descriptors for its files,
/// another daemon on its textfile, its state directory taken away.
@Suite(.serialized) struct RunFaultTests {
    /// 1,100 files under `ulimit -n 200` (below the default max_files, 256): the followed
    /// files stop short of the limit, the checkpoint and the textfile are still written, and
    /// SIGTERM still saves and exits 0.
    @Test func aGlobOverTheDescriptorLimitKeepsTheCheckpointAndTextfile() throws {
        let fixture = try RunDaemonFixture()
        let logs = fixture.directory.path("many")
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        for index in 0..<1100 {
            try fixture.append("many/f\(index).log", 1)
        }
        try fixture.writeConfiguration(logs: [])
        var text = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "sources:\n",
            with: "sources:\n  - type: file\n    path: \(logs)/*.log\n    start_at: beginning\n"
                + "    name: many\n")
        try text.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        let daemon = try RunDaemonProcess(fixture, descriptorLimit: 200)
        #expect(eventually { fixture.linesRead(source: "many") > 50 }, "\(daemon.stderr)")
        let read = fixture.linesRead(source: "many")
        #expect(read < 200, "\(read) files read under a limit of 200 descriptors")
        #expect(FileManager.default.fileExists(atPath: fixture.checkpoint), "\(daemon.stderr)")
        #expect(daemon.stderr.contains("not opened"), "\(daemon.stderr)")
        #expect(daemon.stop() == 0, "\(daemon.stderr)")
        #expect(!daemon.stderr.contains("cannot write the checkpoint"), "\(daemon.stderr)")
    }

    @Test func aSecondDaemonOnTheSameTextfileIsRefusedWith78() throws {
        let first = try RunDaemonFixture()
        try first.writeConfiguration(logs: ["mail.log"])
        let running = try RunDaemonProcess(first)
        #expect(eventually { FileManager.default.fileExists(atPath: first.textfile) })
        let second = try RunDaemonFixture()
        try second.writeConfiguration(logs: ["mail.log"])
        var text = try String(contentsOfFile: second.configPath, encoding: .utf8)
        text = text.replacingOccurrences(of: second.textfile, with: first.textfile)
        try text.write(toFile: second.configPath, atomically: true, encoding: .utf8)
        let refused = try RunDaemonProcess(second)
        #expect(refused.waitForExit() == 78, "\(refused.stderr)")
        #expect(refused.stderr.contains("another bouncewatch writes this textfile"))
        #expect(running.process.isRunning)
        #expect(running.stop() == 0)
    }

    @Test func aStateDirectoryRemovedUnderTheDaemonStopsItWithAnError() throws {
        let fixture = try RunDaemonFixture()
        try fixture.writeConfiguration(logs: ["mail.log"])
        try fixture.append("mail.log", 3)
        let daemon = try RunDaemonProcess(fixture)
        #expect(eventually { FileManager.default.fileExists(atPath: fixture.checkpoint) })
        try FileManager.default.removeItem(atPath: fixture.directory.path("state"))
        try fixture.append("mail.log", 2)
        let status = daemon.waitForExit()
        #expect(status != nil && status != 0, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("state lock file was deleted or replaced"))
    }

    @Test func aStopWhoseFinalCheckpointFailsExitsNonZero() throws {
        let fixture = try RunDaemonFixture()
        try fixture.writeConfiguration(logs: ["mail.log"])
        try fixture.append("mail.log", 3)
        let daemon = try RunDaemonProcess(fixture)
        #expect(eventually { fixture.linesRead() == 3 })
        // A directory where the checkpoint goes: renaming a new checkpoint over it fails.
        try FileManager.default.removeItem(atPath: fixture.checkpoint)
        try FileManager.default.createDirectory(
            atPath: fixture.checkpoint + "/blocked", withIntermediateDirectories: true)
        try fixture.append("mail.log", 2)
        #expect(eventually { fixture.linesRead() == 5 })
        #expect(daemon.stop() == 1, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("the final checkpoint was not written"))
    }
}
