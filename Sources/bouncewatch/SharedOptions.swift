import BounceApp
import BounceCLI

/// Options that `scan`, `digest` and `classify` take with the same words, declared once so
/// their help cannot drift apart.
extension OptionSpec {
    /// `--log-format`: which MTA's parser reads the lines.
    static let logFormat = OptionSpec.option(
        "log-format",
        help: "The logs' MTA: auto decides per line, postfix or exim skip the other parser.",
        choice: LogFormat.auto)

    /// `--config`: a configuration file read only for its `providers:` section.
    static let providersConfig = OptionSpec.option(
        "config",
        help: "A configuration file whose providers: section adds to the built-in providers.",
        valueName: "file")
}

extension ArgumentSpec {
    /// The log files a report reads, at least one.
    static let logFiles = ArgumentSpec(
        valueName: "file",
        help: "Log files, plain or gzip-compressed; '-' reads standard input.",
        required: true)
}

extension ParsedArguments {
    /// Refuses a `--jobs` outside what the reading pool takes (`scan` and `digest`).
    func checkJobs() throws(UsageError) {
        if let jobs = integer("jobs"), !(1...ScanRunner.maximumJobs).contains(jobs) {
            throw UsageError("--jobs must be between 1 and \(ScanRunner.maximumJobs).")
        }
    }
}
