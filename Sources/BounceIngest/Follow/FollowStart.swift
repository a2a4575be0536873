import BounceCore

/// Where a follower starts reading its file.
public enum FollowStart: Hashable, Sendable {
    /// At the end of the file as it is on the first poll (after its last complete line): only
    /// lines written later are read. A file that does not exist yet is read from its start
    /// when it appears.
    case end
    /// At the first byte of the file.
    case beginning
    /// Where a previous run stopped. If the file was rotated meanwhile, the rest of it is
    /// read from its rotated copy first, then the new file from its start.
    case resume(FilePosition)
}
