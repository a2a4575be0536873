import BounceSystem
import BounceTestSupport
import Testing

@Suite struct LockedAppendTests {
    @Test func appendsAfterWhatIsThere() throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.path("mbox")
        try LockedAppend.append(Array("one\n".utf8), to: path, lockTimeoutSeconds: 1)
        try LockedAppend.append(Array("two\n".utf8), to: path, lockTimeoutSeconds: 1)
        #expect(FileSystem.load(path) == Array("one\ntwo\n".utf8))
    }

    /// Another holder of the lock makes the append wait, then fail naming the lock step.
    @Test func aHeldLockFailsAtTheTimeout() throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.path("mbox")
        let holder = try FileLock(path: path)
        let started = Clocks.monotonicSeconds()
        let error = #expect(throws: LockedAppend.Failure.self) {
            try LockedAppend.append(Array("x\n".utf8), to: path, lockTimeoutSeconds: 0.3)
        }
        #expect(error?.step == .lock)
        #expect(Clocks.monotonicSeconds() - started >= 0.3)
        #expect(FileSystem.load(path) == [])
        _ = holder
    }

    @Test func aMissingDirectoryFailsAtOpen() {
        let error = #expect(throws: LockedAppend.Failure.self) {
            try LockedAppend.append([0x78], to: "/nonexistent-dir/mbox", lockTimeoutSeconds: 1)
        }
        #expect(error?.step == .open)
        #expect(error?.reason == "No such file or directory")
    }
}
