import BounceCore
import BounceSystem

/// Follows one log file by path across rotations, handing out each complete line once.
///
/// Nothing happens between calls: each `poll` looks at the file and its rotated copies, reads
/// what was appended and hands it out, so tests drive it step by step and a daemon calls it
/// whenever a `FollowWaker` wakes up. Every line comes with the position just after it, which
/// is what a checkpoint stores to continue exactly there.
///
/// - Rename rotation: the old file stays open and is read to its end, lines written to it
///   after the rename included, before the new file at the path is read from its start. The
///   switch waits until the new file has content, the sign that writers moved to it.
/// - Delete and recreate: the same, with the deleted file read to its end.
/// - `copytruncate` (the file is shorter than what was read, or its first bytes changed): the
///   unread rest comes from the rotated copy with the old first bytes, then the truncated file
///   is read from its start.
/// - A file that does not exist yet is waited for and read from its start.
/// - Resuming from a saved position finds the file among its rotated names if it was rotated
///   while nothing was running, and reads its rest first.
/// - Two rotations between looks (or while stopped): the rotated copies between ours and the
///   new file are read whole, in order.
/// - Compressed rotation (`compress`, `delaycompress`): a rotated copy compressed with gzip
///   (`mail.log.2.gz`) is recognised by its inflated first bytes and read through zlib, the
///   bytes before the saved offset inflated and discarded.
///
/// What was recovered from a rotated copy after a stop, and a file whose unread rest is
/// nowhere to be found, are reported through `takeNotices()` for the log.
///
/// Known limits: a file deleted while nothing ran cannot be read (counted in `lostTracks`);
/// a file that was empty at the saved position has no fingerprint, so a `copytruncate` while
/// stopped looks like appends to it; a deleted file stays open until a new one appears.
///
/// A daemon loop:
///
///     let waker = FollowWaker()
///     let follower = FileFollower(path: "/var/log/mail.log", start: saved ?? .end, waker: waker)
///     while running {
///         try follower.poll { line, position in handle(line); lastPosition = position }
///         _ = waker.wait(timeout: -1)  // or poll(2) waker.descriptor with other descriptors
///     }
public final class FileFollower {
    /// The followed path.
    public let path: String
    /// The longest line handed out; longer lines are cut and counted.
    public let maxLineLength: Int
    /// What has been seen so far.
    public private(set) var statistics = FollowStatistics()

    private var pendingStart: FollowStart?
    /// A saved position whose file is gone, kept for the checkpoint until a new file appears.
    private var awaited: FilePosition?
    private var active: FollowedFile?
    /// Rotated copies newer than `active`, oldest first: read whole before the path's file.
    private var queue: [FollowedFile] = []
    private let waker: FollowWaker?
    /// The inode last watched at the path, so a new file there gets a watch of its own.
    private var watchedInode: (UInt64, UInt64)?
    /// What happened that the log should say, since the last `takeNotices()`.
    private var notices: [FollowNotice] = []

    /// Follows `path`, starting as `start` says on the first `poll`. A `waker`, when given,
    /// gets watches on the path's directory and on each file read.
    public init(
        path: String, start: FollowStart, maxLineLength: Int = LineReader.defaultMaxLineLength,
        waker: FollowWaker? = nil
    ) {
        self.path = path
        self.maxLineLength = max(1, maxLineLength)
        self.pendingStart = start
        self.waker = waker
        waker?.watchDirectory(Path.directory(of: path))
    }

    /// Where reading stands: the file and the offset of its next unread line; nil until a
    /// file has been found. Between polls it covers exactly the lines handed out.
    public var position: FilePosition? {
        if let active { return active.position }
        if case .resume(let saved) = pendingStart { return saved }
        return awaited
    }

    /// Reads everything complete that is new, calling `body` with each line (without its LF
    /// and one CR before it; valid only during the call) and the position after it.
    ///
    /// Throws when a file exists but cannot be opened or read; the follower stays where it
    /// was and the next poll tries again.
    public func poll(_ body: (_ line: UnsafeBufferPointer<UInt8>, _ position: FilePosition) -> Void)
        throws(IngestError)
    {
        if let start = pendingStart {
            try begin(start)
            pendingStart = nil
        }
        // A few rounds: a switch to the next file is read in the same poll.
        for _ in 0..<64 {
            guard try step(body) else { return }
        }
    }

    /// Whether a file is at the followed path now. A file read to its end after it was
    /// deleted or renamed does not count: the followed file is missing.
    public var isPresent: Bool { Self.statPath(path) != nil }

    /// What happened since the last call that the log should say, oldest first.
    public func takeNotices() -> [FollowNotice] {
        defer { notices.removeAll() }
        return notices
    }

    // MARK: - Starting

    private func begin(_ start: FollowStart) throws(IngestError) {
        switch start {
        case .beginning:
            active = try open(path, offset: 0)
        case .end:
            if let file = try open(path, offset: 0) {
                file.lines.reset(to: file.lastLineBoundary())
                active = file
            }
        case .resume(let saved):
            try resume(saved)
        }
    }

    private func resume(_ saved: FilePosition) throws(IngestError) {
        let atPath = try open(path, offset: saved.offset)
        let candidates = try rotatedCopies()
        let plan = RotationPlanner.plan(
            saved: saved, atPath: atPath?.observe(against: saved.identity),
            rotated: candidates.map { $0.observe(against: saved.identity) })
        if plan.lostTrack { lostTrack(saved) }
        if let tail = plan.tail {
            let file = candidates[tail]
            file.lines.reset(to: saved.offset)
            file.announceWhenFinished = true
            notices.append(
                .resumingInCopy(
                    copy: file.path, offset: saved.offset, compressed: file.isCompressed))
            queue = newerCopies(than: tail, among: candidates, atPath: atPath)
            for copy in queue { copy.announceWhenFinished = true }
            watch(file)
            // The file at the path (if any) is read from its start once this one is done.
            active = file
            return
        }
        switch plan.next {
        case .continueAt:
            active = atPath
        case .fromBeginning:
            atPath?.lines.reset(to: 0)
            active = atPath
        case .waitForFile:
            active = nil
            awaited = saved
        }
    }

    // MARK: - Following

    /// One round: check the file, read it, move on to a new file at the path. Returns whether
    /// another round is needed right away.
    private func step(_ body: (UnsafeBufferPointer<UInt8>, FilePosition) -> Void)
        throws(IngestError) -> Bool
    {
        guard let file = active else {
            // Nothing read yet: a file that appears is new and read from its start.
            active = try open(path, offset: 0)
            if active != nil { awaited = nil }
            return active != nil
        }
        if !RotationPlanner.isIntact(
            FilePosition(identity: file.identity, offset: file.lines.readOffset),
            in: file.observe(against: file.identity))
        {
            try recoverFromTruncation(of: file)
            return true
        }
        try read(file, body)
        file.growFingerprint()
        let atPath = Self.statPath(path)
        if let atPath, atPath.device == file.identity.device, atPath.inode == file.identity.inode {
            return false
        }
        // Rotated copies newer than this one are finished files, read whole next.
        if !queue.isEmpty {
            finish(file, body)
            statistics.rotations += 1
            active = queue.removeFirst()
            return true
        }
        // The file was renamed or deleted. Writers may still add to it, so it is left only
        // once a new file at the path has content; until then both are watched.
        guard let atPath, atPath.size > 0, let next = try open(path, offset: 0) else {
            return false
        }
        finish(file, body)
        statistics.rotations += 1
        // Two rotations since the last look: the copies between this file and the new one
        // come first.
        let candidates = try rotatedCopies()
        if let index = Self.index(of: file, among: candidates) {
            queue = newerCopies(than: index, among: candidates, atPath: next)
        }
        if !queue.isEmpty {
            active = queue.removeFirst()
            return true
        }
        active = next
        return true
    }

    /// Where `file`, just read to its end, is among the rotated copies: by inode, or (once it
    /// was compressed to a new file and deleted) by its first bytes.
    private static func index(of file: FollowedFile, among candidates: [FollowedFile]) -> Int? {
        if let index = candidates.firstIndex(where: {
            $0.identity.device == file.identity.device && $0.identity.inode == file.identity.inode
        }) {
            return index
        }
        let observed = candidates.map { $0.observe(against: file.identity) }
        return RotationPlanner.findTail(
            of: FilePosition(identity: file.identity, offset: 0), among: observed)
    }

    /// The files among `candidates` to read whole after the one at `index`, oldest first.
    private func newerCopies(
        than index: Int, among candidates: [FollowedFile], atPath: FollowedFile?
    ) -> [FollowedFile] {
        let observed = candidates.map { $0.observe(against: $0.identity) }
        let here = atPath.map { $0.observe(against: $0.identity) }
        let base = Path.name(of: path)
        let ours = Path.name(of: candidates[index].path)
        let chosen = RotationPlanner.newerCopies(than: index, among: observed, atPath: here)
            .filter { RotatedNames.sameScheme(Path.name(of: candidates[$0].path), ours, of: base) }
        for file in chosen.map({ candidates[$0] }) { watch(file) }
        return chosen.map { candidates[$0] }
    }

    private static func openIfPresent(_ path: String, _ maxLineLength: Int) -> FollowedFile? {
        (try? FollowedFile(path: path, maxLineLength: maxLineLength)) ?? nil
    }

    /// The file is shorter than what was read, or starts with other bytes: its old content
    /// was copied away (`copytruncate`) or it was rewritten. The unread rest is read from the
    /// copy if one is found; then the file at the path is read from its start.
    private func recoverFromTruncation(of file: FollowedFile) throws(IngestError) {
        statistics.truncations += 1
        let saved = file.position
        let candidates = try rotatedCopies()
        let observed = candidates.map { $0.observe(against: saved.identity) }
        if let tail = RotationPlanner.findTail(of: saved, among: observed),
            observed[tail].inode != saved.identity.inode
        {
            let copy = candidates[tail]
            copy.lines.reset(to: saved.offset)
            copy.announceWhenFinished = copy.isCompressed
            queue = newerCopies(
                than: tail, among: candidates, atPath: Self.openIfPresent(path, maxLineLength))
            watch(copy)
            // The copy is not at the path, so the next round drains it and then moves on.
            active = copy
            return
        }
        lostTrack(saved)
        file.restart()
    }

    private func read(
        _ file: FollowedFile, _ body: (UnsafeBufferPointer<UInt8>, FilePosition) -> Void
    ) throws(IngestError) {
        let before = file.lines.truncatedLines
        defer { statistics.truncatedLines += file.lines.truncatedLines - before }
        try file.readAvailable { line, offset in
            file.linesRead += 1
            deliver(line, FilePosition(identity: file.identity, offset: offset), body)
        }
        if let end = file.compressedEnd, end < file.lines.lineStart, !file.reportedShort {
            file.reportedShort = true
            statistics.lostTracks += 1
            notices.append(.copyTooShort(copy: file.path, offset: file.lines.lineStart, end: end))
        }
    }

    /// Counts and reports a file whose unread rest is nowhere to be found.
    private func lostTrack(_ saved: FilePosition) {
        statistics.lostTracks += 1
        notices.append(.lost(path: path, offset: saved.offset))
    }

    /// Hands out the unterminated last line of a file nobody writes to any more.
    private func finish(
        _ file: FollowedFile, _ body: (UnsafeBufferPointer<UInt8>, FilePosition) -> Void
    ) {
        let before = file.lines.truncatedLines
        file.lines.flushPartialLine { line, offset in
            file.linesRead += 1
            deliver(line, FilePosition(identity: file.identity, offset: offset), body)
        }
        statistics.truncatedLines += file.lines.truncatedLines - before
        if file.announceWhenFinished {
            file.announceWhenFinished = false
            notices.append(
                .readCopy(copy: file.path, lines: file.linesRead, compressed: file.isCompressed))
        }
    }

    @inline(__always)
    private func deliver(
        _ line: UnsafeBufferPointer<UInt8>, _ position: FilePosition,
        _ body: (UnsafeBufferPointer<UInt8>, FilePosition) -> Void
    ) {
        statistics.lines += 1
        body(line, position)
    }

    // MARK: - Files

    private func open(_ path: String, offset: Int) throws(IngestError) -> FollowedFile? {
        guard let file = try FollowedFile(path: path, maxLineLength: maxLineLength, offset: offset)
        else { return nil }
        watch(file)
        return file
    }

    private func watch(_ file: FollowedFile) {
        guard let waker else { return }
        let inode = (file.identity.device, file.identity.inode)
        if let watchedInode, watchedInode == inode { return }
        waker.watchFile(file.path)
        watchedInode = inode
    }

    /// The rotated copies of the path that can be opened, plain or gzip, newest first.
    private func rotatedCopies() throws(IngestError) -> [FollowedFile] {
        let directory = Path.directory(of: path)
        let base = Path.name(of: path)
        let names = RotatedNames.candidates(of: base, among: FileSystem.names(in: directory))
        var files: [FollowedFile] = []
        for name in names {
            let candidate = directory == "/" ? "/" + name : directory + "/" + name
            // A copy that vanished or cannot be read is not where our lines are.
            if let file = try? FollowedFile(
                path: candidate, maxLineLength: maxLineLength,
                compressed: RotatedNames.isCompressed(name))
            {
                files.append(file)
            }
        }
        return files
    }

    static func statPath(_ path: String) -> FileObservation? {
        guard let status = try? FileSystem.status(path) else { return nil }
        return FileObservation(
            device: status.device, inode: status.inode, size: status.size, prefix: nil)
    }
}
