import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// `bouncewatch_source_up` and `bouncewatch_lost_files_total` as a daemon writes them, and
/// compressed rotations while stopped.
@Suite struct DaemonSourceHealthTests {
    private func sample(_ loop: DaemonLoop, _ name: String) -> String? {
        loop.renderTextfile().split(separator: "\n").first { $0.hasPrefix(name + "{") }
            .map(String.init)
    }

    @Test func aFileMissingAtTheStartIsDown() throws {
        let harness = try DaemonHarness()
        let loop = try harness.loop(harness.mailLogConfiguration)
        loop.poll()
        #expect(
            sample(loop, "bouncewatch_source_up") == #"bouncewatch_source_up{source="mail.log"} 0"#)
        try harness.append("mail.log", 2)
        loop.poll()
        #expect(
            sample(loop, "bouncewatch_source_up") == #"bouncewatch_source_up{source="mail.log"} 1"#)
    }

    @Test func aFileDeletedWhileRunningIsDownUntilItIsBack() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 3)
        let loop = try harness.loop(harness.mailLogConfiguration)
        loop.poll()
        #expect(
            sample(loop, "bouncewatch_source_up") == #"bouncewatch_source_up{source="mail.log"} 1"#)
        try harness.remove("mail.log")
        loop.poll()
        #expect(
            sample(loop, "bouncewatch_source_up") == #"bouncewatch_source_up{source="mail.log"} 0"#)
        try harness.append("mail.log", 2)
        loop.poll()
        #expect(
            sample(loop, "bouncewatch_source_up") == #"bouncewatch_source_up{source="mail.log"} 1"#)
        harness.expectTruth(loop)
    }

    /// The checkpoint holds a position in a file that is gone: the saved position is kept,
    /// but nothing is read, so the source is down.
    @Test func aFileMissingAfterARestartIsDown() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 3)
        let loop = try harness.restart(
            harness.mailLogConfiguration,
            whileStopped: { try harness.rename("mail.log", to: "elsewhere") })
        #expect(
            sample(loop, "bouncewatch_source_up") == #"bouncewatch_source_up{source="mail.log"} 0"#)
    }

    @Test func aFileWhoseUnreadRestIsNowhereIsCounted() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 4)
        let loop = try harness.restart(
            harness.mailLogConfiguration,
            whileStopped: {
                try harness.remove("mail.log")
                try harness.append("mail.log", 2)
            })
        #expect(
            sample(loop, "bouncewatch_lost_files_total")
                == #"bouncewatch_lost_files_total{source="mail.log"} 1"#)
        harness.expectTruth(loop)
    }

    /// logrotate with `compress` and `delaycompress`, two rotations while stopped.
    @Test func twoCompressedRotationsWhileStoppedAreReadWhole() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 10)
        let loop = try harness.restart(
            harness.mailLogConfiguration,
            whileStopped: {
                try harness.append("mail.log", 7)
                try harness.rename("mail.log", to: "mail.log.1")
                try harness.append("mail.log", 5)
                try harness.rename("mail.log.1", to: "mail.log.2")
                try Self.gzip(harness.log("mail.log.2"))
                try harness.rename("mail.log", to: "mail.log.1")
                try harness.append("mail.log", 3)
            })
        harness.expectTruth(loop)
        #expect(
            sample(loop, "bouncewatch_lost_files_total")
                == #"bouncewatch_lost_files_total{source="mail.log"} 0"#)
    }

    /// `gzip FILE`: the real tool, which replaces the file by FILE.gz.
    static func gzip(_ path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-n", path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
