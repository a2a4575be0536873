import BounceApp
import BounceCLI
import BounceSystem

/// The `bouncewatch` command line.
@main
enum BounceWatchCommand {
    /// In the order the top-level help lists them.
    static var subcommands: [any BounceWatchSubcommand.Type] {
        [
            ScanCommand.self, ClassifyCommand.self, RunCommand.self, RulesCommand.self,
            CheckConfigCommand.self, TestAlertCommand.self, DigestCommand.self,
            CheckListingCommand.self, QueueCommand.self,
        ]
    }

    static let tool = ToolSpec(
        name: "bouncewatch",
        abstract:
            "Explains why mail bounces: follows Postfix and Exim logs and classifies every failure.",
        version: BuildInfo.version,
        commands: subcommands.map { $0.spec })

    /// Before the arguments are even parsed, `run` takes SIGHUP away from its default action
    /// (ending the process): a reload sent right after the start must not kill the daemon.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "run" {
            RunRunner.installEarlySignalHandling()
        }
        ProcessExit.exit(status(arguments))
    }

    /// Parses, validates and runs; returns the exit status.
    static func status(_ arguments: [String]) -> Int32 {
        switch tool.parse(arguments, screenWidth: TerminalWidth.current) {
        case .print(let text):
            write(text, to: 1)
            return 0
        case .usageError(let text):
            write(text, to: 2)
            return ToolSpec.usageStatus
        case .run(let index, let parsed):
            let command = subcommands[index]
            do {
                try command.validate(parsed)
            } catch {
                write(tool.commandUsageError(error, command: command.spec), to: 2)
                return ToolSpec.usageStatus
            }
            do {
                return try command.run(parsed)
            } catch {
                write(tool.toolUsageError(error), to: 2)
                return ToolSpec.usageStatus
            }
        }
    }

    static func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        // Nothing is left to tell of an output that cannot be written.
        _ = bytes.withUnsafeBytes { Descriptor.writeAll(descriptor, $0) }
    }
}
