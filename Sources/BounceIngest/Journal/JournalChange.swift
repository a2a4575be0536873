/// What woke a wait on the journal.
public enum JournalChange: Sendable, Equatable {
    /// Nothing new: the timeout passed, or the wakeup was for something that does not matter.
    case none
    /// Entries were appended: read them with `next()`.
    case appended
    /// Journal files were added, removed or rotated: read on with `next()`, which continues
    /// from the current position.
    case invalidated
    /// The caller's wake descriptor became readable (shutdown or reload was asked for).
    case woken
}
