/// Parses the message part of lines logged by Postfix daemons.
public enum PostfixParser {
    /// `header.program` starts with `postfix` (any instance name: `postfix-out/smtp`, ...).
    public static func parse(_ line: UnsafeBufferPointer<UInt8>, header: SyslogHeader)
        -> ParseResult
    {
        .unrecognized
    }
}
