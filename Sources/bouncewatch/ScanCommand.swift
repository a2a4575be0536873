import BounceApp
import BounceCLI

/// `bouncewatch scan`: a report by cause and destination over whole log files.
enum ScanCommand: BounceWatchSubcommand {
    static let spec = CommandSpec(
        name: "scan",
        abstract: "Report why mail failed, by cause and destination, over Postfix or Exim logs.",
        discussion: """
            Reads whole log files, plain or gzip-compressed (rotated mail.log.2.gz files work \
            as they are), and prints totals per status, each cause with a sample reply, the \
            top destination domains with their main causes, the deliveries by sender domain \
            and by SASL login (who sent the mail that failed), the block lists that named you \
            with the listed IP addresses, inbound rejects by cause and SASL failures with the \
            top client addresses.

            Examples:
              bouncewatch scan /var/log/mail.log /var/log/mail.log.1 /var/log/mail.log.2.gz
              bouncewatch scan --format json --top 20 /var/log/exim4/mainlog
              bouncewatch scan --format prometheus /var/log/mail.log > mail.prom
              bouncewatch scan --since yesterday --until today /var/log/mail.log*
              bouncewatch scan --format html /var/log/mail.log > report.html
              bouncewatch scan --senders /var/log/mail.log

            --since and --until take the host's local time; the period runs from --since up \
            to, not including, --until. Events outside it are counted nowhere (the report's \
            header says how many were left out); lines the parsers ignore or cannot read carry \
            no time they could be judged by and are counted as before.

            Exit status: 0 when every input was read, 1 when one could not be read in full (it \
            is named on standard error and in the report; the others are still counted), 64 on \
            a usage error, 78 when the --config file cannot be used.
            """,
        options: [
            .option(
                "format",
                help:
                    "Output: text for people, json for scripts, prometheus for a textfile collector, html for a page with charts.",
                choice: ScanOutputFormat.text),
            .option(
                "top",
                help: "How many destination domains to list (1-500); the rest count as 'other'.",
                integer: 10),
            .logFormat,
            .providersConfig,
            .option(
                "since",
                help:
                    "Count only events at or after this local time: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS], "
                    + "today, yesterday or last-week (its start).", valueName: "time"),
            .option(
                "until",
                help:
                    "Count only events before this local time (same forms as --since; a date means its "
                    + "midnight, so --until today stops at the end of yesterday).",
                valueName: "time"),
            .option(
                "jobs",
                help:
                    "Read this many files, or pieces of a large plain file, at once (default: one per "
                    + "processor). The report is the same whatever the number.",
                integerValueName: "n"),
            .flag(
                "senders",
                help:
                    "Follow each message by queue id and add the Senders and Authenticated users "
                    + "sections (deliveries by sender domain and SASL user), and Exim's delays "
                    + "from arrival. Costs about a fifth more time."),
            .flag(
                "verbose",
                help:
                    "Name on standard error the rotated files --since/--until let scan skip unread."
            ),
        ],
        arguments: .logFiles)

    static func validate(_ arguments: ParsedArguments) throws(UsageError) {
        let maximum = ScanRunner.maximumTopDestinations
        guard (1...maximum).contains(arguments.integer("top", default: 10)) else {
            throw UsageError("--top must be between 1 and \(maximum).")
        }
        try arguments.checkJobs()
    }

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> Int32 {
        let period: ReportPeriod?
        do {
            period = try ScanRunner.period(
                since: arguments.text("since"), until: arguments.text("until"))
        } catch {
            throw UsageError(error.description)
        }
        var runner = ScanRunner(
            format: arguments.choice("format", default: ScanOutputFormat.text),
            topDestinations: arguments.integer("top", default: 10),
            logFormat: arguments.choice("log-format", default: LogFormat.auto),
            inputs: arguments.positionals, configPath: arguments.text("config"), period: period,
            jobs: arguments.integer("jobs") ?? ScanRunner.defaultJobs())
        runner.verbose = arguments.flag("verbose")
        runner.senders = arguments.flag("senders")
        return runner.run()
    }
}
