import BounceCore
import Foundation
import Testing

@testable import BounceIngest

/// A log writer that behaves like syslog: it keeps its file open in append mode, so after a
/// rename or a delete it goes on writing to the old file until it is told to reopen.
final class SyslogLikeWriter {
    let path: String
    private var descriptor: Int32 = -1
    /// Every line written, in order: the ground truth.
    private(set) var written: [String] = []

    init(path: String) throws {
        self.path = path
        try reopen()
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Closes the current file and opens (creating if needed) the file at the path.
    func reopen() throws {
        if descriptor >= 0 { close(descriptor) }
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FollowTestError.system("open \(path)", errno) }
    }

    /// Writes complete lines.
    func write(_ lines: [String]) throws {
        try writeRaw(lines.map { $0 + "\n" }.joined())
        written += lines
    }

    /// Writes bytes as they are (a partial line, say); the caller accounts for them.
    func writeRaw(_ text: String) throws {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let got = bytes[done...].withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress, $0.count)
            }
            guard got > 0 else { throw FollowTestError.system("write \(path)", errno) }
            done += got
        }
    }

    /// Records lines written by other means (completing a partial line).
    func record(_ lines: [String]) { written += lines }
}

enum FollowTestError: Error {
    case system(String, Int32)
}

/// Rotations as logrotate and admins do them.
enum Rotate {
    /// `mv path target` (logrotate's default `create` mode, before the new file exists).
    static func rename(_ path: String, to target: String) throws {
        guard Glibc.rename(path, target) == 0 else {
            throw FollowTestError.system("rename \(path)", errno)
        }
    }

    /// logrotate's `copytruncate`: copy the file, then truncate it in place.
    static func copyTruncate(_ path: String, to target: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.write(to: URL(fileURLWithPath: target))
        guard truncate(path, 0) == 0 else { throw FollowTestError.system("truncate", errno) }
    }

    static func unlink(_ path: String) throws {
        guard Glibc.unlink(path) == 0 else { throw FollowTestError.system("unlink", errno) }
    }

    static func inode(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }
}

/// A follower and everything it delivered.
final class FollowRecorder {
    var follower: FileFollower
    private(set) var lines: [String] = []
    private(set) var positions: [FilePosition] = []

    init(_ follower: FileFollower) {
        self.follower = follower
    }

    /// Polls once and returns the lines this poll delivered.
    @discardableResult
    func poll() throws -> [String] {
        var got: [String] = []
        try follower.poll { line, position in
            got.append(String(decoding: line, as: UTF8.self))
            positions.append(position)
        }
        lines += got
        return got
    }

    /// Replaces the follower by a new one resuming from the current position, as a restart
    /// after a stop would.
    func restart(path: String, maxLineLength: Int = LineReader.defaultMaxLineLength) {
        let saved = follower.position.map(FollowStart.resume) ?? .beginning
        follower = FileFollower(path: path, start: saved, maxLineLength: maxLineLength)
    }
}

/// Numbered lines that look like mail log lines, unique across a test.
func mailLines(_ tag: String, _ range: Range<Int>) -> [String] {
    range.map { "Nov 26 10:00:00 mx postfix/smtp[\($0)]: \(tag)\($0): to=<u\($0)@example.org>" }
}
