/// Where a `JournalSource` starts reading.
public enum JournalStart: Sendable, Equatable {
    /// The oldest entry the journal still has.
    case head
    /// After the newest entry: only what is logged from now on.
    case tail
    /// After the entry with this cursor, as saved in a checkpoint. The entry itself is not read
    /// again; when it has been vacuumed away, reading continues with the next one that is left.
    case cursor(String)
}
