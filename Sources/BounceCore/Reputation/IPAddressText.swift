/// Address text, parsed and printed without the C library (`BounceCore` stays pure).
public enum IPAddressText {
    /// Four decimal octets separated by dots, no leading zeros beyond a single `0`.
    public static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                part.count == 1 || part.first != 0x30
            else { return nil }
            let value = part.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            guard value <= 255 else { return nil }
            bytes.append(UInt8(value))
        }
        return bytes
    }

    /// RFC 4291 text: up to eight groups of hex digits, one `::`, an optional trailing dotted
    /// quad; no zone index (`%eth0`), which names no address of a block list.
    public static func ipv6(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8.count <= 45, utf8.contains(UInt8(ascii: ":")) else {
            return nil
        }
        var tail: [UInt16] = []
        let halves = split(utf8, on: Array("::".utf8))
        guard halves.count <= 2 else { return nil }
        let sawGap = halves.count == 2
        guard let head = groups(halves[0], allowQuad: !sawGap) else { return nil }
        if sawGap {
            guard let second = groups(halves[1], allowQuad: true) else { return nil }
            tail = second
        }
        let total = head.count + tail.count
        if sawGap {
            guard total <= 7 else { return nil }
        } else {
            guard total == 8 else { return nil }
        }
        let words = head + Array(repeating: 0, count: 8 - total) + tail
        return words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// RFC 5952 text: lower case, the longest run of two or more zero groups as `::`.
    public static func text(ipv6 bytes: [UInt8]) -> String {
        guard bytes.count == 16 else { return "" }
        let words = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if words[index] == 0 {
                var end = index
                while end < 8, words[end] == 0 { end += 1 }
                if end - index > bestLength, end - index >= 2 {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        func hex(_ range: Range<Int>) -> String {
            range.map { String(words[$0], radix: 16) }.joined(separator: ":")
        }
        guard bestStart >= 0 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }

    private static func split(_ bytes: [UInt8], on separator: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if index + 1 < bytes.count, bytes[index] == separator[0],
                bytes[index + 1] == separator[1]
            {
                parts.append(current)
                current = []
                index += 2
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        parts.append(current)
        return parts
    }

    /// Colon-separated groups of one to four hex digits; the last may be a dotted quad.
    private static func groups(_ bytes: [UInt8], allowQuad: Bool) -> [UInt16]? {
        if bytes.isEmpty { return [] }
        let parts = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var words: [UInt16] = []
        for (offset, part) in parts.enumerated() {
            if offset == parts.count - 1, part.contains(UInt8(ascii: ".")) {
                guard allowQuad, let quad = ipv4(String(decoding: part, as: UTF8.self))
                else { return nil }
                words.append(UInt16(quad[0]) << 8 | UInt16(quad[1]))
                words.append(UInt16(quad[2]) << 8 | UInt16(quad[3]))
                continue
            }
            guard (1...4).contains(part.count) else { return nil }
            var value: UInt16 = 0
            for byte in part {
                guard let digit = hexDigit(byte) else { return nil }
                value = value << 4 | UInt16(digit)
            }
            words.append(value)
        }
        return words
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x61...0x66: return byte - 0x61 + 10
        case 0x41...0x46: return byte - 0x41 + 10
        default: return nil
        }
    }
}
