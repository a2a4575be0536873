/// The case folding the phrase matcher applies to phrases and to replies alike: ASCII letters,
/// and the two-byte UTF-8 letters of the Latin-1 Supplement, Latin Extended-A (Polish, Czech,
/// Turkish) and Cyrillic (Russian, Ukrainian). Scripts without case (Chinese, Japanese, Korean)
/// pass through unchanged; so does anything that is not a valid two-byte sequence, which is how
/// invalid UTF-8 in a reply stays harmless.
enum CaseFold {
    /// The lower-case form of a phrase, byte by byte as the matcher reads a reply.
    static func fold(_ text: String) -> String {
        // Most phrases are written in lower-case ASCII already: keep the string itself rather
        // than copying its bytes twice (the classifier folds some 1,500 phrases at start-up).
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 && $0 &- UInt8(ascii: "A") >= 26 }
        }
        if plain == true { return text }
        let bytes = Array(text.utf8)
        var folded: [UInt8] = []
        folded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isFoldLead(byte), index + 1 < bytes.count, bytes[index + 1] & 0xC0 == 0x80 {
                let pair = fold(byte, bytes[index + 1])
                folded.append(pair.0)
                folded.append(pair.1)
                index += 2
            } else {
                folded.append(ByteScan.lower(byte))
                index += 1
            }
        }
        return String(decoding: folded, as: UTF8.self)
    }

    /// Whether `byte` leads a two-byte sequence that may have a lower-case form (U+00C0-U+04FF).
    @inline(__always)
    static func isFoldLead(_ byte: UInt8) -> Bool { byte &- 0xC3 < 0x11 }

    /// The lower-case form of the code point encoded by `lead`, `next` (a valid two-byte
    /// sequence), re-encoded in two bytes.
    @inline(__always)
    static func fold(_ lead: UInt8, _ next: UInt8) -> (UInt8, UInt8) {
        let scalar = UInt32(lead & 0x1F) << 6 | UInt32(next & 0x3F)
        let lower = lowerCase(scalar)
        guard lower != scalar else { return (lead, next) }
        return (UInt8(0xC0 | lower >> 6), UInt8(0x80 | lower & 0x3F))
    }

    static func lowerCase(_ scalar: UInt32) -> UInt32 {
        switch scalar {
        case 0xC0...0xDE where scalar != 0xD7: return scalar + 0x20
        // Turkish dotted capital I folds to a one-byte `i`, which a two-byte fold cannot give.
        case 0x130: return scalar
        case 0x100...0x137, 0x14A...0x177: return scalar & 1 == 0 ? scalar + 1 : scalar
        case 0x139...0x148, 0x179...0x17E: return scalar & 1 == 1 ? scalar + 1 : scalar
        case 0x400...0x40F: return scalar + 0x50
        case 0x410...0x42F: return scalar + 0x20
        case 0x460...0x481, 0x48A...0x4BF: return scalar & 1 == 0 ? scalar + 1 : scalar
        default: return scalar
        }
    }
}
