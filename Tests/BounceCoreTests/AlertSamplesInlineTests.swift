import Testing

@testable import BounceCore

/// Sample lines in a ring of three inline slots: long streams of lines of every length, in
/// order and out of it, a removal in between, keep exactly the lines and texts the plain model
/// keeps (each line decoded and cut on its own, the newest three by time, inserted after the
/// last line of the same time or earlier).
@Suite struct AlertSamplesInlineTests {
    /// The plain model: lines kept as they read back, inserted in time order.
    struct Model {
        var lines: [AlertSamples.Line] = []

        mutating func offer(time: Int64, bytes: [UInt8]) {
            if lines.count == AlertLimits.samples {
                guard time >= lines[0].time else { return }
                lines.removeFirst()
            }
            let position = lines.lastIndex { $0.time <= time }.map { $0 + 1 } ?? 0
            let text = AlertSamplesBytesTests.keptText(bytes)
            lines.insert(AlertSamples.Line(time: time, text: text), at: position)
        }

        mutating func removeAll(after limit: Int64) {
            lines.removeAll { $0.time > limit }
        }
    }

    @Test func inlineSlotsHoldEveryKeptLine() {
        #expect(AlertSamples.capacity >= AlertLimits.samples)
    }

    @Test func longStreamsKeepTheModelsLines() {
        var random = AlertSelectionTests.SplitMix(state: 29)
        let limit = AlertLimits.lineBytes
        let lengths = [0, 1, 15, 16, 200, limit - 1, limit, limit + 5, 2 * limit]
        for round in 0..<24 {
            var samples = AlertSamples()
            var model = Model()
            var time: Int64 = 100
            for step in 0..<60 {
                // Mostly in order, as a log is read; every fourth round also out of order.
                if round % 4 == 0, random.next() % 3 == 0 {
                    time -= Int64(random.next() % 5)
                } else {
                    time += Int64(random.next() % 3)
                }
                let length = lengths[Int(random.next() % UInt64(lengths.count))]
                let bytes = AlertSamplesBytesTests.line(&random, length: length)
                bytes.withUnsafeBufferPointer { samples.offer(time: time, bytes: $0) }
                model.offer(time: time, bytes: bytes)
                if step == 30 {
                    samples.removeAll(after: time - 1)
                    model.removeAll(after: time - 1)
                }
                #expect(samples.lines == model.lines, "round \(round) step \(step)")
                #expect(samples.count == model.lines.count)
            }
        }
    }
}
