import BounceCore
import BounceSystem

/// Which MTA's queue to read, and where it lives.
public struct QueueLocation: Sendable, Equatable {
    /// Postfix's `queue_directory` on Debian.
    public static let postfixDefault = "/var/spool/postfix"
    /// Exim's `spool_directory` on Debian.
    public static let eximDefault = "/var/spool/exim4"

    public var mta: MTA
    /// Postfix's queue directory (holding `public/showq`) or Exim's spool directory (holding
    /// `input/` and `msglog/`).
    public var directory: String

    public init(mta: MTA, directory: String) {
        self.mta = mta
        self.directory = directory
    }

    /// The location for `mta` at `directory` (nil: that MTA's default). Without an MTA, a
    /// directory with `input/` and no `public/` is Exim's spool, any other Postfix's queue;
    /// without either, Exim when only its default spool exists, else Postfix.
    public static func resolve(mta: MTA?, directory: String?) -> QueueLocation {
        let isExim = { (path: String) in
            FileSystem.exists(Path.join(path, "input"))
                && !FileSystem.exists(Path.join(path, "public"))
        }
        let chosen =
            mta
            ?? (directory.map(isExim) ?? (isExim(eximDefault) && !FileSystem.exists(postfixDefault))
                ? .exim : .postfix)
        let fallback = chosen == .postfix ? postfixDefault : eximDefault
        return QueueLocation(mta: chosen, directory: directory ?? fallback)
    }
}
