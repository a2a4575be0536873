import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Process {
    /// SIGTERM, then SIGKILL when the process is still there after `grace` seconds: a test
    /// runner thread may have blocked SIGTERM in what it spawned.
    func stopPromptly(grace: Double = 3) {
        guard isRunning else { return }
        terminate()
        let deadline = Date().addingTimeInterval(grace)
        while isRunning && Date() < deadline { usleep(20_000) }
        if isRunning { kill(processIdentifier, SIGKILL) }
        waitUntilExit()
    }
}
