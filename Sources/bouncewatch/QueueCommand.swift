import ArgumentParser
import BounceApp

/// `bouncewatch queue`: the MTA's queue now, the deferred part by destination and cause.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Show what is in the MTA's queue now, and why the deferred mail waits.",
        discussion: """
            Reads Postfix's queue through its showq service (the socket postqueue uses; \
            needs root or the postdrop group) or Exim's spool (input/ and msglog/; needs \
            root or the Debian-exim group), and prints the messages, recipients, size and \
            oldest message per queue, then the deferred recipients by destination, provider \
            and cause in qshape's age columns (minutes). The cause is the one bouncewatch \
            gives the last deferral's reply in the log.

            Examples:
              bouncewatch queue
              bouncewatch queue --mta exim --format json | jq .deferred_by_cause

            Exit status: 0, 66 when the queue cannot be read, 78 when the --config file \
            cannot be used.
            """
    )

    @Option(help: "text or json.")
    var format: QueueOutputFormat = .text

    @Option(
        help: ArgumentHelp(
            "postfix, exim, or auto (the configuration's, else what --directory holds, else"
                + " the default directories, Postfix first)."))
    var mta: QueueMTA = .auto

    @Option(
        help: ArgumentHelp(
            "Postfix's queue directory or Exim's spool directory (default: the MTA's).",
            valueName: "path"))
    var directory: String?

    @Option(help: "Destinations listed before the rest are merged into 'other'.")
    var destinations = 30

    @Option(
        help: ArgumentHelp(
            "A configuration file: its queue:, rules: and providers: sections apply.",
            valueName: "file"))
    var config: String?

    func validate() throws {
        guard destinations >= 1 else { throw ValidationError("--destinations must be 1 or more") }
    }

    func run() throws {
        let status = QueueRunner(
            format: format, mta: mta, directory: directory, destinations: destinations,
            configPath: config
        ).run()
        if status != 0 { throw ExitCode(status) }
    }
}
