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
            CheckConfigCommand.self, TestAlertCommand.self, DigestCommand.self,
            CheckListingCommand.self, QueueCommand.self,
        ]
    )

    /// Before the arguments are even parsed, `run` takes SIGHUP away from its default action
    /// (ending the process): a reload sent right after the start must not kill the daemon.
    static func main() {
        if CommandLine.arguments.dropFirst().first == "run" {
            RunRunner.installEarlySignalHandling()
        }
        main(nil)
    }
}
