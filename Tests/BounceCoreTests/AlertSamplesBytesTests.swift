import Testing

@testable import BounceCore

/// Sample lines kept as bytes: a line offered straight from the log reads back as the text
/// decoding and cutting it gave when it was kept as a `String` (invalid UTF-8 repaired, cut
/// at `AlertLimits.lineBytes` without splitting a character, repaired lines cut again), and
/// the ring reusing its buffers keeps the same lines as the plain model.
@Suite struct AlertSamplesBytesTests {
    /// What a line offered as bytes was kept as before: decoded with repairs, cut, cut again.
    static func keptText(_ bytes: [UInt8]) -> String {
        let decoded = bytes.withUnsafeBufferPointer {
            UTF8Prefix.string($0, atMost: AlertLimits.lineBytes)
        }
        return UTF8Prefix.string(decoded, atMost: AlertLimits.lineBytes)
    }

    /// A line of `length` bytes: ASCII, some upper case, some UTF-8 and some invalid bytes.
    static func line(_ random: inout AlertSelectionTests.SplitMix, length: Int) -> [UInt8] {
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("Z".utf8), Array(" ".utf8), Array("é".utf8), Array("€".utf8),
            Array("😀".utf8), [0xFF], [0x80], [0xE2, 0x82],
        ]
        var bytes: [UInt8] = []
        while bytes.count < length { bytes += pieces[Int(random.next() % UInt64(pieces.count))] }
        return bytes
    }

    @Test func bytesReadBackAsTheirRepairedCutText() {
        var random = AlertSelectionTests.SplitMix(state: 11)
        let limit = AlertLimits.lineBytes
        for length in [0, 1, 7, 100, limit - 3, limit - 1, limit, limit + 1, limit + 2, 3 * limit] {
            for _ in 0..<20 {
                let bytes = Self.line(&random, length: length)
                var samples = AlertSamples()
                bytes.withUnsafeBufferPointer { samples.offer(time: 1, bytes: $0) }
                #expect(samples.lines == [AlertSamples.Line(time: 1, text: Self.keptText(bytes))])
                #expect(samples.lines[0].text.utf8.count <= limit)
            }
        }
    }

    /// Bytes and text offered in any order keep the lines `AlertSamplesTests.reference` keeps,
    /// buffers reused when the ring is full.
    @Test func reusedBuffersKeepTheNewestLines() {
        var random = AlertSelectionTests.SplitMix(state: 5)
        for round in 0..<300 {
            let count = Int(random.next() % 12)
            var times = (0..<count).map { _ in Int64(random.next() % 6) }
            if round % 2 == 0 { times.sort() }
            var samples = AlertSamples()
            for (index, time) in times.enumerated() {
                // Lines of different lengths, so a reused buffer must shrink and grow.
                let text = "line \(index)" + String(repeating: "x", count: Int(random.next() % 40))
                if random.next() % 2 == 0 {
                    samples.offer(time: time, text: text)
                } else {
                    var copy = text
                    copy.withUTF8 { samples.offer(time: time, bytes: $0) }
                }
            }
            let expected = AlertSamplesTests.reference(times)
            #expect(samples.lines.map(\.time) == expected.map(\.time), "\(times)")
            #expect(
                samples.lines.map { $0.text.prefix { $0 != "x" } }
                    == expected.map { Substring($0.text) }, "\(times)")
        }
    }

    @Test func removesLinesAfterALimit() {
        var samples = AlertSamples()
        for time: Int64 in [5, 1, 9, 3] { samples.offer(time: time, text: "at \(time)") }
        samples.removeAll(after: 4)
        #expect(samples.lines == [AlertSamples.Line(time: 3, text: "at 3")])
        samples.offer(time: 4, text: "at 4")
        #expect(samples.lines.map(\.time) == [3, 4])
        samples.removeAll(after: 10)
        #expect(samples.count == 2)
    }
}
