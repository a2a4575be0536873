/// One `--name` option: a flag, or an option with a value, maybe repeated.
///
/// Declared with the factory functions, which read like the property wrappers they replace:
/// `.option("top", help: "...", integer: 10)`, `.flag("explain", help: "...")`.
public struct OptionSpec: Sendable {
    /// What the option's value must be, checked while parsing so that a bad value is a usage
    /// error naming the option.
    public enum Value: Sendable, Equatable {
        /// No value: the option is a flag.
        case none
        /// Any text.
        case text
        /// A whole number (`Int`).
        case integer
        /// One of these words.
        case choice([String])
    }

    /// The long name without dashes (`log-format`).
    public var name: String
    public var help: String
    public var value: Value
    /// Shown in angle brackets after the name; the name itself by default.
    public var valueName: String
    /// Written as "(default: ...)" after the help; nil when the option has none to show.
    public var defaultValue: String?
    /// May be given more than once, every value kept (`--to a --to b`). Otherwise the last
    /// one given wins.
    public var repeating: Bool

    /// A flag: `--explain`.
    public static func flag(_ name: String, help: String) -> OptionSpec {
        OptionSpec(
            name: name, help: help, value: .none, valueName: name, defaultValue: nil,
            repeating: false)
    }

    /// An option taking any text. `defaultValue` is what the help shows, nil for none.
    public static func option(
        _ name: String, help: String, valueName: String? = nil, defaultValue: String? = nil,
        repeating: Bool = false
    ) -> OptionSpec {
        OptionSpec(
            name: name, help: help, value: .text, valueName: valueName ?? name,
            defaultValue: defaultValue, repeating: repeating)
    }

    /// An option taking a whole number, with its default.
    public static func option(_ name: String, help: String, integer defaultValue: Int)
        -> OptionSpec
    {
        OptionSpec(
            name: name, help: help, value: .integer, valueName: name,
            defaultValue: String(defaultValue), repeating: false)
    }

    /// An option taking a whole number with no fixed default (the command works one out when
    /// it is not given, so the help shows none).
    public static func option(_ name: String, help: String, integerValueName valueName: String)
        -> OptionSpec
    {
        OptionSpec(
            name: name, help: help, value: .integer, valueName: valueName, defaultValue: nil,
            repeating: false)
    }

    /// An option taking one of an enumeration's raw values, with its default.
    public static func option<Choice: RawRepresentable & CaseIterable>(
        _ name: String, help: String, choice defaultValue: Choice
    ) -> OptionSpec where Choice.RawValue == String {
        OptionSpec(
            name: name, help: help, value: .choice(Choice.allCases.map(\.rawValue)),
            valueName: name, defaultValue: defaultValue.rawValue, repeating: false)
    }

    /// `--format <format>`, or `--explain` for a flag.
    public var label: String {
        value == .none ? "--\(name)" : "--\(name) <\(valueName)>"
    }

    /// The help with the allowed values and the default, as the option list shows it.
    var fullHelp: String {
        var notes: [String] = []
        if case .choice(let words) = value {
            notes.append("values: " + words.joined(separator: ", "))
        }
        if let defaultValue { notes.append("default: \(defaultValue)") }
        return notes.isEmpty ? help : "\(help) (\(notes.joined(separator: "; ")))"
    }
}
