/// A message's queue id with the queue it belongs to, as four machine words: compared and
/// hashed without building a string.
///
/// The id's first 24 bytes are kept as they are (Postfix ids are 10 to 17 bytes, Exim's 16 or
/// 23), and any bytes beyond are folded into the third word. `scope` tells queues apart that
/// may reuse an id: the syslog host (a central log host carries many servers) and, for
/// Postfix, the instance (`postfix-out/qmgr` and `postfix/qmgr` number their queues apart).
public struct MessageKey: Hashable, Sendable {
    var first: UInt64
    var second: UInt64
    var third: UInt64
    var scope: UInt64

    /// No key: the line had no queue id.
    static let none = MessageKey(first: 0, second: 0, third: 0, scope: 0)

    var isNone: Bool { first == 0 }

    init(first: UInt64, second: UInt64, third: UInt64, scope: UInt64) {
        self.first = first
        self.second = second
        self.third = third
        self.scope = scope
    }

    /// The key of `event`'s queue id in `line`.
    @inline(__always)
    public init(_ event: borrowing RawEvent, in line: UnsafeBufferPointer<UInt8>) {
        self.init(
            id: event.queueID, host: event.host, program: event.program,
            postfix: event.mta == .postfix, in: line)
    }

    /// The key of the queue id at `id` logged by `program` on `host` (ranges into `line`).
    @inline(__always)
    public init(
        id: ByteRange, host: ByteRange, program: ByteRange, postfix: Bool,
        in line: UnsafeBufferPointer<UInt8>
    ) {
        let start = id.start
        let end = min(id.end, line.count)
        guard start >= 0, end > start, let base = line.baseAddress else {
            self = .none
            return
        }
        first = ByteScan.word(base, count: end, from: start)
        second = end &- start > 8 ? ByteScan.word(base, count: end, from: start &+ 8) : 0
        third = end &- start > 16 ? ByteScan.word(base, count: end, from: start &+ 16) : 0
        if end &- start > 24 {
            third = ByteScan.fold(
                third
                    ^ UInt64(
                        MessageNames.hash(
                            base + (start &+ 24), end &- start &- 24, lowercased: false)))
        }
        // No host and no Postfix instance (Exim's own log): the scope is its start, without
        // a call.
        if host.end <= host.start, !postfix || program.end <= program.start {
            scope = Self.unscoped
        } else {
            scope = Self.scope(host: host, program: postfix ? program : .none, in: line)
        }
    }

    /// The scope of a queue without host or instance (as checkpoints hold it).
    static let unscoped: UInt64 = 1

    /// The hash that places the key in a table.
    @inline(__always)
    var hash: UInt64 {
        ByteScan.fold(first ^ ByteScan.fold(second ^ third ^ scope))
    }

    /// The queue's scope: the host, and the Postfix instance (the program up to its first `/`;
    /// an empty `program` for Exim).
    @inline(__always)
    static func scope(host: ByteRange, program: ByteRange, in line: UnsafeBufferPointer<UInt8>)
        -> UInt64
    {
        guard let base = line.baseAddress else { return unscoped }
        var state = unscoped
        let hostLength = host.end &- host.start
        if hostLength > 0, host.start >= 0, host.end <= line.count {
            if hostLength <= 16 {
                // Most host names fit in two words: no loop.
                var first = ByteScan.word(base, count: host.end, from: host.start)
                var second =
                    hostLength > 8 ? ByteScan.word(base, count: host.end, from: host.start &+ 8) : 0
                first |= MessageNames.upperFlags(first)
                second |= MessageNames.upperFlags(second)
                state = ByteScan.fold(first ^ ByteScan.fold(second ^ UInt64(hostLength))) | 1
            } else {
                state =
                    UInt64(MessageNames.hash(base + host.start, hostLength, lowercased: true)) << 1
                    | 1
            }
        }
        if program.start >= 0, program.end <= line.count,
            program.end > program.start
        {
            let count = program.end &- program.start
            // The usual instance, `postfix/...`, adds nothing: one compare.
            if count >= 8,
                ByteScan.word(base, count: program.end, from: program.start) == postfixSlash
            {
                return state
            }
            var slash = 0
            while slash < count, base[program.start &+ slash] != UInt8(ascii: "/") { slash &+= 1 }
            state ^= ByteScan.fold(
                UInt64(MessageNames.hash(base + program.start, slash, lowercased: false)) | 1 << 40)
        }
        return state
    }

    /// `postfix/` as a little-endian word.
    private static let postfixSlash: UInt64 = 0x2F78_6966_7473_6F70
}
