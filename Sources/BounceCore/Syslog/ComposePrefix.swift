/// The `service-1  | ` that `docker compose logs` writes before each container line: a
/// service name, the spaces that pad it to the widest name, a `|` and a space.
///
/// No syslog or Exim line opens that way (a month name or a date is followed by digits, not by
/// a `|`), so the prefix is recognised by shape alone.
public enum ComposePrefix {
    /// The length of the prefix at the start of `line`, 0 when there is none.
    public static func length(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        // The `|` after the padding first: on log lines that test fails at once (the first
        // space of a stamp is followed by a digit).
        guard let nameEnd = ByteScan.find(UInt8(ascii: " "), in: line, from: 0, to: 256),
            nameEnd > 0
        else { return 0 }
        var cursor = nameEnd + 1
        while ByteScan.byte(line, cursor) == UInt8(ascii: " ") { cursor += 1 }
        guard ByteScan.byte(line, cursor) == UInt8(ascii: "|") else { return 0 }
        // Compose names: letters, digits, `.`, `_` and `-`.
        for index in 0..<nameEnd {
            let byte = line[index]
            guard
                ByteScan.isAlphanumeric(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            else { return 0 }
        }
        cursor += 1
        if ByteScan.byte(line, cursor) == UInt8(ascii: " ") { cursor += 1 }
        return cursor
    }

    /// Parses `line` with `parser`; a line no shape fits is read again without a compose
    /// prefix, and `line` then becomes the text after it (what the event's ranges point
    /// into). Trying the prefix only after a miss keeps it off the path of ordinary lines.
    @inlinable @inline(__always)
    public static func parse(
        _ line: inout UnsafeBufferPointer<UInt8>, with parser: LineParser,
        into event: inout RawEvent
    ) -> LineOutcome {
        let outcome = parser.parse(line, into: &event)
        guard outcome == .unrecognized else { return outcome }
        let count = length(line)
        guard count > 0 else { return outcome }
        line = UnsafeBufferPointer(rebasing: line[count...])
        return line.isEmpty ? .ignored : parser.parse(line, into: &event)
    }

    /// As `parse(_:with:into:)`, keeping the stamp of the line before in `stamps`
    /// (`StampCache`).
    @inlinable @inline(__always)
    public static func parse(
        _ line: inout UnsafeBufferPointer<UInt8>, with parser: LineParser,
        into event: inout RawEvent, stamps: inout StampCache
    ) -> LineOutcome {
        let outcome = parser.parse(line, into: &event, stamps: &stamps)
        guard outcome == .unrecognized else { return outcome }
        let count = length(line)
        guard count > 0 else { return outcome }
        line = UnsafeBufferPointer(rebasing: line[count...])
        return line.isEmpty ? .ignored : parser.parse(line, into: &event, stamps: &stamps)
    }

    /// `line` without its compose prefix.
    @inline(__always)
    public static func stripped(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let count = length(line)
        return count == 0 ? line : UnsafeBufferPointer(rebasing: line[count...])
    }
}
