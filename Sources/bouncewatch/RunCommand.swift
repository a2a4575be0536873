import BounceApp
import BounceCLI

/// `bouncewatch run`: the daemon.
enum RunCommand: BounceWatchSubcommand {
    static let spec = CommandSpec(
        name: "run",
        abstract: "Follow the configured logs or journal and keep the Prometheus textfile current.",
        discussion: """
            Runs in the foreground until SIGTERM or SIGINT, which read what is left and write \
            the textfile and the checkpoint before exiting. SIGHUP reloads the configuration; \
            one that does not load is refused and the running one stays. Under systemd \
            (Type=notify) it reports READY=1, STATUS= and the watchdog.

            Exit status: 0 after a shutdown by signal, 78 when the configuration or the \
            checkpoint cannot be read, 1 on other failures.
            """,
        options: [
            .option(
                "config", help: "The configuration file.", valueName: "file",
                defaultValue: RunRunner().configPath)
        ])

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> Int32 {
        RunRunner(configPath: arguments.text("config") ?? RunRunner().configPath).run()
    }
}
