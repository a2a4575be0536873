import BounceCore

/// Which MTA wrote a log, for the command line's `--format`/`--log-format` options; the
/// executable sees BounceCore's type through this name.
public typealias LogFormat = BounceCore.LogFormat
