import Testing

@testable import BounceCore

/// A group's ring of recent matching events: `newestPosition` must name the record appended
/// last whether the ring is filling or has wrapped, and none right after `removeAll`, since
/// the byte path reuses that record's destination and host strings.
@Suite struct AlertRecentMatchesTests {
    static func record(_ time: Int64) -> AlertMatchRecord {
        AlertMatchRecord(
            time: time, destination: "d\(time).example", cause: .network, status: .deferred,
            kind: .delivery, direction: .outbound, blocklist: nil, listedIP: nil,
            host: "mx\(time % 3)")
    }

    @Test func newestIsTheRecordAppendedLast() {
        var recent = AlertRecentMatches()
        #expect(recent.newestPosition == nil)
        for time in Int64(0)..<Int64(3 * AlertLimits.recentMatches + 5) {
            recent.append(Self.record(time))
            let newest = recent.newestPosition.map { recent.records[$0] }
            #expect(newest == Self.record(time), "after \(time)")
            if time == Int64(2 * AlertLimits.recentMatches) + 7 {
                // Thinned while wrapped: the ring keeps its order, so none is named newest
                // until the next append.
                recent.removeAll { $0.time % 2 == 1 }
                #expect(recent.newestPosition == nil)
            }
        }
    }
}
