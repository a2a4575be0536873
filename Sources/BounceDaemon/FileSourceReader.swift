import BounceCore
import BounceIngest
import BounceSystem

/// A `type: file` source: one `FileFollower`, or a `GlobFollower` for a pattern.
final class FileSourceReader {
    let config: FileSourceConfig
    private let single: FileFollower?
    private let glob: GlobFollower?
    private var truncatedSoFar = 0

    /// Starts from `saved` (the positions of the last checkpoint, by path) when the source was
    /// seen before, else as `start_at` says.
    init(config: FileSourceConfig, saved: [String: FilePosition]?, waker: FollowWaker) {
        self.config = config
        if config.isGlob {
            // A saved path that no longer matches the pattern belongs to an older configuration.
            let kept = (saved ?? [:]).filter { Path.matches(config.path, $0.key) }
            glob = GlobFollower(
                pattern: config.path, start: Self.start(config, seen: saved != nil),
                saved: kept, maxFiles: config.maxFiles, waker: waker)
            single = nil
        } else {
            let start = saved?[config.path].map(FollowStart.resume)
            single = FileFollower(
                path: config.path, start: start ?? Self.start(config, seen: saved != nil),
                waker: waker)
            glob = nil
        }
    }

    /// A source seen before reads everything that is new to it from its start.
    private static func start(_ config: FileSourceConfig, seen: Bool) -> FollowStart {
        if seen { return .beginning }
        return config.startAt == .beginning ? .beginning : .end
    }

    /// Reads what is new; returns the errors met (the source is down while there are any).
    func poll(_ body: (UnsafeBufferPointer<UInt8>) -> Void) -> [IngestError] {
        if let single {
            do {
                try single.poll { line, _ in body(line) }
                return []
            } catch {
                return [error]
            }
        }
        return glob?.poll { _, line, _ in body(line) } ?? []
    }

    /// Whether a file is being read: one is at the path (at least one for a glob). A missing
    /// file is not, even while a saved position or a deleted file's rest is kept for it.
    var isReading: Bool {
        if let single { return single.isPresent }
        return glob?.anyPresent ?? false
    }

    /// What the followers report for the log since the last call, each with its path.
    func takeNotices() -> [(path: String, notice: FollowNotice)] {
        if let single { return single.takeNotices().map { (single.path, $0) } }
        return glob?.takeNotices() ?? []
    }

    /// Files whose unread rest could not be found, since the start.
    var lostFiles: Int {
        single?.statistics.lostTracks ?? glob?.statistics.lostTracks ?? 0
    }

    /// Lines cut at the length limit since the last call.
    func takeTruncatedLines() -> Int {
        let total = single?.statistics.truncatedLines ?? glob?.statistics.truncatedLines ?? 0
        defer { truncatedSoFar = total }
        return total - truncatedSoFar
    }

    /// Where each followed file stands, by path.
    var checkpoint: SourceCheckpoint {
        if let single {
            return .files(single.position.map { [config.path: $0] } ?? [:])
        }
        return .files(glob?.positions ?? [:])
    }
}
