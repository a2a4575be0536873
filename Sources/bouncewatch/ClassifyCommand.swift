import BounceApp
import BounceCLI

/// `bouncewatch classify`: one JSON object per delivery, reject or authentication failure.
enum ClassifyCommand: BounceWatchSubcommand {
    static let spec = CommandSpec(
        name: "classify",
        abstract: "Print each delivery, reject and SASL failure in a log as one line of JSON.",
        discussion: """
            Reads Postfix or Exim log lines and prints one JSON object per event (JSON Lines): \
            the delivery status, the cause of a failure (recipient_unknown, blacklisted, \
            greylisted, ...), the recipient and its domain, the relay, the SMTP reply code, \
            the enhanced status code, the remote server's reply, the block list and listed IP \
            when one is named, and the time. Lines that are not events print nothing.

            A delivery also says who sent its message (sender, sender_domain, sasl_username, \
            client_ip) when earlier lines of the input did: Postfix's smtpd client= and qmgr \
            from= lines, Exim's <= line. Give the whole log, or grep it for a queue id, not for \
            the recipient alone.

            Examples:
              grep S3150 /var/log/mail.log | bouncewatch classify --explain
              bouncewatch classify mail.log.1 | jq 'select(.cause == "blacklisted")'

            Exit status: 0 when every input was read, 1 when one could not be read (it is \
            named on standard error; the other inputs are still processed), 64 on a usage error, \
            78 when the --config file cannot be used.
            """,
        options: [
            .flag(
                "explain",
                help:
                    "Also show the rule that decided the cause, its evidence and the runner-up rules."
            ),
            .option(
                "format",
                help:
                    "The log's MTA: auto decides per line, postfix or exim skip the other parser.",
                choice: LogFormat.auto),
            .providersConfig,
        ],
        arguments: ArgumentSpec(
            valueName: "file",
            help: "Log files, plain or gzip-compressed; none or '-' reads standard input.",
            required: false))

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> Int32 {
        ClassifyRunner(
            explain: arguments.flag("explain"),
            format: arguments.choice("format", default: LogFormat.auto),
            inputs: arguments.positionals, configPath: arguments.text("config")
        ).run()
    }
}
