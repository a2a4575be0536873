import Testing

@testable import BounceCore

/// `PostfixScan.looksLikeIP` reads eight bytes at a time: it must say what a test of each byte
/// says, wherever the address sits in its line and however long it is.
@Suite struct PostfixScanLooksLikeIPTests {
    /// The rule byte by byte: hex digits, dots and colons only, at least one dot or colon,
    /// 2 to 45 bytes.
    static func expected(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 2, bytes.count <= 45 else { return false }
        var separator = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: ":"): separator = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"):
                break
            default: return false
            }
        }
        return separator
    }

    static func looksLikeIP(_ line: [UInt8], _ range: Range<Int>) -> Bool {
        line.withUnsafeBufferPointer {
            PostfixScan.looksLikeIP(ByteRange(range.lowerBound, range.upperBound), in: $0)
        }
    }

    @Test func addressesAndOtherNames() {
        let cases: [(String, Bool)] = [
            ("192.0.2.1", true), ("2001:db8::1", true), ("::1", true),
            ("2001:DB8:0:0:8:800:200C:417A", true), ("unknown", false), ("abcdef", false),
            ("192.0.2.1x", false), ("192.0.2.g", false), ("a.", true), (".", false),
            ("1111:2222:3333:4444:5555:6666:7777:8888:9999x", false),
            ("1111:2222:3333:4444:5555:6666:7777:8888:99999", true),
            ("1111:2222:3333:4444:5555:6666:7777:8888:999999", false),
            ("1111:2222:3333:4444:5555:6666:7777:8888:9999", true),
        ]
        for (text, address) in cases {
            let bytes = Array(text.utf8)
            #expect(Self.looksLikeIP(bytes, 0..<bytes.count) == address, "\(text)")
            let line = Array("x [".utf8) + bytes + Array("]:25 and more".utf8)
            #expect(Self.looksLikeIP(line, 3..<(3 + bytes.count)) == address, "\(text) in a line")
        }
    }

    /// Every byte class at every place of every length, at many offsets: the words' edges
    /// (a text shorter than a word, its last partial word) are where a word-wise test errs.
    @Test func sameAsByteByByte() {
        let alphabet: [UInt8] =
            Array("./09:;@AFG`afgz -".utf8) + [0, 0x80, 0xAE, 0xBA, 0xC1, 0xE1, 0xFF]
        let digits = Array("0123456789abcdefABCDEF.:".utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var addresses = 0
        for _ in 0..<20_000 {
            let length = next() % 50
            var text = (0..<length).map { _ in digits[next() % digits.count] }
            // Mostly address bytes, with one other byte somewhere now and then.
            if length > 0, next() % 2 == 0 {
                text[next() % length] = alphabet[next() % alphabet.count]
            }
            let before = (0..<(next() % 12)).map { _ in alphabet[next() % alphabet.count] }
            let after = (0..<(next() % 12)).map { _ in alphabet[next() % alphabet.count] }
            let line = before + text + after
            let range = before.count..<(before.count + length)
            let want = Self.expected(line[range])
            if want { addresses += 1 }
            #expect(Self.looksLikeIP(line, range) == want, "\(line) \(range)")
        }
        // The draw gave both answers plenty.
        #expect(addresses > 2000)
        #expect(addresses < 18_000)
    }
}
