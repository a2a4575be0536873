/// The `service-1  | ` that `docker compose logs` writes before each container line: a
/// service name, the spaces that pad it to the widest name, a `|` and a space.
///
/// No syslog or Exim line opens that way (a month name or a date is followed by digits, not by
/// a `|`), so the prefix is recognised by shape alone.
public enum ComposePrefix {
    /// The length of the prefix at the start of `line`, 0 when there is none.
    public static func length(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var cursor = 0
        // Compose names: letters, digits, `.`, `_` and `-`, at most a couple of hundred bytes.
        while cursor < line.count, cursor < 256 {
            let byte = line[cursor]
            guard
                ByteScan.isAlphanumeric(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            else { break }
            cursor += 1
        }
        guard cursor > 0, ByteScan.byte(line, cursor) == UInt8(ascii: " ") else { return 0 }
        while cursor < line.count, line[cursor] == UInt8(ascii: " ") { cursor += 1 }
        guard ByteScan.byte(line, cursor) == UInt8(ascii: "|") else { return 0 }
        cursor += 1
        if ByteScan.byte(line, cursor) == UInt8(ascii: " ") { cursor += 1 }
        return cursor
    }

    /// `line` without its compose prefix.
    @inline(__always)
    public static func stripped(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let count = length(line)
        return count == 0 ? line : UnsafeBufferPointer(rebasing: line[count...])
    }
}
