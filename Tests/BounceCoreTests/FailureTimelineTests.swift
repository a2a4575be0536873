import Testing

@testable import BounceCore

/// 2026-12-01T00:00:00Z.
private let midnight = 1_796_083_200

@Suite struct FailureTimelineTests {
    @Test func nothingCountedIsNoTimeline() {
        #expect(FailureTimeline().report(utcOffset: { _ in 0 }) == nil)
    }

    @Test func failuresAreCountedPerHourByCause() throws {
        var timeline = FailureTimeline()
        timeline.addFailure(at: midnight + 10, cause: .network)
        timeline.addFailure(at: midnight + 3599, cause: .network)
        timeline.addFailure(at: midnight + 3 * 3600, cause: .recipientUnknown)
        timeline.addFailure(at: midnight + 3 * 3600 + 5, cause: .network)
        timeline.addBlocklistHit(at: midnight + 3600, list: "zen.spamhaus.org")
        let report = try #require(timeline.report(utcOffset: { _ in 3600 }))
        #expect(report.bucketSeconds == 3600)
        // Four buckets, the empty ones between included, placed in the given offset.
        #expect(report.bucketStarts.map(\.unixSeconds) == (0..<4).map { midnight + $0 * 3600 })
        #expect(report.bucketStarts.first?.rfc3339 == "2026-12-01T01:00:00+01:00")
        #expect(
            report.failures == [
                TimelineSeries(name: "network", counts: [2, 0, 0, 1]),
                TimelineSeries(name: "recipient_unknown", counts: [0, 0, 0, 1]),
            ])
        #expect(
            report.blocklistHits == [
                TimelineSeries(name: "zen.spamhaus.org", counts: [0, 1, 0, 0])
            ])
    }

    /// A long log widens the buckets instead of growing without bound; no count is lost.
    @Test func aLongSpanWidensTheBucketsAndKeepsEveryCount() throws {
        var timeline = FailureTimeline()
        let hours = 2000
        for hour in 0..<hours {
            timeline.addFailure(at: midnight + hour * 3600, cause: hour % 2 == 0 ? .network : .spam)
        }
        // And one stray line a year earlier.
        timeline.addFailure(at: midnight - 365 * 86_400, cause: .tls)
        let report = try #require(timeline.report(utcOffset: { _ in 0 }))
        #expect(report.bucketStarts.count <= FailureTimeline.maximumBuckets)
        #expect(report.bucketSeconds > 86_400)
        #expect(report.bucketSeconds % 86_400 == 0)
        #expect(report.failures.map(\.total) == [1000, 1000, 1])
        #expect(report.failures.map(\.name) == ["network", "spam", "tls"])
        let starts = report.bucketStarts.map(\.unixSeconds)
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $1 - $0 == report.bucketSeconds })
    }

    @Test func widerBucketsAreSumsOfWholeHours() throws {
        var timeline = FailureTimeline()
        // 401 hours: one past the limit, so buckets become 2 hours wide.
        timeline.addFailure(at: midnight, cause: .network)
        timeline.addFailure(at: midnight + 3600, cause: .network)
        timeline.addFailure(at: midnight + 400 * 3600, cause: .network)
        let report = try #require(timeline.report(utcOffset: { _ in 0 }))
        #expect(report.bucketSeconds == 7200)
        #expect(report.failures.first?.counts.first == 2)
        #expect(report.failures.first?.counts.last == 1)
        #expect(report.bucketStarts.count == 201)
    }

    @Test func blockListsPastTheLimitCountAsOther() throws {
        var timeline = FailureTimeline()
        for index in 0..<(FailureTimeline.blocklistLimit + 3) {
            timeline.addBlocklistHit(at: midnight, list: "list\(index).example")
        }
        timeline.addBlocklistHit(at: midnight, list: "list0.example")
        let report = try #require(timeline.report(utcOffset: { _ in 0 }))
        #expect(report.blocklistHits.count == FailureTimeline.blocklistLimit + 1)
        #expect(report.blocklistHits.first == TimelineSeries(name: "other", counts: [3]))
        #expect(report.blocklistHits.dropFirst().first?.name == "list0.example")
        #expect(report.blocklistHits.dropFirst().first?.total == 2)
    }
}
