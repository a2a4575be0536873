import BounceCore

/// A small encoder for the Prometheus text exposition format (version 0.0.4).
///
/// Label values carry text from strangers (recipient domains, block list names), so every value
/// goes through `labelValue(_:)`: cut to `labelValueLimit` bytes at a UTF-8 boundary, then
/// backslash, double quote and newline escaped as the format requires. Other control characters
/// are replaced by U+FFFD: the format would carry them, but a carriage return or a NUL in a
/// textfile only confuses the people and tools that read it.
public enum PrometheusText {
    /// The metric types this project writes.
    public enum MetricType: String, Sendable {
        case counter
        case gauge
        /// Written as `NAME_bucket{le=...}`, `NAME_sum` and `NAME_count` samples.
        case histogram
    }

    /// The longest label value written, in UTF-8 bytes, before escaping.
    public static let labelValueLimit = 256

    /// Appends the `# HELP` and `# TYPE` lines of a family.
    public static func appendFamily(
        to output: inout String, name: String, type: MetricType, help: String
    ) {
        output += "# HELP \(name) \(escapeHelp(help))\n"
        output += "# TYPE \(name) \(type.rawValue)\n"
    }

    /// Appends one sample line; label names must be valid (they are fixed by the caller), label
    /// values are capped and escaped here.
    public static func appendSample(
        to output: inout String, name: String, labels: [(name: String, value: String)],
        value: Int
    ) {
        appendSeries(to: &output, name: name, labels: labels)
        output += " \(value)\n"
    }

    /// As `appendSample(to:name:labels:value:)` for a value already written as a number in
    /// the format's text (`12.345`, `+Inf`).
    public static func appendSample(
        to output: inout String, name: String, labels: [(name: String, value: String)],
        text value: String
    ) {
        appendSeries(to: &output, name: name, labels: labels)
        output += " "
        output += value
        output += "\n"
    }

    /// The name and labels of a sample.
    private static func appendSeries(
        to output: inout String, name: String, labels: [(name: String, value: String)]
    ) {
        output += name
        if !labels.isEmpty {
            output += "{"
            for (index, label) in labels.enumerated() {
                if index > 0 { output += "," }
                output += label.name
                output += "=\""
                output += labelValue(label.value)
                output += "\""
            }
            output += "}"
        }
    }

    /// `value` cut to `labelValueLimit` bytes and escaped for use between double quotes.
    public static func labelValue(_ value: String) -> String {
        escape(UTF8Prefix.string(value, atMost: labelValueLimit), quotes: true)
    }

    /// `text` escaped for a `# HELP` line (backslash and newline).
    public static func escapeHelp(_ text: String) -> String {
        escape(text, quotes: false)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\"" where quotes: result += "\\\""
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}": result.unicodeScalars.append("\u{FFFD}")
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
