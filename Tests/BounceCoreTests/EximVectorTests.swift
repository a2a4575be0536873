import Testing

@testable import BounceCore

/// `EximVector`'s sixteen-byte searches answer as `ByteScan.find` and `ByteScan.firstOf`,
/// over texts dense in the searched bytes and longer than a vector, at every start and end
/// (out of range included).
@Suite struct EximVectorTests {
    private static let texts = [
        "1rABCD-000123-AB => kmr@example.com R=dnslookup T=remote_smtp H=mx.example.com "
            + "[192.0.2.1]:25 X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.0.0 Ok\"",
        "\"quoted local part\"@example.org <p@q.example> H=(helo) [2001:db8::1] : reason",
        "a\\\"b\"c]d e:f  ::\"\" ]] \\\\ x", "no-searched-byte-in-here-at-all-for-thirty-two",
        String(repeating: "x", count: 40) + " " + String(repeating: "y", count: 17) + "]",
        "\u{0}\u{FF} \u{0}:\u{FF}\"", "",
    ]
    private static let pairs: [(UInt8, UInt8)] = [
        (0x20, 0x22), (0x22, 0x5C), (0x22, 0x3A), (0x5D, 0x20), (0x20, 0x20),
    ]

    @Test func findAgreesWithTheWordSearch() {
        var found = 0
        for text in Self.texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { line in
                for byte: UInt8 in [0x20, 0x22, 0x3A, 0x5D, 0x40] {
                    for from in -2...line.count + 1 {
                        for to in -1...line.count + 2 {
                            let fast = EximVector.find(byte, in: line, from: from, to: to)
                            let general = ByteScan.find(byte, in: line, from: from, to: to)
                            #expect(fast == general, "\(text) \(byte) \(from)..<\(to)")
                            if general != nil { found += 1 }
                        }
                    }
                }
            }
        }
        #expect(found > 10000)
    }

    @Test func firstOfAgreesWithTheWordSearch() {
        var found = 0
        for text in Self.texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { line in
                for (byte, other) in Self.pairs {
                    for from in -2...line.count + 1 {
                        for to in 0...line.count + 2 {
                            let fast = EximVector.firstOf(byte, other, in: line, from: from, to: to)
                            let general = ByteScan.firstOf(
                                byte, other, other, in: line, from: from, to: to)
                            #expect(fast == general, "\(text) \(byte) \(other) \(from)..<\(to)")
                            if general < Swift.min(to, line.count) { found += 1 }
                        }
                    }
                }
            }
        }
        #expect(found > 10000)
    }
}
