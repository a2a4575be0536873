/// One journal entry of a mail program, with the fields bouncewatch uses taken as they are
/// stored (never re-parsed from syslog text).
public struct JournalRecord: Sendable, Equatable {
    /// `__REALTIME_TIMESTAMP`: microseconds since 1970-01-01T00:00:00Z.
    public var realtimeMicroseconds: UInt64
    /// `SYSLOG_IDENTIFIER`, e.g. `postfix-out/smtp`.
    public var identifier: String
    /// `_PID`, when the entry has one that is a number.
    public var pid: Int?
    /// `_HOSTNAME`, when the entry has one.
    public var hostname: String?
    /// `MESSAGE` without the `MESSAGE=` prefix, cut to the source's maximum length. It may hold
    /// any byte, newlines included.
    public var message: [UInt8]
    /// The entry's cursor: save it to continue after this entry on the next start.
    public var cursor: String
    /// Whether `message` is a whole line a container wrote (Docker's `journald` log driver),
    /// with its own program tag and perhaps its own stamp, rather than a syslog message.
    public var isContainerLine: Bool

    public init(
        realtimeMicroseconds: UInt64, identifier: String, pid: Int?, hostname: String?,
        message: [UInt8], cursor: String, isContainerLine: Bool = false
    ) {
        self.isContainerLine = isContainerLine
        self.realtimeMicroseconds = realtimeMicroseconds
        self.identifier = identifier
        self.pid = pid
        self.hostname = hostname
        self.message = message
        self.cursor = cursor
    }
}
