import ArgumentParser
import BounceApp

/// `bouncewatch scan`: a report by cause and destination over whole log files.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Report why mail failed, by cause and destination, over Postfix or Exim logs.",
        discussion: """
            Reads whole log files, plain or gzip-compressed (rotated mail.log.2.gz files work \
            as they are), and prints totals per status, each cause with a sample reply, the \
            top destination domains with their main causes, the block lists that named you \
            with the listed IP addresses, inbound rejects by cause and SASL failures with the \
            top client addresses.

            Examples:
              bouncewatch scan /var/log/mail.log /var/log/mail.log.1 /var/log/mail.log.2.gz
              bouncewatch scan --format json --top 20 /var/log/exim4/mainlog
              bouncewatch scan --format prometheus /var/log/mail.log > mail.prom
              bouncewatch scan --since yesterday --until today /var/log/mail.log*
              bouncewatch scan --format html /var/log/mail.log > report.html

            --since and --until take the host's local time; the period runs from --since up \
            to, not including, --until. Events outside it are counted nowhere (the report's \
            header says how many were left out); lines the parsers ignore or cannot read carry \
            no time they could be judged by and are counted as before.

            Exit status: 0 when every input was read, 1 when one could not be read in full (it \
            is named on standard error and in the report; the others are still counted), 64 on \
            a usage error, 78 when the --config file cannot be used.
            """
    )

    @Option(
        help:
            "Output: text for people, json for scripts, prometheus for a textfile collector, html for a page with charts."
    )
    var format: ScanOutputFormat = .text

    @Option(help: "How many destination domains to list (1-500); the rest count as 'other'.")
    var top = 10

    @Option(help: "The logs' MTA: auto decides per line, postfix or exim skip the other parser.")
    var logFormat: LogFormat = .auto

    @Option(
        help: ArgumentHelp(
            "A configuration file whose providers: section adds to the built-in providers.",
            valueName: "file"))
    var config: String?

    @Option(
        help: ArgumentHelp(
            "Count only events at or after this local time: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS], "
                + "today, yesterday or last-week (its start).", valueName: "time"))
    var since: String?

    @Option(
        help: ArgumentHelp(
            "Count only events before this local time (same forms as --since; a date means its "
                + "midnight, so --until today stops at the end of yesterday).", valueName: "time"))
    var until: String?

    @Option(
        help: ArgumentHelp(
            "Read this many files, or pieces of a large plain file, at once (default: one per "
                + "processor). The report is the same whatever the number.", valueName: "n"))
    var jobs: Int?

    @Flag(
        help: "Name on standard error the rotated files --since/--until let scan skip unread.")
    var verbose = false

    @Argument(
        help: ArgumentHelp(
            "Log files, plain or gzip-compressed; '-' reads standard input.", valueName: "file"))
    var files: [String]

    func validate() throws {
        let maximum = ScanRunner.maximumTopDestinations
        guard (1...maximum).contains(top) else {
            throw ValidationError("--top must be between 1 and \(maximum).")
        }
        if let jobs, !(1...ScanRunner.maximumJobs).contains(jobs) {
            throw ValidationError("--jobs must be between 1 and \(ScanRunner.maximumJobs).")
        }
    }

    func run() throws {
        let period: ReportPeriod?
        do {
            period = try ScanRunner.period(since: since, until: until)
        } catch {
            throw ValidationError(error.description)
        }
        var runner = ScanRunner(
            format: format, topDestinations: top, logFormat: logFormat, inputs: files,
            configPath: config, period: period, jobs: jobs ?? ScanRunner.defaultJobs())
        runner.verbose = verbose
        let status = runner.run()
        if status != 0 { throw ExitCode(status) }
    }
}
