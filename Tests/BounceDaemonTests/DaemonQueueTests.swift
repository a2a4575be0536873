import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// `queue:` in the daemon: a reload that adds it starts the readings, and their gauges join
/// the textfile; one that removes it takes them out again.
@Suite struct DaemonQueueTests {
    @Test func aReloadAddsAndRemovesTheQueueFamilies() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 2)
        let loop = try harness.loop(harness.mailLogConfiguration)
        loop.poll()
        #expect(!loop.renderTextfile().contains("bouncewatch_queue_up"))
        var withQueue = harness.mailLogConfiguration
        // No queue there: the reading fails, which the textfile says.
        withQueue.queue = QueueConfig(mta: .postfix, directory: harness.path("no-queue"))
        #expect(loop.apply(withQueue).isEmpty)
        let deadline = Date().addingTimeInterval(10)
        while !loop.renderTextfile().contains("bouncewatch_queue_up"), Date() < deadline {
            usleep(10_000)
        }
        #expect(loop.renderTextfile().contains("bouncewatch_queue_up{mta=\"postfix\"} 0\n"))
        loop.apply(harness.mailLogConfiguration)
        #expect(!loop.renderTextfile().contains("bouncewatch_queue_up"))
        harness.expectTruth(loop)
    }
}
