/// Parses one subcommand's arguments against its `CommandSpec`, without a process: pure.
///
/// Accepted: `--name value`, `--name=value`, flags, repeated options, positional arguments
/// anywhere, `--` (everything after it is positional), `-` as a positional (standard input),
/// `-h`/`--help` (also `-help` and `--help-hidden`, as before) and `--version`. A separate value that starts with `-` is not taken as a
/// value (`--top -3` is a missing value), as before; `--top=-3` passes it. The order in which
/// problems are reported is also as before: a bad or missing value at once, then `--help`
/// anywhere, then a missing required argument, then the first unknown option or unexpected
/// argument.
public enum CommandLineParser {
    /// What the arguments ask for.
    public enum Outcome: Sendable, Equatable {
        /// Run the command with these arguments.
        case run(ParsedArguments)
        /// Print the command's help.
        case help
        /// Print the version.
        case version
        /// A usage error (exit status 64).
        case failure(UsageError)
    }

    public static func parse(_ tokens: [String], for spec: CommandSpec) -> Outcome {
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        // An unknown option or an unexpected argument is reported at the end, so that a
        // `--help` after it still shows the help; a bad value is reported at once.
        var deferred: UsageError?
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if onlyPositionals || token == "-" || !token.hasPrefix("-") {
                guard spec.arguments != nil else {
                    deferred = deferred ?? UsageError("Unexpected argument '\(token)'")
                    continue
                }
                parsed.positionals.append(token)
                continue
            }
            switch token {
            case "--":
                onlyPositionals = true
                continue
            case "-h", "--help", "-help", "--help-hidden": return .help
            case "--version": return .version
            default: break
            }
            guard token.hasPrefix("--") else {
                deferred = deferred ?? unknownOption(token, in: spec)
                continue
            }
            let body = token.dropFirst(2)
            let name: Substring
            var inlineValue: Substring?
            if let equals = body.firstIndex(of: "=") {
                name = body[..<equals]
                inlineValue = body[body.index(after: equals)...]
            } else {
                name = body
            }
            guard let option = spec.option(named: name) else {
                deferred = deferred ?? unknownOption(token, in: spec)
                continue
            }
            if option.value == .none {
                if let inlineValue {
                    return .failure(
                        UsageError(
                            "The option '--\(name)' does not take any value, but "
                                + "'\(inlineValue)' was specified."))
                }
                parsed.values[option.name] = [""]
                continue
            }
            let value: String
            if let inlineValue, !inlineValue.isEmpty {
                value = String(inlineValue)
            } else if inlineValue == nil, index < tokens.count,
                tokens[index] == "-" || !tokens[index].hasPrefix("-")
            {
                value = tokens[index]
                index += 1
            } else {
                return .failure(
                    UsageError("Missing value for '\(option.label)'", helpLine: helpLine(option)))
            }
            if let problem = check(value, for: option) { return .failure(problem) }
            if option.repeating {
                parsed.values[option.name, default: []].append(value)
            } else {
                parsed.values[option.name] = [value]
            }
        }
        if let arguments = spec.arguments, arguments.required, parsed.positionals.isEmpty {
            return .failure(
                UsageError(
                    "Missing expected argument '\(arguments.label) ...'",
                    helpLine: "\(arguments.label)  \(arguments.help)"))
        }
        if let deferred { return .failure(deferred) }
        return .run(parsed)
    }

    /// `label  help`, the option's line in a usage error.
    static func helpLine(_ option: OptionSpec) -> String {
        "\(option.label)  \(option.help)"
    }

    /// Nil when `value` is of the option's kind.
    static func check(_ value: String, for option: OptionSpec) -> UsageError? {
        switch option.value {
        case .none, .text:
            return nil
        case .integer:
            if Int(value) != nil { return nil }
            return UsageError(
                "The value '\(value)' is invalid for '\(option.label)'",
                helpLine: helpLine(option))
        case .choice(let words):
            if words.contains(value) { return nil }
            return UsageError(
                "The value '\(value)' is invalid for '\(option.label)'. Please provide one of "
                    + quotedAlternatives(words) + ".",
                helpLine: helpLine(option))
        }
    }

    /// `'a', 'b' or 'c'`.
    static func quotedAlternatives(_ words: [String]) -> String {
        let quoted = words.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
    }

    /// "Unknown option", with the closest declared option when one is near (`--formt`,
    /// `-top`).
    static func unknownOption(_ token: String, in spec: CommandSpec) -> UsageError {
        var given = token
        if let equals = given.firstIndex(of: "=") { given = String(given[..<equals]) }
        let bare = String(given.drop { $0 == "-" })
        let names = spec.options.map(\.name) + ["help", "version"]
        let closest =
            names
            .map { (name: $0, distance: EditDistance.between($0, bare)) }
            .filter { $0.distance <= 2 && $0.distance < $0.name.count }
            .min { $0.distance < $1.distance }
        guard let closest else { return UsageError("Unknown option '\(given)'") }
        return UsageError("Unknown option '\(given)'. Did you mean '--\(closest.name)'?")
    }
}
