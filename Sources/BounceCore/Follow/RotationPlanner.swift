/// Decides where the unread lines of a followed file are after the file changed under the
/// follower: on start from a saved position, and when the file was truncated while followed.
public enum RotationPlanner {
    /// What to read, in order.
    public struct Plan: Equatable, Sendable {
        /// The index among the rotated candidates of the file that holds our unread tail; it
        /// is read from the saved offset to its end before anything else.
        public let tail: Int?
        /// What to read at the path afterwards.
        public let next: Next
        /// The file we were reading is nowhere to be found: whatever it held after the saved
        /// offset is lost. Counted, never silent.
        public let lostTrack: Bool

        public init(tail: Int?, next: Next, lostTrack: Bool) {
            self.tail = tail
            self.next = next
            self.lostTrack = lostTrack
        }
    }

    /// Where to go on at the followed path.
    public enum Next: Equatable, Sendable {
        /// The file at the path is the one we were reading: go on at this offset.
        case continueAt(Int)
        /// The file at the path is a new one (or was rewritten): read it from its first byte.
        case fromBeginning
        /// Nothing is at the path: wait for a file to appear, then read it from the beginning.
        case waitForFile
    }

    /// Plans reading after a stop (or a truncation): `atPath` is the file now at the followed
    /// path (nil when missing), `rotated` the uncompressed rotated copies, newest first, each
    /// observed against `saved.identity`.
    public static func plan(
        saved: FilePosition, atPath: FileObservation?, rotated: [FileObservation]
    ) -> Plan {
        if let atPath, isIntact(saved, in: atPath) {
            return Plan(tail: nil, next: .continueAt(saved.offset), lostTrack: false)
        }
        let tail = findTail(of: saved, among: rotated)
        return Plan(
            tail: tail, next: atPath == nil ? .waitForFile : .fromBeginning,
            lostTrack: tail == nil)
    }

    /// Whether `file` still holds every byte up to the saved offset: same file, same first
    /// bytes, not shorter. A `copytruncate` makes it shorter, or (when the log was written
    /// past the old offset before we looked) changes its first bytes.
    public static func isIntact(_ position: FilePosition, in file: FileObservation) -> Bool {
        position.identity.isSameFile(as: file) && file.size >= position.offset
    }

    /// The candidate that holds the rest of the file `position` points into: the same inode
    /// (renamed), or else the same first bytes (a copy); never one shorter than the offset.
    public static func findTail(of position: FilePosition, among candidates: [FileObservation])
        -> Int?
    {
        if let index = candidates.firstIndex(where: {
            position.identity.isSameFile(as: $0) && $0.size >= position.offset
        }) {
            return index
        }
        // An empty fingerprint matches any content, so a copy cannot be recognised by it.
        guard position.identity.fingerprint.length > 0 else { return nil }
        return candidates.firstIndex {
            position.identity.hasSameContent(as: $0) && $0.size >= position.offset
        }
    }

    /// The rotated copies newer than the one at `index` (candidates are newest first), in the
    /// order to read them after it: oldest first. They were rotated after the file we were
    /// reading, so none of their lines were read; this matters when two rotations happened
    /// while nothing looked (a daemon stopped over two nights). A copy that is the file now
    /// at the path (`atPath`) is left out: it is read as the path's file. So is one last
    /// modified before the file at `index`: a leftover of another naming scheme, not newer.
    public static func newerCopies(
        than index: Int, among candidates: [FileObservation], atPath: FileObservation?
    ) -> [Int] {
        guard index > 0, index < candidates.count else { return [] }
        let ours = candidates[index]
        return (0..<index).reversed().filter { candidate in
            let copy = candidates[candidate]
            guard copy.modified >= ours.modified else { return false }
            guard let atPath else { return true }
            return copy.device != atPath.device || copy.inode != atPath.inode
        }
    }
}
