import BounceApp
import BounceCLI

/// `bouncewatch check-config`: validate the configuration and print the effective one.
enum CheckConfigCommand: BounceWatchSubcommand {
    static let spec = CommandSpec(
        name: "check-config",
        abstract: "Check a configuration file and print the configuration it amounts to.",
        discussion: """
            Reads the YAML configuration the daemon would read and checks every key: unknown \
            keys (with the closest known one suggested), values of the wrong type, durations, \
            paths, mail addresses, alert rules and classification rules. Each problem is \
            printed on standard error as file:line: key: message, all of them in one run.

            When the file is fine, the effective configuration is printed on standard output: \
            every default filled in, the built-in alert rules written out, and a source of \
            type auto resolved to the log file or the journal, as it would be on this machine \
            right now. That output is itself a valid configuration. What this machine lacks \
            for it (a missing textfile directory, sendmail program or password file) is \
            printed on standard error as warning: lines, without failing the check.

            Examples:
              bouncewatch check-config
              bouncewatch check-config --config ./bouncewatch.yml
              bouncewatch check-config --config new.yml && systemctl reload bouncewatch

            Exit status: 0 when the configuration is valid, 1 when it is not (or cannot be \
            read), 64 on a usage error.
            """,
        options: [
            .option(
                "config", help: "The configuration file to check.", valueName: "file",
                defaultValue: CheckConfigRunner.defaultConfigPath)
        ])

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> Int32 {
        CheckConfigRunner(
            configPath: arguments.text("config") ?? CheckConfigRunner.defaultConfigPath
        ).run()
    }
}
