import BounceCore

/// The bridge from a journal record to the parsers, which take whole syslog lines.
///
/// Rebuilding a line is the simplest correct path: `LineParser` then picks the Postfix or Exim
/// parser by the identifier exactly as it does for a log file, and nothing in BounceCore needs a
/// second entry point. The time stays exact: the stamp is RFC 3339 in UTC with the journal's
/// microseconds, which `TimestampParser.rfc3339` reads back with its offset.
extension JournalRecord {
    /// `2026-11-26T10:00:01.000123+00:00 mx1 postfix/smtp[123]: message`, written into
    /// `line` (which is emptied first, so one buffer can serve every record).
    ///
    /// Bytes that would end the header early are replaced by `_`: a space, `[` or `:` in the
    /// identifier, a space in the host name. A missing host name becomes `-`; a missing PID
    /// leaves out `[pid]`. The message is copied as it is.
    public func syslogLine(into line: inout [UInt8]) {
        line.removeAll(keepingCapacity: true)
        line.reserveCapacity(message.count + identifier.utf8.count + 64)
        let seconds = Int(realtimeMicroseconds / 1_000_000)
        let micros = Int(realtimeMicroseconds % 1_000_000)
        line.append(
            contentsOf: LogInstant(unixSeconds: seconds, nanosecond: micros * 1000).rfc3339.utf8)
        line.append(UInt8(ascii: " "))
        let host = hostname ?? ""
        if host.isEmpty {
            line.append(UInt8(ascii: "-"))
        } else {
            Self.appendToken(host.utf8, avoiding: [UInt8(ascii: " ")], to: &line)
        }
        line.append(UInt8(ascii: " "))
        Self.appendToken(
            identifier.utf8, avoiding: [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: ":")],
            to: &line)
        if let pid {
            line.append(UInt8(ascii: "["))
            line.append(contentsOf: String(pid).utf8)
            line.append(UInt8(ascii: "]"))
        }
        line.append(UInt8(ascii: ":"))
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: message)
    }

    /// The same line as a new array.
    public var syslogLine: [UInt8] {
        var line: [UInt8] = []
        syslogLine(into: &line)
        return line
    }

    private static func appendToken(
        _ bytes: String.UTF8View, avoiding forbidden: [UInt8], to line: inout [UInt8]
    ) {
        if bytes.isEmpty {
            line.append(UInt8(ascii: "-"))
            return
        }
        for byte in bytes {
            let unsafe = forbidden.contains(byte) || byte < 0x20
            line.append(unsafe ? UInt8(ascii: "_") : byte)
        }
    }
}
