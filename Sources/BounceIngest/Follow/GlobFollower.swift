import BounceCore
import BounceSystem

/// Follows every file matching a glob pattern (`/var/log/mail*.log`), gaining files that
/// appear later. Rotated and compressed copies (`mail.log.1`, `mail.log-20261126`,
/// `mail.log.2.gz`) are not followed as logs of their own: their lines are read through the
/// follower of the file they were rotated from.
public final class GlobFollower {
    /// The pattern, as for `glob(3)`.
    public let pattern: String
    public let maxLineLength: Int
    /// The most files followed at once; matches beyond it are left out and reported.
    public let maxFiles: Int
    private let start: FollowStart
    private var saved: [String: FilePosition]
    private let waker: FollowWaker?
    private var followers: [FileFollower] = []
    private var started = false
    /// Matching files left out at the last look, to report a change once.
    private var leftOut = 0
    private var notices: [FollowNotice] = []

    /// Follows `pattern`. Files matching on the first poll start as `start` says, or from
    /// their entry in `saved` (by path); files that match later are read from their start.
    public init(
        pattern: String, start: FollowStart, saved: [String: FilePosition] = [:],
        maxLineLength: Int = LineReader.defaultMaxLineLength, maxFiles: Int = .max,
        waker: FollowWaker? = nil
    ) {
        self.pattern = pattern
        self.maxFiles = max(1, maxFiles)
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

    /// Whether at least one followed file is at its path now.
    public var anyPresent: Bool { followers.contains { $0.isPresent } }

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

    /// What the followers report for the log since the last call, with their paths.
    public func takeNotices() -> [(path: String, notice: FollowNotice)] {
        defer { notices.removeAll() }
        return notices.map { (pattern, $0) }
            + followers.flatMap { follower in
                follower.takeNotices().map { (follower.path, $0) }
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
        var found = Self.expand(pattern).filter {
            !RotatedNames.looksRotated(Path.name(of: $0))
        }
        let isFirst = !started
        if isFirst {
            started = true
            // A saved file that is gone now (rotated while stopped) is still followed: its
            // follower reads the rotated rest and waits for a new file at the path. Saved
            // files come first: under the cap, those with unread lines are kept.
            found = saved.keys.sorted() + found
        }
        var seen = Set(paths)
        let unknown = found.filter { seen.insert($0).inserted }
        let room = max(0, maxFiles - followers.count)
        let over = max(0, unknown.count - room)
        if over != leftOut {
            leftOut = over
            if over > 0 {
                notices.append(
                    .tooManyFiles(
                        pattern: pattern, matching: followers.count + unknown.count, cap: maxFiles
                    ))
            }
        }
        for path in unknown.prefix(room) {
            // A file that appears after the start is new: all of it is unread.
            let first =
                saved.removeValue(forKey: path).map(FollowStart.resume)
                ?? (isFirst ? start : .beginning)
            followers.append(
                FileFollower(path: path, start: first, maxLineLength: maxLineLength, waker: waker))
        }
    }

    /// How many files matching `pattern` now would be followed (rotated copies left out).
    public static func matchCount(_ pattern: String) -> Int {
        expand(pattern).filter { !RotatedNames.looksRotated(Path.name(of: $0)) }.count
    }

    /// The paths matching `pattern` now, sorted.
    static func expand(_ pattern: String) -> [String] {
        FileSystem.paths(matching: pattern)
    }
}
