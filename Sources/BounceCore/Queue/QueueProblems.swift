/// What went wrong while reading a queue: a count of the records skipped and the first few
/// reasons, worded for an administrator. Bounded whatever the queue holds.
public struct QueueProblems: Sendable, Equatable {
    /// How many reasons are kept; the count goes on past it.
    public static let keptMessages = 5

    /// Records (showq records, Exim spool files) skipped as malformed or unreadable.
    public private(set) var skipped = 0
    /// The first `keptMessages` reasons, in order.
    public private(set) var messages: [String] = []

    public init() {}

    /// Counts one skipped record and keeps `message` while there is room.
    public mutating func skip(_ message: String) {
        skipped += 1
        if messages.count < Self.keptMessages { messages.append(message) }
    }

    /// Adds `other`'s counts and reasons.
    public mutating func merge(_ other: QueueProblems) {
        skipped += other.skipped
        for message in other.messages where messages.count < Self.keptMessages {
            messages.append(message)
        }
    }
}
