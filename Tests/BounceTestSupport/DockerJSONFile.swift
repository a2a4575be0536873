/// Writes records the way Docker's `json-file` driver does, for tests: the same key order
/// (`log`, `stream`, `attrs`, `time`), the same escaping (`\n`, `\r`, `\"`, `\\` short;
/// `<`, `>`, `&`, other control bytes and U+2028/U+2029 as `\uXXXX`; each invalid UTF-8 byte
/// as `\ufffd`) and the same 16 KiB split of long lines, whose pieces lack the newline.
public enum DockerJSONFile {
    /// Docker's read buffer: a longer line is written as several records.
    public static let pieceSize = 16 * 1024

    /// The records (each with its final LF) for one line the container wrote (no newline).
    public static func records(
        for line: [UInt8], stream: String = "stdout", time: String = "2026-12-06T10:00:01.5Z",
        attrs: String? = nil
    ) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        repeat {
            let end = min(line.count, start + pieceSize)
            var log = Array(line[start..<end])
            if end == line.count { log.append(0x0A) }
            out += record(log: log, stream: stream, time: time, attrs: attrs)
            start = end
        } while start < line.count
        return out
    }

    public static func records(
        for line: String, stream: String = "stdout", time: String = "2026-12-06T10:00:01.5Z"
    ) -> [UInt8] {
        records(for: Array(line.utf8), stream: stream, time: time)
    }

    /// One record with `log` as given (a piece lacks the newline).
    public static func record(log: [UInt8], stream: String, time: String, attrs: String? = nil)
        -> [UInt8]
    {
        var out = Array(#"{"log":"#.utf8)
        escape(log, into: &out)
        out += Array(#","stream":"#.utf8)
        escape(Array(stream.utf8), into: &out)
        if let attrs { out += Array(#","attrs":"#.utf8) + Array(attrs.utf8) }
        out += Array(#","time":""#.utf8) + Array(time.utf8) + Array("\"}\n".utf8)
        return out
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func escape(_ bytes: [UInt8], into out: inout [UInt8]) {
        out.append(0x22)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                switch byte {
                case 0x22, 0x5C: out += [0x5C, byte]
                case 0x0A: out += Array(#"\n"#.utf8)
                case 0x0D: out += Array(#"\r"#.utf8)
                case 0x3C, 0x3E, 0x26, 0..<0x20:
                    out += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                default: out.append(byte)
                }
                index += 1
                continue
            }
            let length = validSequenceLength(bytes, at: index)
            if length == 0 {
                out += Array(#"\ufffd"#.utf8)
                index += 1
                continue
            }
            // U+2028 and U+2029: E2 80 A8 / E2 80 A9.
            if length == 3, byte == 0xE2, bytes[index + 1] == 0x80,
                bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
            {
                out += Array(#"\u202"#.utf8) + [hex[Int(bytes[index + 2] & 0xF)]]
                index += 3
                continue
            }
            out += bytes[index..<index + length]
            index += length
        }
        out.append(0x22)
    }

    /// The length of the valid UTF-8 sequence at `index`, 0 when it is not one.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let length = min(4, bytes.count - index)
        for count in 2...4 where count <= length {
            let slice = Array(bytes[index..<index + count])
            if String(validating: slice, as: UTF8.self) != nil { return count }
        }
        return 0
    }
}
