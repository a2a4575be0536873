import BounceSystem
import Testing

/// The daemon loop sleeps in `Descriptor.wait` on its wakeup pipe, inotify and journals.
@Suite struct DescriptorWaitTests {
    @Test func returnsWhenAWatchedDescriptorIsReadable() throws {
        let idle = try WakeSignal()
        let woken = try WakeSignal()
        woken.wake()
        let start = Clocks.monotonicMilliseconds()
        let failure = Descriptor.wait(
            [Descriptor.Watch(idle.descriptor), Descriptor.Watch(woken.descriptor)],
            milliseconds: 10_000)
        #expect(failure == nil)
        #expect(Clocks.monotonicMilliseconds() - start < 5_000)
    }

    @Test func returnsAfterTheTimeoutWhenNothingIsReadable() throws {
        let idle = try WakeSignal()
        let start = Clocks.monotonicMilliseconds()
        #expect(Descriptor.wait([Descriptor.Watch(idle.descriptor)], milliseconds: 50) == nil)
        #expect(Clocks.monotonicMilliseconds() - start >= 50)
        // Emptied, a woken pipe no longer wakes the wait.
        idle.wake()
        idle.clear()
        let again = Clocks.monotonicMilliseconds()
        #expect(Descriptor.wait([Descriptor.Watch(idle.descriptor)], milliseconds: 50) == nil)
        #expect(Clocks.monotonicMilliseconds() - again >= 50)
    }
}
