import BounceCore
import Foundation
import Testing

@testable import BounceIngest

/// logrotate's `compress` and `delaycompress`: a rotated copy is gzipped into `NAME.gz` (with
/// the plain file's modification time) and the plain copy deleted. Unread lines in such a copy
/// are found by their inflated first bytes and read through zlib.
@Suite struct FollowCompressedRotationTests {
    /// `gzip` as logrotate runs it: `path.gz` holds `path`'s bytes, keeps its modification
    /// time, and `path` is removed.
    static func compress(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try Data(Gzip.compress(bytes)).write(to: URL(fileURLWithPath: path + ".gz"))
        var info = stat()
        guard stat(path, &info) == 0 else { throw FollowTestError.system("stat", errno) }
        let times = [info.st_atim, info.st_mtim]
        _ = times.withUnsafeBufferPointer { utimensat(AT_FDCWD, path + ".gz", $0.baseAddress, 0) }
        try Rotate.unlink(path)
    }

    /// Two rotations while stopped with `delaycompress`: the file read before the stop is now
    /// `mail.log.2.gz`, the next one `mail.log.1`.
    @Test func twoDelayCompressedRotationsWhileStoppedLoseNothing() throws {
        let mail = try FollowedMailLog()
        try mail.writeAndRead("a", 0..<40)
        mail.restart()
        try mail.write("a", 40..<100)
        try mail.rotate()
        try mail.write("b", 0..<50)
        try mail.rotate(shifting: true)
        try Self.compress(mail.path + ".2")
        try mail.write("c", 0..<5)
        #expect(
            try mail.poll()
                == mailLines("a", 40..<100) + mailLines("b", 0..<50) + mailLines("c", 0..<5))
        mail.expectEveryLineOnce()
        #expect(mail.follower.statistics.lostTracks == 0)
        let notices = mail.follower.takeNotices()
        #expect(
            notices == [
                .resumingInCopy(
                    copy: mail.path + ".2.gz",
                    offset: mailLines("a", 0..<40).reduce(0) { $0 + $1.utf8.count + 1 },
                    compressed: true),
                .readCopy(copy: mail.path + ".2.gz", lines: 60, compressed: true),
                .readCopy(copy: mail.path + ".1", lines: 50, compressed: false),
            ])
    }

    /// `compress` without `delaycompress`: the rotated file is compressed at once.
    @Test func aRotationCompressedAtOnceWhileStoppedLosesNothing() throws {
        let mail = try FollowedMailLog()
        try mail.writeAndRead("a", 0..<30)
        mail.restart()
        try mail.write("a", 30..<45)
        try mail.rotate()
        try Self.compress(mail.path + ".1")
        try mail.write("b", 0..<3)
        #expect(try mail.poll() == mailLines("a", 30..<45) + mailLines("b", 0..<3))
        mail.expectEveryLineOnce()
    }

    /// A follower that did not run while the log was rotated twice (a stopped process, as
    /// with SIGSTOP): it holds the first file open and reads it to its end, then must find
    /// the second one between it (now compressed and deleted) and the new file.
    @Test func twoDelayCompressedRotationsBetweenPollsLoseNothing() throws {
        let mail = try FollowedMailLog()
        try mail.writeAndRead("a", 0..<20)
        try mail.write("a", 20..<30)
        try mail.rotate()
        try mail.write("b", 0..<25)
        try mail.rotate(shifting: true)
        try Self.compress(mail.path + ".2")
        try mail.write("c", 0..<4)
        #expect(
            try mail.poll()
                == mailLines("a", 20..<30) + mailLines("b", 0..<25) + mailLines("c", 0..<4))
        mail.expectEveryLineOnce()
        #expect(mail.follower.statistics.rotations == 2)
    }

    /// A restart while reading a compressed copy continues in it, by its own identity.
    @Test func aStopWhileReadingACompressedCopyContinuesThere() throws {
        let mail = try FollowedMailLog()
        try mail.writeAndRead("a", 0..<10)
        mail.restart()
        try mail.write("a", 10..<20)
        try mail.rotate()
        try Self.compress(mail.path + ".1")
        // Only part of the copy is read: no new file at the path yet, so it waits there.
        var first: [String] = []
        try mail.follower.poll { line, _ in
            first.append(String(decoding: line, as: UTF8.self))
        }
        #expect(first == mailLines("a", 10..<20))
        let saved = try #require(mail.follower.position)
        let resumed = FollowRecorder(FileFollower(path: mail.path, start: .resume(saved)))
        try mail.reopenAndWrite("b", 0..<2)
        #expect(try resumed.poll() == mailLines("b", 0..<2))
        #expect(resumed.follower.statistics.lostTracks == 0)
    }

    /// A file deleted while stopped (or compressed by a tool zlib cannot read) is reported.
    @Test func aFileNowhereToBeFoundIsReported() throws {
        let mail = try FollowedMailLog()
        try mail.writeAndRead("a", 0..<4)
        let offset = try #require(mail.follower.position?.offset)
        mail.restart()
        try mail.write("a", 4..<6)
        try mail.rotate()
        try Rotate.rename(mail.path + ".1", to: mail.path + ".1.xz")
        try mail.write("b", 0..<2)
        #expect(try mail.poll() == mailLines("b", 0..<2))
        #expect(mail.follower.statistics.lostTracks == 1)
        #expect(mail.follower.takeNotices() == [.lost(path: mail.path, offset: offset)])
    }

    /// A gzip copy whose first bytes match but that ends before the saved offset.
    @Test func aCompressedCopyShorterThanTheOffsetIsReported() throws {
        let mail = try FollowedMailLog()
        try mail.writeAndRead("a", 0..<8)
        let saved = try #require(mail.follower.position)
        mail.restart()
        try mail.rotate()
        let short = Array(mailLines("a", 0..<5).map { $0 + "\n" }.joined().utf8)
        _ = try mail.dir.write("mail.log.1.gz", Gzip.compress(short))
        try Rotate.unlink(mail.path + ".1")
        try mail.write("b", 0..<2)
        #expect(try mail.poll() == mailLines("b", 0..<2))
        #expect(mail.follower.statistics.lostTracks == 1)
        let notices = mail.follower.takeNotices()
        #expect(
            notices.contains(
                .copyTooShort(copy: mail.path + ".1.gz", offset: saved.offset, end: short.count)))
    }
}
