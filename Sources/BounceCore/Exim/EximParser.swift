/// Parses Exim mainlog lines, bare or behind a syslog header.
public enum EximParser {
    /// A line that starts with Exim's own `YYYY-MM-DD HH:MM:SS` stamp.
    public static func parseMainlog(_ line: UnsafeBufferPointer<UInt8>) -> ParseResult {
        .unrecognized
    }

    /// A line whose syslog program starts with `exim`; the mainlog text begins at
    /// `header.messageStart`.
    public static func parse(_ line: UnsafeBufferPointer<UInt8>, header: SyslogHeader)
        -> ParseResult
    {
        .unrecognized
    }
}
