import ArgumentParser
import BounceApp

/// The `bouncewatch` command line.
@main
struct BounceWatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bouncewatch",
        abstract:
            "Explains why mail bounces: follows Postfix and Exim logs and classifies every failure.",
        version: BuildInfo.version,
        subcommands: [
            ScanCommand.self, ClassifyCommand.self, RunCommand.self, RulesCommand.self,
            CheckConfigCommand.self, TestAlertCommand.self,
        ]
    )
}
