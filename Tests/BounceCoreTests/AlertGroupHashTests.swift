import Testing

@testable import BounceCore

/// `AlertGroupHash` reads eight bytes at a time and folds ASCII upper case eight at a time: a
/// value read from the line (`of(lowercasing:)`) must hash as its lower-cased text does, and a
/// `String` as its bytes, whatever the length and whatever bytes it holds.
@Suite struct AlertGroupHashTests {
    /// The lower-casing the engine's byte path promises: ASCII letters only, a byte at a time.
    static func lowered(_ bytes: [UInt8]) -> [UInt8] { bytes.map(ByteScan.lower) }

    static func hash(_ bytes: [UInt8], lowercasing: Bool) -> UInt64 {
        bytes.withUnsafeBufferPointer {
            lowercasing ? AlertGroupHash.of(lowercasing: $0) : AlertGroupHash.of(bytes: $0)
        }
    }

    @Test func foldingWordsAgreesWithFoldingEachByte() {
        var random = AlertSelectionTests.SplitMix(state: 7)
        // Every byte value, around the letters especially, at every length up to five words.
        let alphabet: [UInt8] =
            Array(0x3F...0x5C) + Array(0x5F...0x7B) + [0x00, 0x7F, 0x80, 0xC3, 0xDF, 0xFF]
        for length in 0...40 {
            for _ in 0..<40 {
                let bytes = (0..<length).map { _ in
                    random.next() % 4 == 0
                        ? UInt8(truncatingIfNeeded: random.next())
                        : alphabet[Int(random.next() % UInt64(alphabet.count))]
                }
                #expect(
                    Self.hash(bytes, lowercasing: true)
                        == Self.hash(Self.lowered(bytes), lowercasing: false))
                #expect(AlertGroupHash.lower(Self.word(bytes)) == Self.word(Self.lowered(bytes)))
            }
        }
    }

    @Test func aStringHashesAsItsBytes() {
        for text in [
            "", "a", "gmail.com", "GMAIL.COM", "bücher.example", String(repeating: "x", count: 300),
        ] {
            #expect(AlertGroupHash.of(text) == Self.hash(Array(text.utf8), lowercasing: false))
        }
    }

    /// Values that share their first word, or differ only in length by zero bytes, differ.
    @Test func lengthAndTailTell() {
        let values: [[UInt8]] = [
            [], [0], [0, 0], Array("abcdefgh".utf8), Array("abcdefgh\0".utf8),
            Array("abcdefghi".utf8), Array("abcdefghj".utf8),
        ]
        let hashes = Set(values.map { Self.hash($0, lowercasing: false) })
        #expect(hashes.count == values.count)
    }

    /// The first eight bytes as one little-endian word, zero-padded.
    static func word(_ bytes: [UInt8]) -> UInt64 {
        var word: UInt64 = 0
        for (index, byte) in bytes.prefix(8).enumerated() { word |= UInt64(byte) << (8 * index) }
        return word
    }
}
