import Testing

@testable import BounceCore

/// `DelayHistogram`: log-spaced buckets whose quantiles stay within the documented resolution
/// of the exact ones, merge like one pass and reset like a new histogram.
@Suite struct DelayHistogramTests {
    /// A spread of delays from milliseconds to weeks, deterministic.
    private static let delays: [Int32] = {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<5000).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Log-uniform over 2^0 ... 2^30 ms.
            let exponent = Int(state >> 59) % 31
            let mantissa = Double(state >> 11 & 0xFFFF) / 65536
            return Int32(Swift.min(Double(Int32.max), Double(1 << exponent) * (1 + mantissa)))
        }
    }()

    /// Nearest rank on the sorted delays.
    private static func exact(_ sorted: [Int32], permille: Int) -> Int32 {
        let rank = Swift.max(1, (sorted.count * permille + 999) / 1000)
        return sorted[rank - 1]
    }

    @Test func everyDelayLiesInItsBucketAndBucketsAreNarrow() {
        var values: [Int32] = Array(0..<300) + Self.delays + [Int32.max, Int32.max - 1, 1 << 30]
        values += (4..<31).flatMap { [Int32(1 << $0) - 1, Int32(1 << $0)] }
        for value in values {
            let bucket = DelayHistogram.bucket(of: value)
            #expect(bucket >= 0 && bucket < DelayHistogram.bucketCount)
            let (lower, upper) = DelayHistogram.bounds(of: bucket)
            #expect(lower <= Int64(value) && Int64(value) < upper, "\(value)")
            #expect((upper - lower) * 16 <= Swift.max(lower, 16), "\(value)")
        }
    }

    @Test(arguments: [10, 250, 500, 900, 950, 990, 1000])
    func quantilesAreWithinTheResolution(permille: Int) throws {
        var histogram = DelayHistogram()
        for delay in Self.delays { histogram.add(delay) }
        let truth = Self.exact(Self.delays.sorted(), permille: permille)
        let read = try #require(histogram.quantile(permille: permille))
        let error = abs(Double(read) - Double(truth))
        #expect(error <= Double(truth) / 32 + 1, "read \(read), truth \(truth)")
    }

    @Test func smallCountsAreExact() {
        var histogram = DelayHistogram()
        #expect(histogram.quantile(permille: 500) == nil)
        histogram.add(123_456)
        #expect(histogram.quantile(permille: 500) == 123_456)
        #expect(histogram.quantile(permille: 950) == 123_456)
        histogram.add(-1)
        #expect(histogram.count == 1)
        histogram.add(Int32.max)
        #expect(histogram.quantile(permille: 1000) == Int32.max)
        #expect(histogram.quantile(permille: 0) == 123_456)
    }

    @Test func piecesMergeIntoTheWholeAndResetForgets() {
        var whole = DelayHistogram()
        var merged = DelayHistogram()
        for piece in stride(from: 0, to: Self.delays.count, by: 700) {
            var part = DelayHistogram()
            for delay in Self.delays[piece..<Swift.min(piece + 700, Self.delays.count)] {
                part.add(delay)
                whole.add(delay)
            }
            merged.merge(part)
        }
        #expect(merged == whole)
        merged.reset()
        #expect(merged == DelayHistogram())
    }

    @Test func onlyFinalOutcomesCount() {
        #expect(
            DeliveryStatus.allCases.filter(DeliveryDelay.isFinal) == [.sent, .bounced, .expired])
        #expect(DeliveryDelay.finalStatuses.allSatisfy(DeliveryDelay.isFinal))
        var tally = DeliveryDelayTally()
        for status in DeliveryStatus.allCases { tally.add(status, millis: 1000) }
        tally.add(.sent, millis: -1)
        #expect(tally.summaries().map(\.count) == [1, 1, 1])
        #expect(tally.histogram(.deferred) == nil)
    }
}
