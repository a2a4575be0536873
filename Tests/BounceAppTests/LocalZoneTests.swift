import BounceCore
import Foundation
import Testing

@testable import BounceApp

@Suite struct LocalZoneTests {
    /// The cached answers agree with Foundation's around both 2026 changes in Berlin and over
    /// a whole year sampled every 7 minutes.
    @Test func cachedOffsetsMatchTheZone() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let zone = LocalZone(berlin)
        let start = 1_767_225_600  // 2026-01-01T00:00:00Z
        for unix in stride(from: start, to: start + 366 * 86_400, by: 420) {
            let expected = berlin.secondsFromGMT(for: Date(timeIntervalSince1970: Double(unix)))
            if zone.offset(at: unix) != expected {
                Issue.record("offset at \(unix): \(zone.offset(at: unix)) != \(expected)")
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

    @Test func aResolverUsesTheZone() throws {
        let zone = LocalZone(try #require(TimeZone(identifier: "America/New_York")))
        var resolver = zone.resolver(reference: 1_795_737_600)  // 2026-11-27
        let stamp = LogTimestamp(year: nil, month: 7, day: 4, hour: 12, minute: 0, second: 0)
        #expect(resolver.resolve(stamp).rfc3339 == "2026-07-04T12:00:00-04:00")
    }
}
