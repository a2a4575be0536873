import BounceCore

/// Which MTA wrote a log, for the command line's `--format`/`--log-format` options; the
/// executable sees BounceCore's type through this name.
public typealias LogFormat = BounceCore.LogFormat

/// The period of `scan --since/--until`, for the command line.
public typealias ReportPeriod = BounceCore.ReportPeriod
