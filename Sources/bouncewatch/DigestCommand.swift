import BounceApp
import BounceCLI

/// `bouncewatch digest`: the digest of a period, from log files, without a daemon.
enum DigestCommand: BounceWatchSubcommand {
    static let spec = CommandSpec(
        name: "digest",
        abstract: "Summarise a period of Postfix or Exim logs against the period before it.",
        discussion: """
            Reads whole log files, plain or gzip-compressed, keeps the events of the period \
            and of the period of the same length just before it, and prints the digest the \
            daemon mails: totals and failure rate with their change, causes with a sample \
            reply, providers and destinations by failure rate, block lists that named you, \
            inbound rejects and SASL failures with the top clients, the most frequent \
            unclassified replies, and what to do about each cause that grew.

            Periods (local time): today, yesterday, last-week (Monday to Monday), a date \
            (that whole day), or FROM..TO with dates or times, TO not included: \
            2026-11-26..2026-11-27, 2026-11-26T06:00..2026-11-26T18:00.

            Examples:
              bouncewatch digest /var/log/mail.log /var/log/mail.log.1
              bouncewatch digest --period last-week --format html /var/log/mail.log* > week.html
              bouncewatch digest --format mail --to postmaster@example.net \\
                /var/log/mail.log.1 | /usr/sbin/sendmail -t -oi

            Exit status: 0 when every input was read, 1 when one could not be read in full, \
            64 on a usage error, 78 when the --config file cannot be used.
            """,
        options: [
            .option(
                "period",
                help: "today, yesterday, last-week, a date, or FROM..TO (local dates or times).",
                defaultValue: "yesterday"),
            .option(
                "format",
                help: "Output: text for a terminal, html for a browser, mail for sendmail -t.",
                choice: DigestOutputFormat.text),
            .option(
                "to",
                help: "A recipient of the mail (--format mail); repeatable. Default: postmaster.",
                repeating: true),
            .option("from", help: "The mail's sender (--format mail). Default: bouncewatch@HOST."),
            .option("hostname", help: "The host name the digest names. Default: this machine's."),
            .logFormat,
            .providersConfig,
            .option(
                "jobs",
                help:
                    "Read this many files, or pieces of a large plain file, at once (default: one per "
                    + "processor). The digest is the same whatever the number.",
                integerValueName: "n"),
            .flag(
                "verbose",
                help:
                    "Name on standard error the rotated files left unread because their lines lie "
                    + "outside the period and the one before it."),
        ],
        arguments: .logFiles)

    static func validate(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.checkJobs()
    }

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> Int32 {
        let span: (start: Int64, end: Int64)
        do {
            span = try DigestRunner.period(arguments.text("period") ?? "yesterday")
        } catch {
            throw UsageError("--period: \(error.message)")
        }
        var runner = DigestRunner(
            format: arguments.choice("format", default: DigestOutputFormat.text),
            start: span.start, end: span.end,
            logFormat: arguments.choice("log-format", default: LogFormat.auto),
            inputs: arguments.positionals, configPath: arguments.text("config"),
            to: arguments.texts("to"), from: arguments.text("from"),
            hostname: arguments.text("hostname"),
            jobs: arguments.integer("jobs") ?? ScanRunner.defaultJobs())
        runner.verbose = arguments.flag("verbose")
        return runner.run()
    }
}
