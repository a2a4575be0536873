import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

/// `mail.log` in a fresh temp directory, a syslog-like writer on it and a recorded follower
/// reading it: where most follow tests start.
final class FollowedMailLog {
    let dir: TemporaryDirectory
    let path: String
    let writer: SyslogLikeWriter
    let log: FollowRecorder

    init(
        start: FollowStart = .beginning, maxLineLength: Int = LineReader.defaultMaxLineLength
    ) throws {
        dir = try TemporaryDirectory()
        path = dir.path("mail.log")
        writer = try SyslogLikeWriter(path: path)
        log = FollowRecorder(FileFollower(path: path, start: start, maxLineLength: maxLineLength))
    }

    var follower: FileFollower { log.follower }

    /// Writes `mailLines(tag, range)` as complete lines.
    func write(_ tag: String, _ range: Range<Int>) throws {
        try writer.write(mailLines(tag, range))
    }

    /// Polls once and returns the lines this poll delivered.
    @discardableResult
    func poll() throws -> [String] { try log.poll() }

    /// Writes `mailLines(tag, range)` and polls, so the follower has read everything so far.
    func writeAndRead(_ tag: String, _ range: Range<Int>) throws {
        try write(tag, range)
        try poll()
    }

    /// The writer, told to reopen (as syslog is after a rotation), opens the file now at the
    /// path, creating it when missing, and writes `mailLines(tag, range)` there.
    func reopenAndWrite(_ tag: String, _ range: Range<Int>) throws {
        try writer.reopen()
        try write(tag, range)
    }

    /// Stops the follower and starts a new one at the position it had (see `FollowRecorder`).
    func restart() { log.restart(path: path) }

    /// A rename rotation: `mail.log.1` becomes `mail.log.2` when `shifting`, `mail.log`
    /// becomes `mail.log.1`, and the writer reopens a new `mail.log`.
    func rotate(shifting: Bool = false) throws {
        if shifting { try Rotate.rename(path + ".1", to: path + ".2") }
        try Rotate.rename(path, to: path + ".1")
        try writer.reopen()
    }

    /// Checks that the follower delivered every line written, in order, and nothing else.
    func expectEveryLineOnce(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(log.lines == writer.written, sourceLocation: sourceLocation)
    }
}
