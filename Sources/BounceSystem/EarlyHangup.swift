import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps a SIGHUP that arrives before the daemon listens for it from killing the process.
///
/// SIGHUP's default action ends a process. Between `exec` and the moment the service starts
/// listening (the configuration is read and checked first), a reload sent by systemd or an
/// administrator would kill the daemon with status 129. `install()`, called first thing at
/// start, replaces the default by a handler that only notes the signal; once the service
/// listens, `takeReceived()` tells it whether a reload is owed.
public enum EarlyHangup {
    private static let received = Atomic<Bool>(false)

    /// Notes SIGHUP instead of dying of it; call before anything else at start.
    public static func install() {
        var action = sigaction()
        // Storing to an atomic is async-signal-safe.
        action.__sigaction_handler.sa_handler = { _ in
            EarlyHangup.received.store(true, ordering: .relaxed)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGHUP, &action, nil)
    }

    /// Whether a SIGHUP was noted since `install()`; clears the note.
    public static func takeReceived() -> Bool {
        received.exchange(false, ordering: .relaxed)
    }
}
