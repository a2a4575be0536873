import CSystemd

/// Tells systemd how the service is doing (`sd_notify`), when it runs under a
/// `Type=notify` unit; without `NOTIFY_SOCKET` every call does nothing.
public struct SystemdNotifier: Sendable {
    /// The watchdog interval systemd asked for (`WATCHDOG_USEC`), in microseconds; nil when
    /// the watchdog is off.
    public let watchdogMicroseconds: UInt64?

    public init() {
        var usec: UInt64 = 0
        watchdogMicroseconds = sd_watchdog_enabled(0, &usec) > 0 && usec > 0 ? usec : nil
    }

    /// Startup is done: the checkpoint is loaded and the sources are open.
    public func ready() { send("READY=1") }

    /// A configuration reload starts; `ready()` ends it. systemd wants the monotonic time in
    /// microseconds with it (systemd 253+; older versions ignore it).
    public func reloading(monotonicMicroseconds: UInt64) {
        send("RELOADING=1\nMONOTONIC_USEC=\(monotonicMicroseconds)")
    }

    /// Shutdown has started.
    public func stopping() { send("STOPPING=1") }

    /// A one-line status shown by `systemctl status`.
    public func status(_ text: String) {
        let clean = text.map { $0.isNewline ? " " : $0 }
        send("STATUS=" + String(clean))
    }

    /// The loop is alive.
    public func watchdog() { send("WATCHDOG=1") }

    private func send(_ state: String) {
        _ = sd_notify(0, state)
    }
}
