import ArgumentParser
import BounceApp

/// `bouncewatch test-alert`: a test notification through every configured notifier.
struct TestAlertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-alert",
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
            """
    )

    @Option(help: ArgumentHelp("The configuration file.", valueName: "file"))
    var config: String = TestAlertRunner.defaultConfigPath

    func run() throws {
        let status = TestAlertRunner(configPath: config).run()
        if status != 0 { throw ExitCode(status) }
    }
}
