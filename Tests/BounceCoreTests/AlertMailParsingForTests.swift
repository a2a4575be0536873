/// Reads a composed alert mail back the way a strict receiver would, for the mail tests.
struct ParsedAlertMail {
    /// The header block's physical lines, without CRLF.
    var headerLines: [String] = []
    /// Unfolded fields, names as written.
    var fields: [(name: String, value: String)] = []
    /// The raw (quoted-printable) body lines, without CRLF.
    var rawBodyLines: [String] = []
    /// The decoded body, lines joined with `\n`.
    var body = ""
    var problems: [String] = []

    init(_ bytes: [UInt8]) {
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A, index == 0 || bytes[index - 1] != 0x0D {
                problems.append("bare LF at \(index)")
            }
            if byte == 0x0D, index + 1 >= bytes.count || bytes[index + 1] != 0x0A {
                problems.append("bare CR at \(index)")
            }
        }
        let lines = Self.split(bytes)
        guard let blank = lines.firstIndex(where: \.isEmpty) else {
            problems.append("no blank line after the header")
            return
        }
        for line in lines[..<blank] {
            if line.contains(where: { $0 >= 0x80 || $0 == 0 }) {
                problems.append("non-ASCII header")
            }
            if line.count > 998 { problems.append("header line over 998 bytes") }
            headerLines.append(String(decoding: line, as: UTF8.self))
        }
        for line in headerLines {
            if line.first == " " || line.first == "\t" {
                guard !fields.isEmpty else {
                    problems.append("continuation first")
                    continue
                }
                fields[fields.count - 1].value += line
            } else if let colon = line.firstIndex(of: ":") {
                let value = line[line.index(after: colon)...]
                fields.append((String(line[..<colon]), String(value.drop { $0 == " " })))
            } else {
                problems.append("header line without a colon: \(line)")
            }
        }
        var decoded: [UInt8] = []
        for line in lines[(blank + 1)...] {
            rawBodyLines.append(String(decoding: line, as: UTF8.self))
            if line.contains(where: { $0 >= 0x80 }) { problems.append("8-bit body") }
            if line.count > 76 { problems.append("body line over 76") }
            if line.last == UInt8(ascii: "=") {
                decoded += Self.decodeQP(line.dropLast())
            } else {
                decoded += Self.decodeQP(line[...])
                decoded.append(0x0A)
            }
        }
        body = String(decoding: decoded, as: UTF8.self)
    }

    func values(_ name: String) -> [String] {
        fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The Subject with encoded-words decoded (white space between two of them dropped).
    var subject: String? {
        guard let raw = values("Subject").first else { return nil }
        var result = ""
        for word in raw.split(separator: " ") {
            if word.hasPrefix("=?utf-8?B?"), word.hasSuffix("?=") {
                let payload = word.dropFirst(10).dropLast(2)
                result += String(decoding: Self.decodeBase64(String(payload)), as: UTF8.self)
            } else {
                if !result.isEmpty { result += " " }
                result += word
            }
        }
        return result
    }

    private static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append(current)
                current = []
                index += 2
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    static func decodeQP(_ line: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == UInt8(ascii: "="), index + 2 < line.endIndex {
                let hex = String(decoding: line[(index + 1)...(index + 2)], as: UTF8.self)
                out.append(UInt8(hex, radix: 16) ?? 0x3F)
                index += 3
            } else {
                out.append(line[index])
                index += 1
            }
        }
        return out
    }

    static func decodeBase64(_ text: String) -> [UInt8] {
        let alphabet = Array(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var bits: UInt32 = 0
        var count = 0
        var out: [UInt8] = []
        for byte in text.utf8 {
            guard let value = alphabet.firstIndex(of: byte) else { continue }
            bits = bits << 6 | UInt32(value)
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
            }
        }
        return out
    }
}
