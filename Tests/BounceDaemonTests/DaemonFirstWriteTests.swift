import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// A fresh start from the beginning of a log: the first textfile already names the busiest
/// destinations with what was read, instead of counting everything under `other`.
@Suite struct DaemonFirstWriteTests {
    @Test func theFirstTextfileOfAFreshStartNamesTheDestinations() throws {
        let harness = try DaemonHarness()
        // 30 lines to d0..d4.example, six each (statuses in turn).
        try harness.append("mail.log", 30)
        let loop = try harness.loop(harness.mailLogConfiguration)
        loop.poll()
        loop.flush()
        let text = try String(contentsOfFile: harness.textfile, encoding: .utf8)
        let deliveries = text.split(separator: "\n").filter {
            $0.hasPrefix("bouncewatch_deliveries_total{")
        }
        #expect(!deliveries.isEmpty)
        #expect(deliveries.allSatisfy { !$0.contains("destination=\"other\"") })
        let d0 = deliveries.filter { $0.contains("destination=\"d0.example\"") }
        #expect(d0.compactMap { Int($0.split(separator: " ").last ?? "") }.reduce(0, +) == 6)
    }
}
