/// What a follower has seen, for the daemon's health figures.
public struct FollowStatistics: Hashable, Sendable {
    /// Lines handed out.
    public var lines = 0
    /// Lines cut to the length cap.
    public var truncatedLines = 0
    /// Times reading moved on from a file that was renamed or deleted to the new file at the
    /// path.
    public var rotations = 0
    /// Times the file was found truncated or rewritten in place (`copytruncate`).
    public var truncations = 0
    /// Times the unread rest of a file could not be found among its rotated copies, so lines
    /// may have been missed.
    public var lostTracks = 0

    public init() {}
}
