import BounceCore
import Foundation
import Testing

@testable import BounceIngest

/// Rotation scenarios driven step by step: every file operation is followed by an explicit
/// poll, and what was delivered is compared with what was written.
@Suite struct FollowRotationTests {
    @Test func appendedLinesArriveOnceAndAPartialLineWaitsForItsNewline() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        try writer.write(mailLines("a", 0..<3))
        #expect(try log.poll() == mailLines("a", 0..<3))
        #expect(try log.poll() == [])
        try writer.write(mailLines("a", 3..<5))
        try writer.writeRaw("half a li")
        #expect(try log.poll() == mailLines("a", 3..<5))
        let sizeBeforePartial =
            try FileManager.default.attributesOfItem(atPath: path)[.size]
            as? Int
        #expect(log.follower.position?.offset == sizeBeforePartial! - "half a li".utf8.count)
        try writer.writeRaw("ne\r\n")
        writer.record(["half a line"])
        #expect(try log.poll() == ["half a line"])
        #expect(log.lines == writer.written)
        #expect(log.follower.statistics.lines == writer.written.count)
    }

    @Test func startingAtTheEndSkipsOldLinesButNotAPartialOne() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        try writer.write(mailLines("old", 0..<4))
        try writer.writeRaw("begun ")
        let log = FollowRecorder(FileFollower(path: path, start: .end))
        #expect(try log.poll() == [])
        try writer.writeRaw("and finished\n")
        try writer.write(mailLines("new", 0..<2))
        #expect(try log.poll() == ["begun and finished"] + mailLines("new", 0..<2))
    }

    @Test func renameRotationDrainsTheOldFileIncludingLinesWrittenAfterTheRename() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        try writer.write(mailLines("a", 0..<3))
        try log.poll()
        try writer.write(mailLines("a", 3..<4))
        try Rotate.rename(path, to: path + ".1")
        try writer.write(mailLines("a", 4..<6))  // the writer still has the old file
        #expect(try log.poll() == mailLines("a", 3..<6))
        // logrotate creates the new, empty file; the writer has not reopened yet.
        close(open(path, O_CREAT | O_WRONLY, 0o644))
        try writer.write(mailLines("a", 6..<7))
        #expect(try log.poll() == mailLines("a", 6..<7))
        try writer.write(mailLines("a", 7..<8))
        try writer.reopen()
        try writer.write(mailLines("b", 0..<3))
        #expect(try log.poll() == mailLines("a", 7..<8) + mailLines("b", 0..<3))
        #expect(log.lines == writer.written)
        #expect(log.follower.statistics.rotations == 1)
        #expect(log.follower.position?.identity.inode == Rotate.inode(path))
    }

    @Test func theUnterminatedLastLineOfARotatedFileIsDeliveredAtTheSwitch() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        try writer.write(mailLines("a", 0..<2))
        try writer.writeRaw("cut off")
        #expect(try log.poll() == mailLines("a", 0..<2))
        try Rotate.rename(path, to: path + ".1")
        try writer.reopen()
        try writer.write(mailLines("b", 0..<1))
        #expect(try log.poll() == ["cut off"] + mailLines("b", 0..<1))
    }

    /// `raced`: after the truncation the writer adds more than was read before, so the file
    /// is not shorter than the old offset; only its first bytes tell it changed.
    @Test(arguments: [false, true])
    func copytruncateReadsTheUnreadRestFromTheCopy(raced: Bool) throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        try writer.write(mailLines("a", 0..<5))
        try log.poll()
        try writer.write(mailLines("a", 5..<8))  // written, not read yet
        try Rotate.copyTruncate(path, to: path + ".1")
        try writer.write(mailLines("b", 0..<(raced ? 40 : 2)))
        let offsetBefore = log.follower.position!.offset
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        #expect((size >= offsetBefore) == raced)
        #expect(try log.poll() == mailLines("a", 5..<8) + mailLines("b", 0..<(raced ? 40 : 2)))
        try writer.write(mailLines("c", 0..<2))
        #expect(try log.poll() == mailLines("c", 0..<2))
        #expect(log.lines == writer.written)
        #expect(log.follower.statistics.truncations == 1)
        #expect(log.follower.statistics.lostTracks == 0)
    }

    @Test func copytruncateBeforeTheWriterAddsAnythingWaitsOnTheCopy() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        try writer.write(mailLines("a", 0..<3))
        try log.poll()
        try writer.write(mailLines("a", 3..<4))
        try Rotate.copyTruncate(path, to: path + "-20261126")
        #expect(try log.poll() == mailLines("a", 3..<4))
        #expect(try log.poll() == [])
        try writer.write(mailLines("b", 0..<2))
        #expect(try log.poll() == mailLines("b", 0..<2))
        #expect(log.lines == writer.written)
    }

    @Test func deleteAndRecreateReadsTheDeletedFileToItsEnd() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        try writer.write(mailLines("a", 0..<3))
        try log.poll()
        try writer.write(mailLines("a", 3..<5))
        try Rotate.unlink(path)
        try writer.write(mailLines("a", 5..<6))
        #expect(try log.poll() == mailLines("a", 3..<6))
        try writer.write(mailLines("a", 6..<7))
        try writer.reopen()
        try writer.write(mailLines("b", 0..<2))
        #expect(try log.poll() == mailLines("a", 6..<7) + mailLines("b", 0..<2))
        #expect(log.lines == writer.written)
    }

    @Test func aFileThatAppearsLaterIsReadFromItsStart() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let log = FollowRecorder(FileFollower(path: path, start: .end))
        #expect(try log.poll() == [])
        #expect(log.follower.position == nil)
        let writer = try SyslogLikeWriter(path: path)
        try writer.write(mailLines("a", 0..<3))
        #expect(try log.poll() == mailLines("a", 0..<3))
        #expect(log.lines == writer.written)
    }

    @Test func longLinesAreCutCountedAndPositionsStayOnLineBoundaries() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning, maxLineLength: 32))
        let long = String(repeating: "x", count: 200)
        try writer.writeRaw("short\n" + long.prefix(100))
        #expect(try log.poll() == ["short"])
        try writer.writeRaw(long.dropFirst(100) + "\nafter\n")
        #expect(try log.poll() == [String(long.prefix(32)), "after"])
        #expect(log.follower.statistics.truncatedLines == 1)
        #expect(log.positions.map(\.offset) == [6, 207, 213])
    }
}
