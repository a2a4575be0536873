import Yams

/// Turns Yams' parse errors into `ConfigError`s with the line the parser stopped at.
enum YAMLSyntax {
    static func error(_ error: any Error, yaml: String, origin: String) -> ConfigError {
        var line: Int?
        var message = "not valid YAML"
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            line = mark.line
            message += ": \(problem)"
            if problem.hasPrefix("but found another document") {
                message = "only one YAML document is allowed; this --- starts a second one"
            } else if let context {
                message += " (\(context.text) on line \(context.mark.line))"
            }
        case .reader(let problem, let offset, _, _):
            line = offset.map { lineNumber(atCharacter: $0, in: yaml) }
            message += ": \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            line = context.mark.line
            let names = duplicates.map { quoted($0) }.joined(separator: ", ")
            message = "\(names) given more than once in the same mapping"
        default:
            message += ": \(error)"
        }
        if message.contains("found character that cannot start any token"),
            yaml.contains("\t")
        {
            message += "; YAML indents with spaces, never tabs"
        }
        return ConfigError(file: origin, line: line, key: "", message: message)
    }

    private static func lineNumber(atCharacter offset: Int, in text: String) -> Int {
        1 + text.prefix(offset).reduce(0) { $0 + ($1.isNewline ? 1 : 0) }
    }
}
