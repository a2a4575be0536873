import BounceCore
import Foundation
import Testing

@testable import BounceApp

/// A scan worker keeps its memory of verdicts from one piece to the next, and a piece read
/// with a memory filled by earlier pieces counts exactly what it counts with a fresh one.
@Suite struct ScanWorkerTests {
    private static let mailLog = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/mail.log").path

    /// The JSON report of `totals`, as `scan --format json` prints it.
    private static func report(_ totals: ScanTotals) -> String {
        let runner = ScanRunner(format: .json, inputs: [mailLog])
        return runner.render(totals.aggregator.report(), zone: runner.makeWorker().zone)
    }

    @Test func verdictsOfOnePieceServeTheNext() throws {
        let runner = ScanRunner(format: .json, inputs: [Self.mailLog])
        var worker = runner.makeWorker()
        var first = runner.emptyTotals(.standard)
        _ = runner.scanInput(Self.mailLog, range: nil, into: &first, worker: &worker)
        let afterFirst = try #require(worker.classifier)
        #expect(afterFirst.misses > 0)

        var second = runner.emptyTotals(.standard)
        _ = runner.scanInput(Self.mailLog, range: nil, into: &second, worker: &worker)
        let afterSecond = try #require(worker.classifier)
        // The same replies again: answered from the memory the first piece filled.
        let secondMisses = afterSecond.misses - afterFirst.misses
        let secondHits = afterSecond.hits - afterFirst.hits
        #expect(secondMisses < afterFirst.misses / 4, "\(secondMisses) of \(afterFirst.misses)")
        #expect(secondHits > afterFirst.hits)

        var fresh = runner.emptyTotals(.standard)
        var freshWorker = runner.makeWorker()
        _ = runner.scanInput(Self.mailLog, range: nil, into: &fresh, worker: &freshWorker)
        #expect(Self.report(second) == Self.report(fresh))
        #expect(Self.report(first) == Self.report(fresh))
        #expect(Self.report(fresh).contains("\"recipient_unknown\""))
    }
}
