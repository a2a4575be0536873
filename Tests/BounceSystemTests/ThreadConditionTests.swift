import BounceSystem
import Foundation
import Testing

@Suite struct ThreadConditionTests {
    @Test func aTimedWaitEndsAtItsMonotonicDeadline() {
        let condition = ThreadCondition()
        let start = Clocks.monotonicSeconds()
        condition.lock()
        var signalled = true
        while Clocks.monotonicSeconds() < start + 0.05 {
            signalled = condition.wait(untilMonotonic: start + 0.05)
        }
        condition.unlock()
        #expect(!signalled)
        #expect(Clocks.monotonicSeconds() - start < 2)
    }

    @Test func aThreadOfItsOwnSignalsAWaiter() throws {
        final class Box: @unchecked Sendable {
            let condition = ThreadCondition()
            var done = false
            var name = ""
        }
        let box = Box()
        try SystemThread.start(name: "bouncewatch-test-thread-name") {
            let comm =
                (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
            box.condition.lock()
            box.name = comm.trimmingCharacters(in: .newlines)
            box.done = true
            box.condition.signal()
            box.condition.unlock()
        }
        let deadline = Clocks.monotonicSeconds() + 10
        box.condition.lock()
        while !box.done && Clocks.monotonicSeconds() < deadline {
            box.condition.wait(untilMonotonic: deadline)
        }
        box.condition.unlock()
        #expect(box.done)
        #expect(box.name == "bouncewatch-tes")
    }
}
