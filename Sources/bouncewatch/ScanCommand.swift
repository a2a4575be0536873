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

            Exit status: 0 when every input was read, 1 when one could not be read in full (it \
            is named on standard error and in the report; the others are still counted), 64 on \
            a usage error, 78 when the --config file cannot be used.
            """
    )

    @Option(help: "Output: text for people, json for scripts, prometheus for a textfile collector.")
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

    @Argument(
        help: ArgumentHelp(
            "Log files, plain or gzip-compressed; '-' reads standard input.", valueName: "file"))
    var files: [String]

    func validate() throws {
        let maximum = ScanRunner.maximumTopDestinations
        guard (1...maximum).contains(top) else {
            throw ValidationError("--top must be between 1 and \(maximum).")
        }
    }

    func run() throws {
        let status = ScanRunner(
            format: format, topDestinations: top, logFormat: logFormat, inputs: files,
            configPath: config
        ).run()
        if status != 0 { throw ExitCode(status) }
    }
}
