/// What a command line said, already checked against the command's `CommandSpec`: every
/// option known, every value of the right kind, required arguments present.
public struct ParsedArguments: Sendable, Equatable {
    /// The values given per option name, in order; a flag given has one empty value.
    public var values: [String: [String]] = [:]
    /// The positional arguments, in order.
    public var positionals: [String] = []

    public init(values: [String: [String]] = [:], positionals: [String] = []) {
        self.values = values
        self.positionals = positionals
    }

    /// Whether the flag `--name` was given.
    public func flag(_ name: String) -> Bool { values[name] != nil }

    /// The last value given for `--name`, nil when it was not given.
    public func text(_ name: String) -> String? { values[name]?.last }

    /// Every value given for a repeating `--name`, in order.
    public func texts(_ name: String) -> [String] { values[name] ?? [] }

    /// The whole number given for `--name` (checked while parsing), else `defaultValue`.
    public func integer(_ name: String, default defaultValue: Int) -> Int {
        text(name).flatMap { Int($0) } ?? defaultValue
    }

    /// The whole number given for `--name` (checked while parsing), nil when not given.
    public func integer(_ name: String) -> Int? {
        text(name).flatMap { Int($0) }
    }

    /// The choice given for `--name` (checked while parsing), else `defaultValue`.
    public func choice<Choice: RawRepresentable>(_ name: String, default defaultValue: Choice)
        -> Choice where Choice.RawValue == String
    {
        text(name).flatMap { Choice(rawValue: $0) } ?? defaultValue
    }
}
