import BounceCore
import CYaml

/// Turns libyaml's parse errors into `YAMLProblem`s with the line the parser stopped at.
enum YAMLSyntax {
    static func problem(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> YAMLProblem {
        var line: Int?
        var message = "not valid YAML: "
        let problem = parser.problem.map { String(cString: $0) } ?? "the parser failed"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            message += "out of memory"
        case YAML_READER_ERROR:
            line = lineNumber(atByte: parser.problem_offset, in: bytes)
            message += problem
        default:
            line = parser.problem_mark.line + 1
            message += problem
            if let context = parser.context {
                message += " (\(String(cString: context)) on line \(parser.context_mark.line + 1))"
            }
        }
        if message.containsText("found character that cannot start any token"),
            bytes.contains(0x09)
        {
            message += "; YAML indents with spaces, never tabs"
        }
        return YAMLProblem(line: line, message: message)
    }

    /// The 1-based line holding the byte at `offset`.
    private static func lineNumber(atByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>)
        -> Int
    {
        1 + bytes.prefix(offset).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
