import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

/// Rotation scenarios driven step by step: every file operation is followed by an explicit
/// poll, and what was delivered is compared with what was written.
@Suite struct FollowRotationTests {
    @Test func appendedLinesArriveOnceAndAPartialLineWaitsForItsNewline() throws {
        let mail = try FollowedMailLog()
        try mail.write("a", 0..<3)
        #expect(try mail.poll() == mailLines("a", 0..<3))
        #expect(try mail.poll() == [])
        try mail.write("a", 3..<5)
        try mail.writer.writeRaw("half a li")
        #expect(try mail.poll() == mailLines("a", 3..<5))
        let sizeBeforePartial =
            try FileManager.default.attributesOfItem(atPath: mail.path)[.size]
            as? Int
        #expect(mail.follower.position?.offset == sizeBeforePartial! - "half a li".utf8.count)
        try mail.writer.writeRaw("ne\r\n")
        mail.writer.record(["half a line"])
        #expect(try mail.poll() == ["half a line"])
        mail.expectEveryLineOnce()
        #expect(mail.follower.statistics.lines == mail.writer.written.count)
    }

    @Test func startingAtTheEndSkipsOldLinesButNotAPartialOne() throws {
        let dir = try TemporaryDirectory()
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
        let mail = try FollowedMailLog()
        let path = mail.path
        try mail.writeAndRead("a", 0..<3)
        try mail.write("a", 3..<4)
        try Rotate.rename(path, to: path + ".1")
        try mail.write("a", 4..<6)  // the writer still has the old file
        #expect(try mail.poll() == mailLines("a", 3..<6))
        // logrotate creates the new, empty file; the writer has not reopened yet.
        close(open(path, O_CREAT | O_WRONLY, 0o644))
        try mail.write("a", 6..<7)
        #expect(try mail.poll() == mailLines("a", 6..<7))
        try mail.write("a", 7..<8)
        try mail.reopenAndWrite("b", 0..<3)
        #expect(try mail.poll() == mailLines("a", 7..<8) + mailLines("b", 0..<3))
        mail.expectEveryLineOnce()
        #expect(mail.follower.statistics.rotations == 1)
        #expect(mail.follower.position?.identity.inode == Rotate.inode(path))
    }

    @Test func theUnterminatedLastLineOfARotatedFileIsDeliveredAtTheSwitch() throws {
        let mail = try FollowedMailLog()
        try mail.write("a", 0..<2)
        try mail.writer.writeRaw("cut off")
        #expect(try mail.poll() == mailLines("a", 0..<2))
        try mail.rotate()
        try mail.write("b", 0..<1)
        #expect(try mail.poll() == ["cut off"] + mailLines("b", 0..<1))
    }

    /// `raced`: after the truncation the writer adds more than was read before, so the file
    /// is not shorter than the old offset; only its first bytes tell it changed.
    @Test(arguments: [false, true])
    func copytruncateReadsTheUnreadRestFromTheCopy(raced: Bool) throws {
        let mail = try FollowedMailLog()
        try mail.writeAndRead("a", 0..<5)
        try mail.write("a", 5..<8)  // written, not read yet
        try Rotate.copyTruncate(mail.path, to: mail.path + ".1")
        try mail.write("b", 0..<(raced ? 40 : 2))
        let offsetBefore = mail.follower.position!.offset
        let size = try FileManager.default.attributesOfItem(atPath: mail.path)[.size] as! Int
        #expect((size >= offsetBefore) == raced)
        #expect(try mail.poll() == mailLines("a", 5..<8) + mailLines("b", 0..<(raced ? 40 : 2)))
        try mail.write("c", 0..<2)
        #expect(try mail.poll() == mailLines("c", 0..<2))
        mail.expectEveryLineOnce()
        #expect(mail.follower.statistics.truncations == 1)
        #expect(mail.follower.statistics.lostTracks == 0)
    }

    @Test func copytruncateBeforeTheWriterAddsAnythingWaitsOnTheCopy() throws {
        let mail = try FollowedMailLog()
        try mail.writeAndRead("a", 0..<3)
        try mail.write("a", 3..<4)
        try Rotate.copyTruncate(mail.path, to: mail.path + "-20261126")
        #expect(try mail.poll() == mailLines("a", 3..<4))
        #expect(try mail.poll() == [])
        try mail.write("b", 0..<2)
        #expect(try mail.poll() == mailLines("b", 0..<2))
        mail.expectEveryLineOnce()
    }

    @Test func deleteAndRecreateReadsTheDeletedFileToItsEnd() throws {
        let mail = try FollowedMailLog()
        try mail.writeAndRead("a", 0..<3)
        try mail.write("a", 3..<5)
        try Rotate.unlink(mail.path)
        try mail.write("a", 5..<6)
        #expect(try mail.poll() == mailLines("a", 3..<6))
        try mail.write("a", 6..<7)
        try mail.reopenAndWrite("b", 0..<2)
        #expect(try mail.poll() == mailLines("a", 6..<7) + mailLines("b", 0..<2))
        mail.expectEveryLineOnce()
    }

    @Test func aFileThatAppearsLaterIsReadFromItsStart() throws {
        let dir = try TemporaryDirectory()
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
        let mail = try FollowedMailLog(maxLineLength: 32)
        let long = String(repeating: "x", count: 200)
        try mail.writer.writeRaw("short\n" + long.prefix(100))
        #expect(try mail.poll() == ["short"])
        try mail.writer.writeRaw(long.dropFirst(100) + "\nafter\n")
        #expect(try mail.poll() == [String(long.prefix(32)), "after"])
        #expect(mail.follower.statistics.truncatedLines == 1)
        #expect(mail.log.positions.map(\.offset) == [6, 207, 213])
    }
}
