import BounceCore
import BounceIngest

/// A `type: docker` source: a container's `json-file` log followed by a `FileFollower` (the
/// same rotation handling as a file: `-json.log.1`, ... and their `.gz`), each record turned
/// back into the line the container wrote by a `DockerLineJoiner`, then parsed.
///
/// Exactly once across restarts: the checkpoint holds the follower's position, except while a
/// line split into several records is only partly read. Then it holds the position of the
/// line's first record, so a restart reads all its records again and joins them; the pieces
/// read before were not counted. (Known limit: when both streams have a split line open at
/// once, the earlier one's start is saved, and the other stream's line completed in between
/// is read twice after a crash at that moment.)
final class DockerSourceReader {
    let config: DockerSourceConfig
    /// Docker writes pieces of at most 16 KiB, escaped up to six bytes a byte, plus the keys
    /// and `attrs`: physical lines are cut (and then refused as truncated) only beyond this.
    static let physicalLineLimit = 256 * 1024

    private let waker: FollowWaker
    private let parser: LineParser
    private var follower: FileFollower?
    /// The log followed; nil while the container cannot be found.
    private(set) var path: String?
    private var joiner = DockerLineJoiner(maxLineLength: LineReader.defaultMaxLineLength)
    private var stamped = StampedLine()
    private var event = RawEvent.unparsed()
    /// Where the oldest partly joined line starts.
    private var joinStart: FilePosition?
    /// The positions last saved, kept while no log is being followed.
    private var saved: [String: FilePosition]?
    private var truncatedSoFar = 0
    private var joinedTruncatedSoFar = 0
    /// Lines that were no record since the last `takeProblems()`, and the last reason.
    private var problemCount = 0
    private var lastProblem: DockerRecordProblem?
    /// Whether the container could not be found at some point: its log, once found, is new.
    private var waitedForLog = false
    /// Why the container's log cannot be found, while it cannot.
    private(set) var lookupFailure: String?

    init(config: DockerSourceConfig, saved: [String: FilePosition]?, waker: FollowWaker) {
        self.config = config
        self.saved = saved
        self.waker = waker
        parser = LineParser(format: config.format)
        locate()
    }

    /// Finds the log (for a container, through Docker's data root) and follows it when it is
    /// not the one followed already.
    private func locate() {
        let found: String
        switch config.target {
        case .path(let path):
            found = path
        case .container(let name):
            do throws(DockerContainers.LookupError) {
                found = try DockerContainers.logPath(of: name, root: config.dockerRoot)
                lookupFailure = nil
            } catch {
                lookupFailure = error.description
                waitedForLog = true
                return
            }
        }
        guard found != path else { return }
        if let follower {
            // The container was recreated: the old log was read to its end, and a line left
            // half-joined there will not be finished.
            joiner.flush { _ in }
            joinStart = nil
            saved = follower.position.map { [follower.path: $0] }
        }
        let start: FollowStart
        if let position = saved?[found] {
            start = .resume(position)
        } else if saved != nil || waitedForLog || config.startAt == .beginning {
            // A source seen before, or one that waited for its container, reads all of a log
            // that is new to it.
            start = .beginning
        } else {
            start = .end
        }
        path = found
        truncatedSoFar = 0
        follower = FileFollower(
            path: found, start: start, maxLineLength: Self.physicalLineLimit, waker: waker)
    }

    /// Reads every new line, parsed; returns what keeps the source from reading. With `retry`,
    /// a container whose log is gone is looked up again, after its old log was read to its end.
    func poll(retry: Bool, _ body: (LineOutcome, RawEvent, UnsafeBufferPointer<UInt8>) -> Void)
        -> [String]
    {
        var errors = follower.map { read($0, body) } ?? []
        if retry, case .container = config.target, follower?.isPresent != true {
            let before = follower
            locate()
            if let follower, follower !== before { errors = read(follower, body) }
        }
        return errors + (lookupFailure.map { [$0] } ?? [])
    }

    private func read(
        _ follower: FileFollower,
        _ body: (LineOutcome, RawEvent, UnsafeBufferPointer<UInt8>) -> Void
    ) -> [String] {
        do throws(IngestError) {
            try follower.poll { physical, position in
                let wasJoining = joiner.hasPending
                joiner.take(physical) { piece in
                    switch piece {
                    case .line(let line, let time):
                        // A blank line is no log line at all.
                        if line.isEmpty { return }
                        stamped.parse(line, time: time, with: parser, into: &event) {
                            outcome, parsed, text in
                            body(outcome, parsed, text)
                        }
                    case .problem(let problem):
                        problemCount += 1
                        lastProblem = problem
                        body(.unrecognized, event, physical)
                    }
                }
                if !wasJoining, joiner.hasPending {
                    // This record opened a line: its start is where a restart must read from.
                    // A physical line ends with its LF (one byte before at the very end of a
                    // finished file, which then reads an empty line first: harmless).
                    joinStart = FilePosition(
                        identity: position.identity,
                        offset: max(0, position.offset - physical.count - 1))
                }
            }
        } catch {
            return [error.description]
        }
        return []
    }

    /// Whether the log is at its path now.
    var isReading: Bool { follower?.isPresent ?? false }

    /// What the follower reports for the log since the last call, with the path.
    func takeNotices() -> [(path: String, notice: FollowNotice)] {
        guard let follower else { return [] }
        return follower.takeNotices().map { (follower.path, $0) }
    }

    /// Lines that were not Docker records since the last call, and the last reason.
    func takeProblems() -> (count: Int, last: DockerRecordProblem?) {
        defer {
            problemCount = 0
            lastProblem = nil
        }
        return (problemCount, lastProblem)
    }

    /// Files whose unread rest could not be found, since the start.
    var lostFiles: Int { follower?.statistics.lostTracks ?? 0 }

    /// Physical lines cut at their limit and joined lines cut at theirs, since the last call.
    func takeTruncatedLines() -> Int {
        let physical = follower?.statistics.truncatedLines ?? 0
        let joined = joiner.truncatedLines
        defer {
            truncatedSoFar = physical
            joinedTruncatedSoFar = joined
        }
        return max(0, physical - truncatedSoFar) + (joined - joinedTruncatedSoFar)
    }

    /// Where the log stands, by path: before a line still being joined.
    var checkpoint: SourceCheckpoint {
        guard let follower, let path else { return .files(saved ?? [:]) }
        let position = joiner.hasPending ? joinStart : follower.position
        return .files(position.map { [path: $0] } ?? [:])
    }
}
