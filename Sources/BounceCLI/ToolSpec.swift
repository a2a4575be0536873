/// The whole command line: the tool's name, its overview, version and subcommands.
public struct ToolSpec: Sendable {
    public var name: String
    public var abstract: String
    public var version: String
    public var commands: [CommandSpec]

    public init(name: String, abstract: String, version: String, commands: [CommandSpec]) {
        self.name = name
        self.abstract = abstract
        self.version = version
        self.commands = commands
    }

    /// What the tool's arguments (without the program name) ask for. `screenWidth` is asked
    /// only when help is printed (`COLUMNS`, else the terminal's, else 80).
    public enum Outcome: Sendable, Equatable {
        /// Run `commands[command]` with these arguments.
        case run(command: Int, arguments: ParsedArguments)
        /// Print this on standard output and exit 0 (help, version).
        case print(String)
        /// Print this on standard error and exit with 64.
        case usageError(String)
    }

    /// The exit status of every usage error (EX_USAGE).
    public static let usageStatus: Int32 = 64

    public func parse(_ arguments: [String], screenWidth: () -> Int = { 80 }) -> Outcome {
        guard let first = arguments.first else {
            return .print(HelpText.tool(self, screenWidth: screenWidth()))
        }
        switch first {
        case "-h", "--help", "-help", "--help-hidden":
            return .print(HelpText.tool(self, screenWidth: screenWidth()))
        case "--version": return .print(version + "\n")
        case "help": return .print(helpText(for: arguments.dropFirst(), screenWidth: screenWidth()))
        default: break
        }
        guard let index = commands.firstIndex(where: { $0.name == first }) else {
            let error =
                first.hasPrefix("-") && first != "-"
                ? UsageError("Unknown option '\(first)'")
                : UsageError("Unexpected argument '\(first)'")
            return .usageError(toolUsageError(error))
        }
        let command = commands[index]
        switch CommandLineParser.parse(Array(arguments.dropFirst()), for: command) {
        case .run(let parsed): return .run(command: index, arguments: parsed)
        case .help:
            return .print(HelpText.command(command, tool: name, screenWidth: screenWidth()))
        case .version: return .print(version + "\n")
        case .failure(let error): return .usageError(commandUsageError(error, command: command))
        }
    }

    /// `help SUB...`: the first named subcommand's help; the tool's help when none is known.
    func helpText(for names: ArraySlice<String>, screenWidth: Int) -> String {
        guard let first = names.first else { return HelpText.tool(self, screenWidth: screenWidth) }
        if first == "help" { return HelpText.helpCommand(self, screenWidth: screenWidth) }
        if let command = commands.first(where: { $0.name == first }) {
            return HelpText.command(command, tool: name, screenWidth: screenWidth)
        }
        return HelpText.tool(self, screenWidth: screenWidth)
    }

    /// A usage error while parsing a subcommand's arguments or validating them: the error
    /// with the subcommand's usage.
    public func commandUsageError(_ error: UsageError, command: CommandSpec) -> String {
        errorText(
            error, usage: HelpText.usage(command, tool: name),
            helpCommand: "\(name) \(command.name) --help")
    }

    /// A usage error found once the command runs (a period that is not a time): the error
    /// with the tool's usage, as such errors always read.
    public func toolUsageError(_ error: UsageError) -> String {
        errorText(error, usage: "\(name) <subcommand>", helpCommand: "\(name) --help")
    }

    func errorText(_ error: UsageError, usage: String, helpCommand: String) -> String {
        var text = "Error: \(error.message)\n"
        if let helpLine = error.helpLine { text += "Help:  \(helpLine)\n" }
        return text + "Usage: \(usage)\n  See '\(helpCommand)' for more information.\n"
    }
}
