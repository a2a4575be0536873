/// What one subcommand accepts and how its help describes it: the declaration the parser and
/// the help text both read, so the two cannot disagree.
public struct CommandSpec: Sendable {
    /// The word that selects the command (`scan`).
    public var name: String
    /// One sentence: the OVERVIEW line and the subcommand list of the top-level help.
    public var abstract: String
    /// The paragraphs under the overview; each source line is one paragraph, wrapped at 80.
    public var discussion: String
    /// Options in the order the usage line and the help list them.
    public var options: [OptionSpec]
    /// The positional arguments, if the command takes any.
    public var arguments: ArgumentSpec?

    public init(
        name: String, abstract: String, discussion: String = "", options: [OptionSpec] = [],
        arguments: ArgumentSpec? = nil
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.arguments = arguments
    }

    /// The option declared as `--name`, if any.
    public func option(named name: Substring) -> OptionSpec? {
        options.first { $0.name[...] == name }
    }
}

/// The positional arguments of a command: always a list (`<file> ...`).
public struct ArgumentSpec: Sendable {
    /// Shown in angle brackets: `<file>`.
    public var valueName: String
    public var help: String
    /// At least one is needed (`<file> ...` rather than `[<file> ...]`).
    public var required: Bool

    public init(valueName: String, help: String, required: Bool) {
        self.valueName = valueName
        self.help = help
        self.required = required
    }

    /// `<file>`.
    public var label: String { "<\(valueName)>" }
}
