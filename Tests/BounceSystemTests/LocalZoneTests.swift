import BounceCore
import BounceSystem
import Foundation
import Testing

@Suite struct LocalZoneTests {
    /// Foundation's answer for `identifier`, as the reference the cache is checked against.
    private static func reference(_ identifier: String) throws -> (Int) -> Int {
        let zone = try #require(TimeZone(identifier: identifier))
        return { zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double($0))) }
    }

    /// The cached answers agree with the zone around both 2026 changes in Berlin and over a
    /// whole year sampled every 7 minutes.
    @Test func cachedOffsetsMatchTheZone() throws {
        let berlin = try Self.reference("Europe/Berlin")
        let zone = LocalZone(offsetAt: berlin)
        let start = 1_767_225_600  // 2026-01-01T00:00:00Z
        for unix in stride(from: start, to: start + 366 * 86_400, by: 420) {
            if zone.offset(at: unix) != berlin(unix) {
                Issue.record("offset at \(unix): \(zone.offset(at: unix)) != \(berlin(unix))")
                return
            }
        }
        #expect(zone.offset(at: 1_774_745_999) == 3600)  // 2026-03-29T00:59:59Z
        #expect(zone.offset(at: 1_774_746_000) == 7200)
        #expect(zone.offset(at: 1_792_889_999) == 7200)  // 2026-10-25T00:59:59Z
        #expect(zone.offset(at: 1_792_890_000) == 3600)
        // Going back in time must not reuse a later answer.
        #expect(zone.offset(at: 1_774_745_999) == 3600)
    }

    /// Newfoundland changes at 05:30 UTC: an answer kept to the next full hour would be wrong
    /// for half an hour after the change.
    @Test func aChangeOffTheHourIsExact() throws {
        let stJohns = try Self.reference("America/St_Johns")
        let zone = LocalZone(offsetAt: stJohns)
        let change = 1_772_947_800  // 2026-03-08T05:30:00Z
        #expect(zone.offset(at: change - 1800) == -12_600)
        #expect(zone.offset(at: change - 1) == -12_600)
        #expect(zone.offset(at: change) == -9000)
        let back = 1_793_507_400  // 2026-11-01T04:30:00Z
        #expect(zone.offset(at: back - 600) == -9000)
        #expect(zone.offset(at: back) == -12_600)
    }

    /// The cache asks the zone about twice an hour of log, not once per line.
    @Test func linesWithinAnHourCostTwoQuestions() {
        final class Counter: @unchecked Sendable { var questions = 0 }
        let counter = Counter()
        let zone = LocalZone(offsetAt: { _ in
            counter.questions += 1
            return 3600
        })
        for unix in stride(from: 1_800_000_000, to: 1_800_003_600, by: 1) {
            _ = zone.offset(at: unix)
        }
        #expect(counter.questions <= 4)
    }

    /// Without a fake, the offsets are the C library's for this process's zone, which is
    /// Foundation's too.
    @Test func theSystemZoneIsTheProcesssZone() {
        let zone = LocalZone()
        for unix in stride(from: 1_767_225_600, to: 1_767_225_600 + 366 * 86_400, by: 86_400) {
            let expected = TimeZone.current.secondsFromGMT(
                for: Date(timeIntervalSince1970: Double(unix)))
            #expect(zone.offset(at: unix) == expected)
            #expect(LocalZone.systemOffset(at: unix) == expected)
        }
    }

    @Test func aResolverUsesTheZone() throws {
        let zone = LocalZone(offsetAt: try Self.reference("America/New_York"))
        var resolver = zone.resolver(reference: 1_795_737_600)  // 2026-11-27
        let stamp = LogTimestamp(year: nil, month: 7, day: 4, hour: 12, minute: 0, second: 0)
        #expect(resolver.resolve(stamp).rfc3339 == "2026-07-04T12:00:00-04:00")
    }
}
