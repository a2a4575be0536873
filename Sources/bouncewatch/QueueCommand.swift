import BounceApp
import BounceCLI

/// `bouncewatch queue`: the MTA's queue now, the deferred part by destination and cause.
enum QueueCommand: BounceWatchSubcommand {
    static let spec = CommandSpec(
        name: "queue",
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
            """,
        options: [
            .option("format", help: "text or json.", choice: QueueOutputFormat.text),
            .option(
                "mta",
                help:
                    "postfix, exim, or auto (the configuration's, else what --directory holds, else"
                    + " the default directories, Postfix first).",
                choice: QueueMTA.auto),
            .option(
                "directory",
                help: "Postfix's queue directory or Exim's spool directory (default: the MTA's).",
                valueName: "path"),
            .option(
                "destinations",
                help: "Destinations listed before the rest are merged into 'other'.",
                integer: 30),
            .option(
                "config",
                help: "A configuration file: its queue:, rules: and providers: sections apply.",
                valueName: "file"),
        ])

    static func validate(_ arguments: ParsedArguments) throws(UsageError) {
        guard arguments.integer("destinations", default: 30) >= 1 else {
            throw UsageError("--destinations must be 1 or more")
        }
    }

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> Int32 {
        QueueRunner(
            format: arguments.choice("format", default: QueueOutputFormat.text),
            mta: arguments.choice("mta", default: QueueMTA.auto),
            directory: arguments.text("directory"),
            destinations: arguments.integer("destinations", default: 30),
            configPath: arguments.text("config")
        ).run()
    }
}
