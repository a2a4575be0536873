import Testing

@testable import BounceCore

/// A group's sample lines: the newest `AlertLimits.samples` by event time, oldest first. The
/// newest line of a log read in order takes a shortcut; every order must keep the same lines.
@Suite struct AlertSamplesTests {
    /// The rule written the plain way: drop the oldest when full (unless older still), insert
    /// after the last line of the same time or earlier.
    static func reference(_ times: [Int64]) -> [AlertSamples.Line] {
        var lines: [AlertSamples.Line] = []
        for (index, time) in times.enumerated() {
            if lines.count == AlertLimits.samples {
                guard time >= lines[0].time else { continue }
                lines.removeFirst()
            }
            let position = lines.lastIndex { $0.time <= time }.map { $0 + 1 } ?? 0
            lines.insert(AlertSamples.Line(time: time, text: "line \(index)"), at: position)
        }
        return lines
    }

    @Test func keepsTheSameLinesAsInsertingEachInPlace() {
        var random = AlertSelectionTests.SplitMix(state: 3)
        for round in 0..<300 {
            let count = Int(random.next() % 12)
            var times = (0..<count).map { _ in Int64(random.next() % 6) }
            if round % 3 == 0 { times.sort() }
            var samples = AlertSamples()
            for (index, time) in times.enumerated() {
                samples.offer(time: time, text: "line \(index)")
            }
            #expect(samples.lines == Self.reference(times), "\(times)")
        }
    }
}
