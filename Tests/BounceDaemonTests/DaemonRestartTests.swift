import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// Stopping and starting again, cleanly or by a crash: counters continue from the
/// checkpoint and every line is counted exactly once.
@Suite struct DaemonRestartTests {
    @Test func cleanRestartContinuesCounters() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 10)
        let loop = try harness.restart(
            harness.mailLogConfiguration,
            whileRunning: { _ in try harness.append("mail.log", 5) })
        harness.expectTruth(loop)
    }

    @Test func crashRollsPositionsAndCountersBackTogether() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 10)
        let loop = try harness.restart(
            harness.mailLogConfiguration,
            whileRunning: { running in
                // Read after the checkpoint, then lost with the process: read again after
                // the start.
                try harness.append("mail.log", 6)
                running.poll()
            })
        harness.expectTruth(loop)
    }

    @Test func rotationWhileStoppedReadsTheRotatedTailFirst() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 10)
        // The process ends before the rotation: its files are closed.
        let loop = try harness.restart(
            harness.mailLogConfiguration,
            whileStopped: {
                try harness.append("mail.log", 3)
                try harness.rename("mail.log", to: "mail.log.1")
                try harness.append("mail.log", 4)
            })
        harness.expectTruth(loop)
    }

    /// The same device and inode with other content: the file was replaced while stopped
    /// (an inode freed and handed out again looks just like this). Its content is new, all
    /// of it, even where it is longer than the saved offset.
    @Test func sameInodeWithOtherContentIsReadFromItsStart() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 5)
        let loop = try harness.restart(
            harness.mailLogConfiguration,
            whileStopped: {
                // Rewritten in place: same inode, longer than before, different first bytes.
                let inode = harness.inode("mail.log")
                try harness.rewrite("mail.log", 12)
                #expect(harness.inode("mail.log") == inode)
            })
        harness.expectTruth(loop)
    }

    /// A file deleted while stopped and a new one created: on ext4 and most file systems the
    /// new file often gets the freed inode.
    @Test func deletedWhileStoppedAndRecreatedIsReadFromItsStart() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 5)
        let loop = try harness.restart(
            harness.mailLogConfiguration,
            whileStopped: {
                // The deleted file's lines were all read; only the new file's count.
                try harness.remove("mail.log")
                try harness.append("mail.log", 9)
            })
        harness.expectTruth(loop)
    }

    @Test func corruptCheckpointRefusesToStart() throws {
        let harness = try DaemonHarness()
        let configuration = harness.mailLogConfiguration
        try harness.append("mail.log", 3)
        try harness.runOnce(configuration)
        let path = harness.stateDirectory + "/checkpoint"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "written ", with: "written 1")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        #expect {
            _ = try harness.loop(configuration)
        } throws: { error in
            guard case .unreadableCheckpoint(let named, let reason) = error as? DaemonError
            else { return false }
            return named == path && reason.contains("damaged")
                && "\(error)".contains("move it away")
        }
    }

    @Test func secondDaemonOnTheSameStateDirectoryIsRefused() throws {
        let harness = try DaemonHarness()
        let configuration = harness.mailLogConfiguration
        let first = try harness.loop(configuration)
        #expect {
            _ = try harness.loop(configuration, waiting: false)
        } throws: { error in
            if case .stateDirectoryBusy = error as? DaemonError { return true }
            return false
        }
        _ = first
    }
}

/// An idle daemon leaves its checkpoint alone: no fsync every interval for nothing.
@Suite struct IdleCheckpointTests {
    private func inode(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    @Test func anUnchangedCheckpointIsNotWrittenAgain() throws {
        let harness = try DaemonHarness()
        let configuration = harness.configuration([harness.fileSource("mail.log")])
        try harness.append("mail.log", 10)
        let loop = try harness.loop(configuration)
        let checkpoint = harness.path("state/checkpoint")
        loop.poll()
        loop.flush()
        let first = try #require(inode(checkpoint))
        for _ in 0..<3 {
            loop.poll()
            loop.flush()
        }
        // Each save renames a new file over the old one, so a save shows as a new inode.
        #expect(inode(checkpoint) == first)
        try harness.append("mail.log", 1)
        loop.poll()
        loop.flush()
        #expect(inode(checkpoint) != first)
        harness.expectTruth(loop)
    }
}
