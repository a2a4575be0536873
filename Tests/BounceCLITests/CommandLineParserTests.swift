import BounceCLI
import Testing

/// The parser on its own: every accepted form and every usage error, without a process.
@Suite struct CommandLineParserTests {
    enum Format: String, CaseIterable { case text, json }

    let spec = CommandSpec(
        name: "scan", abstract: "Scan.",
        options: [
            .option("format", help: "text or json.", choice: Format.text),
            .option("top", help: "How many.", integer: 10),
            .option("config", help: "A file.", valueName: "file"),
            .option("to", help: "A recipient; repeatable.", repeating: true),
            .flag("explain", help: "Explain."),
        ],
        arguments: ArgumentSpec(valueName: "file", help: "Log files.", required: true))

    func parsed(_ tokens: [String]) -> ParsedArguments? {
        if case .run(let arguments) = CommandLineParser.parse(tokens, for: spec) {
            return arguments
        }
        return nil
    }

    func failure(_ tokens: [String]) -> UsageError? {
        if case .failure(let error) = CommandLineParser.parse(tokens, for: spec) { return error }
        return nil
    }

    @Test func valuesSeparateOrAfterAnEqualsSign() throws {
        let arguments = try #require(parsed(["--format", "json", "--top=20", "a.log"]))
        #expect(arguments.choice("format", default: Format.text) == .json)
        #expect(arguments.integer("top", default: 10) == 20)
        #expect(arguments.positionals == ["a.log"])
    }

    @Test func defaultsWhenNotGiven() throws {
        let arguments = try #require(parsed(["a.log"]))
        #expect(arguments.choice("format", default: Format.text) == .text)
        #expect(arguments.integer("top", default: 10) == 10)
        #expect(arguments.text("config") == nil)
        #expect(!arguments.flag("explain"))
    }

    @Test func repeatedOptionsKeepEveryValueAndSingleOnesTheLast() throws {
        let arguments = try #require(
            parsed(["--to", "a@x", "f", "--to=b@x", "--format", "json", "--format", "text"]))
        #expect(arguments.texts("to") == ["a@x", "b@x"])
        #expect(arguments.text("format") == "text")
    }

    @Test func flagsAndPositionalsAnywhere() throws {
        let arguments = try #require(parsed(["one", "--explain", "-", "two"]))
        #expect(arguments.flag("explain"))
        #expect(arguments.positionals == ["one", "-", "two"])
    }

    @Test func everythingAfterTwoDashesIsPositional() throws {
        let arguments = try #require(parsed(["--", "--explain", "-h", "--top"]))
        #expect(!arguments.flag("explain"))
        #expect(arguments.positionals == ["--explain", "-h", "--top"])
    }

    @Test func helpAndVersion() {
        #expect(CommandLineParser.parse(["f", "-h"], for: spec) == .help)
        #expect(CommandLineParser.parse(["--help", "--bogus"], for: spec) == .help)
        #expect(CommandLineParser.parse(["-help"], for: spec) == .help)
        #expect(CommandLineParser.parse(["f", "--help-hidden"], for: spec) == .help)
        #expect(CommandLineParser.parse(["--version"], for: spec) == .version)
    }

    @Test func problemsAreReportedInTheirOldOrder() {
        // Help wins over an unknown option or an unexpected argument, wherever it stands...
        #expect(CommandLineParser.parse(["--bogus", "--help"], for: spec) == .help)
        // ...but not over a bad value, reported at once.
        #expect(failure(["--format", "xml", "--help"])?.message.hasPrefix("The value") == true)
        #expect(
            failure(["--format", "--help"])?.message == "Missing value for '--format <format>'")
        // A missing argument is told before an unknown option.
        #expect(failure(["--bogus"])?.message == "Missing expected argument '<file> ...'")
        #expect(failure(["--a", "--b", "f"])?.message == "Unknown option '--a'")
    }

    @Test func aValueMayStartWithADashOnlyAfterAnEqualsSign() throws {
        #expect(failure(["--top", "-3", "f"])?.message == "Missing value for '--top <top>'")
        #expect(try #require(parsed(["--config=-x", "f"])).text("config") == "-x")
        #expect(try #require(parsed(["--config", "-", "f"])).text("config") == "-")
    }

    @Test func usageErrors() {
        #expect(failure(["--bogus", "f"]) == UsageError("Unknown option '--bogus'"))
        #expect(failure(["-x", "f"]) == UsageError("Unknown option '-x'"))
        #expect(
            failure(["--formt=json", "f"])
                == UsageError("Unknown option '--formt'. Did you mean '--format'?"))
        #expect(
            failure(["-top", "3", "f"])
                == UsageError("Unknown option '-top'. Did you mean '--top'?"))
        #expect(
            failure(["--format"])
                == UsageError(
                    "Missing value for '--format <format>'",
                    helpLine: "--format <format>  text or json."))
        #expect(failure(["--format=", "f"])?.message == "Missing value for '--format <format>'")
        #expect(
            failure(["--format", "xml", "f"])
                == UsageError(
                    "The value 'xml' is invalid for '--format <format>'. Please provide one of "
                        + "'text' or 'json'.",
                    helpLine: "--format <format>  text or json."))
        #expect(
            failure(["--top", "ten", "f"])
                == UsageError(
                    "The value 'ten' is invalid for '--top <top>'",
                    helpLine: "--top <top>  How many."))
        #expect(
            failure(["--explain=yes", "f"])
                == UsageError(
                    "The option '--explain' does not take any value, but 'yes' was specified."))
        #expect(
            failure([])
                == UsageError(
                    "Missing expected argument '<file> ...'", helpLine: "<file>  Log files."))
    }

    @Test func aCommandWithoutArgumentsRefusesOne() {
        let bare = CommandSpec(name: "rules", abstract: "Rules.")
        #expect(
            CommandLineParser.parse(["extra"], for: bare)
                == .failure(UsageError("Unexpected argument 'extra'")))
        #expect(CommandLineParser.parse([], for: bare) == .run(ParsedArguments()))
    }
}
