/// Which MTA's log a source holds.
public enum LogFormat: String, Sendable, CaseIterable {
    /// Decide per line: an Exim mainlog stamp, or a syslog header naming `postfix*` or `exim*`.
    case auto
    case postfix
    case exim
}
