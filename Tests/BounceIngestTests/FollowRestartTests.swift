import BounceCore
import Foundation
import Testing

@testable import BounceIngest

/// A follower stopped with unread lines, the log rotated while it was stopped, and a new
/// follower resuming from the saved position.
@Suite struct FollowRestartTests {
    enum Stopped: CaseIterable {
        case renamedToNumber, renamedToZero, renamedWithDate, copytruncated, nothingHappened
    }

    @Test(arguments: Stopped.allCases)
    func aRestartReadsTheUnreadRestFromTheRotatedCopyFirst(_ rotation: Stopped) throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        try writer.write(mailLines("a", 0..<4))
        try log.poll()
        log.restart(path: path)  // stopped here: the position is saved
        try writer.write(mailLines("a", 4..<7))
        // A compressed older copy and an unrelated file must not confuse the search.
        _ = try dir.write("mail.log.2.gz", Array("not ours".utf8))
        _ = try dir.write("mail.log.3", Array("Nov 25 unrelated older content\n".utf8))
        switch rotation {
        case .renamedToNumber: try Rotate.rename(path, to: path + ".1")
        case .renamedToZero: try Rotate.rename(path, to: path + ".0")
        case .renamedWithDate: try Rotate.rename(path, to: path + "-20261126")
        case .copytruncated: try Rotate.copyTruncate(path, to: path + ".1")
        case .nothingHappened: break
        }
        try writer.reopen()
        try writer.write(mailLines("b", 0..<3))
        #expect(try log.poll() == mailLines("a", 4..<7) + mailLines("b", 0..<3))
        #expect(log.lines == writer.written)
        #expect(log.follower.statistics.lostTracks == 0)
    }

    @Test func twoRotationsWhileStoppedAreReadInOrder() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        try writer.write(mailLines("a", 0..<3))
        try log.poll()
        log.restart(path: path)
        try writer.write(mailLines("a", 3..<5))
        // A stale copy from an older naming scheme, older than everything else.
        let stale = try dir.write("mail.log.1", Array("Nov 01 stale\n".utf8))
        var old = timespec(tv_sec: 1_000_000, tv_nsec: 0)
        _ = withUnsafePointer(to: &old) { time in
            [time.pointee, time.pointee].withUnsafeBufferPointer {
                utimensat(AT_FDCWD, stale, $0.baseAddress, 0)
            }
        }
        try Rotate.rename(stale, to: path + "-20261101")
        try Rotate.rename(path, to: path + ".1")
        try writer.reopen()
        try writer.write(mailLines("b", 0..<2))
        try Rotate.rename(path + ".1", to: path + ".2")
        try Rotate.rename(path, to: path + ".1")
        try writer.reopen()
        try writer.write(mailLines("c", 0..<2))
        #expect(
            try log.poll() == mailLines("a", 3..<5) + mailLines("b", 0..<2) + mailLines("c", 0..<2))
        #expect(log.lines == writer.written)
    }

    @Test func twoRotationsBetweenPollsAreReadInOrder() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        try writer.write(mailLines("a", 0..<3))
        try log.poll()
        try writer.write(mailLines("a", 3..<4))
        try Rotate.rename(path, to: path + ".1")
        try writer.reopen()
        try writer.write(mailLines("b", 0..<2))
        try Rotate.rename(path + ".1", to: path + ".2")
        try Rotate.rename(path, to: path + ".1")
        try writer.reopen()
        try writer.write(mailLines("c", 0..<2))
        #expect(
            try log.poll() == mailLines("a", 3..<4) + mailLines("b", 0..<2) + mailLines("c", 0..<2))
        #expect(log.follower.statistics.rotations == 2)
    }

    @Test func aFileDeletedWhileStoppedIsCountedAsLostAndTheNewFileIsReadWhole() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        try writer.write(mailLines("a", 0..<4))
        try log.poll()
        log.restart(path: path)
        try Rotate.unlink(path)
        #expect(try log.poll() == [])
        // Until a new file appears, the saved position is kept for the checkpoint.
        #expect(log.follower.position != nil)
        try writer.reopen()
        try writer.write(mailLines("b", 0..<2))
        #expect(try log.poll() == mailLines("b", 0..<2))
        #expect(log.follower.statistics.lostTracks == 1)
    }

    /// Inode reuse: the saved device and inode now hold another file. ext4 hands a freed
    /// inode to the next new file; on a file system that does not (tmpfs), the saved position
    /// is moved onto the new file's inode, which is the same state.
    @Test func aReusedInodeWithOtherContentIsReadAsANewFile() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let first = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        try first.write(mailLines("a", 0..<3))
        try log.poll()
        let saved = try #require(log.follower.position)
        try Rotate.unlink(path)
        let second = try SyslogLikeWriter(path: path)
        // Longer than what was read, so only the fingerprint can tell the files apart.
        let fresh = mailLines("b", 0..<10)
        try second.write(fresh)
        let inode = try #require(Rotate.inode(path))
        let reused = FilePosition(
            identity: FileIdentity(
                device: saved.identity.device, inode: inode,
                fingerprint: saved.identity.fingerprint),
            offset: saved.offset)
        #expect(inode == saved.identity.inode || reused != saved)
        let resumed = FollowRecorder(FileFollower(path: path, start: .resume(reused)))
        #expect(try resumed.poll() == fresh)
        #expect(resumed.follower.statistics.lostTracks == 1)
    }

    @Test func aSameInodeRewrittenInPlaceWhileStoppedIsReadFromItsStart() throws {
        let dir = try TempDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        try writer.write(mailLines("a", 0..<3))
        try log.poll()
        log.restart(path: path)
        let inode = Rotate.inode(path)
        guard truncate(path, 0) == 0 else { throw FollowTestError.system("truncate", errno) }
        try writer.write(mailLines("b", 0..<12))
        #expect(Rotate.inode(path) == inode)
        #expect(try log.poll() == mailLines("b", 0..<12))
        #expect(log.follower.statistics.lostTracks == 1)
    }
}
