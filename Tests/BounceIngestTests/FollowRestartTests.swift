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
        let mail = try FollowedMailLog()
        let path = mail.path
        try mail.writeAndRead("a", 0..<4)
        mail.restart()  // stopped here: the position is saved
        try mail.write("a", 4..<7)
        // A compressed older copy and an unrelated file must not confuse the search.
        _ = try mail.dir.write("mail.log.2.gz", Array("not ours".utf8))
        _ = try mail.dir.write("mail.log.3", Array("Nov 25 unrelated older content\n".utf8))
        switch rotation {
        case .renamedToNumber: try Rotate.rename(path, to: path + ".1")
        case .renamedToZero: try Rotate.rename(path, to: path + ".0")
        case .renamedWithDate: try Rotate.rename(path, to: path + "-20261126")
        case .copytruncated: try Rotate.copyTruncate(path, to: path + ".1")
        case .nothingHappened: break
        }
        try mail.reopenAndWrite("b", 0..<3)
        #expect(try mail.poll() == mailLines("a", 4..<7) + mailLines("b", 0..<3))
        mail.expectEveryLineOnce()
        #expect(mail.follower.statistics.lostTracks == 0)
    }

    @Test func twoRotationsWhileStoppedAreReadInOrder() throws {
        let mail = try FollowedMailLog()
        try mail.writeAndRead("a", 0..<3)
        mail.restart()
        try mail.write("a", 3..<5)
        // A stale copy from an older naming scheme, older than everything else.
        let stale = try mail.dir.write("mail.log.1", Array("Nov 01 stale\n".utf8))
        var old = timespec(tv_sec: 1_000_000, tv_nsec: 0)
        _ = withUnsafePointer(to: &old) { time in
            [time.pointee, time.pointee].withUnsafeBufferPointer {
                utimensat(AT_FDCWD, stale, $0.baseAddress, 0)
            }
        }
        try Rotate.rename(stale, to: mail.path + "-20261101")
        try mail.rotate()
        try mail.write("b", 0..<2)
        try mail.rotate(shifting: true)
        try mail.write("c", 0..<2)
        #expect(
            try mail.poll() == mailLines("a", 3..<5) + mailLines("b", 0..<2) + mailLines("c", 0..<2)
        )
        mail.expectEveryLineOnce()
    }

    @Test func twoRotationsBetweenPollsAreReadInOrder() throws {
        let mail = try FollowedMailLog()
        try mail.writeAndRead("a", 0..<3)
        try mail.write("a", 3..<4)
        try mail.rotate()
        try mail.write("b", 0..<2)
        try mail.rotate(shifting: true)
        try mail.write("c", 0..<2)
        #expect(
            try mail.poll() == mailLines("a", 3..<4) + mailLines("b", 0..<2) + mailLines("c", 0..<2)
        )
        #expect(mail.follower.statistics.rotations == 2)
    }

    @Test func aFileDeletedWhileStoppedIsCountedAsLostAndTheNewFileIsReadWhole() throws {
        let mail = try FollowedMailLog()
        try mail.writeAndRead("a", 0..<4)
        mail.restart()
        try Rotate.unlink(mail.path)
        #expect(try mail.poll() == [])
        // Until a new file appears, the saved position is kept for the checkpoint.
        #expect(mail.follower.position != nil)
        try mail.reopenAndWrite("b", 0..<2)
        #expect(try mail.poll() == mailLines("b", 0..<2))
        #expect(mail.follower.statistics.lostTracks == 1)
    }

    /// Inode reuse: the saved device and inode now hold another file. ext4 hands a freed
    /// inode to the next new file; on a file system that does not (tmpfs), the saved position
    /// is moved onto the new file's inode, which is the same state.
    @Test func aReusedInodeWithOtherContentIsReadAsANewFile() throws {
        let mail = try FollowedMailLog()
        let path = mail.path
        try mail.writeAndRead("a", 0..<3)
        let saved = try #require(mail.follower.position)
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
        let mail = try FollowedMailLog()
        let path = mail.path
        try mail.writeAndRead("a", 0..<3)
        mail.restart()
        let inode = Rotate.inode(path)
        guard truncate(path, 0) == 0 else { throw FollowTestError.system("truncate", errno) }
        try mail.write("b", 0..<12)
        #expect(Rotate.inode(path) == inode)
        #expect(try mail.poll() == mailLines("b", 0..<12))
        #expect(mail.follower.statistics.lostTracks == 1)
    }
}
