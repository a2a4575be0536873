import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// A checkpoint whose checksum is right but whose counters no run can reach (written by hand,
/// or by a tool that recomputed the checksum) is refused at the start, like a damaged one,
/// rather than crashing at the next line when a counter overflows.
@Suite struct ForgedCheckpointTests {
    @Test func aCounterAtInt64MaxIsRefusedAtTheStart() throws {
        let harness = try DaemonHarness()
        let configuration = harness.mailLogConfiguration
        try harness.append("mail.log", 3)
        try harness.runOnce(configuration)
        let path = harness.stateDirectory + "/checkpoint"
        var checkpoint = try Checkpoint(decoding: String(contentsOfFile: path, encoding: .utf8))
        let forged = checkpoint.metrics.map { line in
            guard line.hasPrefix("source ") else { return line }
            var fields = line.split(separator: " ").map(String.init)
            fields[2] = String(Int64.max)
            return fields.joined(separator: " ")
        }
        try #require(forged != checkpoint.metrics)
        checkpoint.metrics = forged
        // `encoded` computes a valid checksum: only the value is wrong.
        try checkpoint.encoded.write(toFile: path, atomically: false, encoding: .utf8)
        #expect {
            _ = try harness.loop(configuration)
        } throws: { error in
            // Both mean exit status 78 for `bouncewatch run` (RunRunner).
            switch error as? DaemonError {
            case .metricsNotRestored(let named, let reason),
                .unreadableCheckpoint(let named, let reason):
                return named == path && reason.contains("larger than 2^53")
            default: return false
            }
        }
    }
}
