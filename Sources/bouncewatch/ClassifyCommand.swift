import ArgumentParser
import BounceApp

/// `bouncewatch classify`: one JSON object per delivery, reject or authentication failure.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Print each delivery, reject and SASL failure in a log as one line of JSON.",
        discussion: """
            Reads Postfix or Exim log lines and prints one JSON object per event (JSON Lines): \
            the delivery status, the cause of a failure (recipient_unknown, blacklisted, \
            greylisted, ...), the recipient and its domain, the relay, the SMTP reply code, \
            the enhanced status code, the remote server's reply, the block list and listed IP \
            when one is named, and the time. Lines that are not events print nothing.

            Examples:
              grep S3150 /var/log/mail.log | bouncewatch classify --explain
              bouncewatch classify mail.log.1 | jq 'select(.cause == "blacklisted")'

            Exit status: 0 when every input was read, 1 when one could not be read (it is \
            named on standard error; the other inputs are still processed), 64 on a usage error, \
            78 when the --config file cannot be used.
            """
    )

    @Flag(help: "Also show the rule that decided the cause, its evidence and the runner-up rules.")
    var explain = false

    @Option(help: "The log's MTA: auto decides per line, postfix or exim skip the other parser.")
    var format: LogFormat = .auto

    @Option(
        help: ArgumentHelp(
            "A configuration file whose providers: section adds to the built-in providers.",
            valueName: "file"))
    var config: String?

    @Argument(
        help: ArgumentHelp(
            "Log files, plain or gzip-compressed; none or '-' reads standard input.",
            valueName: "file"))
    var files: [String] = []

    func run() throws {
        let status = ClassifyRunner(
            explain: explain, format: format, inputs: files, configPath: config
        ).run()
        if status != 0 { throw ExitCode(status) }
    }
}
