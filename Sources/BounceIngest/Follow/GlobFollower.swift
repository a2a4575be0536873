import BounceCore
import BounceSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Follows every file matching a glob pattern (`/var/log/mail*.log`), gaining files that
/// appear later. Rotated and compressed copies (`mail.log.1`, `mail.log-20261126`,
/// `mail.log.2.gz`) are not followed as logs of their own: their lines are read through the
/// follower of the file they were rotated from.
public final class GlobFollower {
    /// The pattern, as for `glob(3)`.
    public let pattern: String
    public let maxLineLength: Int
    private let start: FollowStart
    private var saved: [String: FilePosition]
    private let waker: FollowWaker?
    private var followers: [FileFollower] = []
    private var started = false

    /// Follows `pattern`. Files matching on the first poll start as `start` says, or from
    /// their entry in `saved` (by path); files that match later are read from their start.
    public init(
        pattern: String, start: FollowStart, saved: [String: FilePosition] = [:],
        maxLineLength: Int = LineReader.defaultMaxLineLength, waker: FollowWaker? = nil
    ) {
        self.pattern = pattern
        self.start = start
        self.saved = saved
        self.maxLineLength = maxLineLength
        self.waker = waker
        // New matches show up as entries created in the pattern's directory.
        let directory = Path.directory(of: pattern)
        if !directory.utf8.contains(where: { $0 == 0x2A || $0 == 0x3F || $0 == 0x5B }) {
            waker?.watchDirectory(directory)
        }
    }

    /// The followed paths, in the order they were found.
    public var paths: [String] { followers.map(\.path) }

    /// Where each followed file stands, by path, for a checkpoint.
    public var positions: [String: FilePosition] {
        var result: [String: FilePosition] = [:]
        for follower in followers {
            if let position = follower.position { result[follower.path] = position }
        }
        return result
    }

    /// The sum of the followers' statistics.
    public var statistics: FollowStatistics {
        followers.reduce(into: FollowStatistics()) { total, follower in
            let one = follower.statistics
            total.lines += one.lines
            total.truncatedLines += one.truncatedLines
            total.rotations += one.rotations
            total.truncations += one.truncations
            total.lostTracks += one.lostTracks
        }
    }

    /// Looks for new matching files, then polls every follower in turn. A file that fails is
    /// reported in the result and does not keep the others from being read.
    public func poll(
        _ body: (_ path: String, _ line: UnsafeBufferPointer<UInt8>, _ position: FilePosition)
            -> Void
    ) -> [IngestError] {
        addNewMatches()
        var errors: [IngestError] = []
        for follower in followers {
            do {
                try follower.poll { line, position in body(follower.path, line, position) }
            } catch {
                errors.append(error)
            }
        }
        return errors
    }

    private func addNewMatches() {
        var known = Set(paths)
        var found = Self.expand(pattern).filter {
            !RotatedNames.looksRotated(Path.name(of: $0))
        }
        let isFirst = !started
        if isFirst {
            started = true
            // A saved file that is gone now (rotated while stopped) is still followed: its
            // follower reads the rotated rest and waits for a new file at the path.
            found += saved.keys.sorted()
        }
        for path in found where !known.contains(path) {
            known.insert(path)
            // A file that appears after the start is new: all of it is unread.
            let first =
                saved.removeValue(forKey: path).map(FollowStart.resume)
                ?? (isFirst ? start : .beginning)
            followers.append(
                FileFollower(path: path, start: first, maxLineLength: maxLineLength, waker: waker))
        }
    }

    /// The paths matching `pattern` now, sorted.
    static func expand(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths
    }
}
