import BounceApp
import BounceCLI

/// `bouncewatch test-alert`: a test notification through every configured notifier.
enum TestAlertCommand: BounceWatchSubcommand {
    static let spec = CommandSpec(
        name: "test-alert",
        abstract: "Send a test alert through every configured notifier and report each result.",
        discussion: """
            Loads the configuration and sends one test notice, at once and without the \
            outbox, through each notifier: the sendmail program, the SMTP relay, Alertmanager \
            (where the test alert ends by itself after 5 minutes) and the mbox file. One line \
            per notifier says sent, or failed with the reason (the relay's reply, the \
            program's output, the HTTP status).

            Examples:
              bouncewatch test-alert
              bouncewatch test-alert --config ./bouncewatch.yml

            Exit status: 0 when every notifier succeeded, 1 when one failed or the \
            configuration could not be loaded, 64 on a usage error.
            """,
        options: [
            .option(
                "config", help: "The configuration file.", valueName: "file",
                defaultValue: TestAlertRunner.defaultConfigPath)
        ])

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> Int32 {
        TestAlertRunner(configPath: arguments.text("config") ?? TestAlertRunner.defaultConfigPath)
            .run()
    }
}
