import Testing

/// One sample line of the Prometheus text format, parsed back: what a scraper would see.
struct ParsedSample: Hashable {
    var name: String
    var labels: [String: String]
    var value: Double
}

/// A strict reader of the text exposition format's sample lines, for checking rendered files
/// and what node_exporter serves. Comments and blank lines are skipped; anything else that is
/// not a well-formed sample is reported as an error.
enum TextfileParser {
    struct Failure: Error, CustomStringConvertible {
        var line: String
        var reason: String
        var description: String { "\(reason): \(line.prefix(120))" }
    }

    static func samples(_ text: String) throws -> [ParsedSample] {
        var result: [ParsedSample] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            result.append(try sample(line))
        }
        return result
    }

    static func sample(_ line: Substring) throws -> ParsedSample {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        var name = ""
        while index < scalars.count, scalars[index] != "{", scalars[index] != " " {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        var labels: [String: String] = [:]
        if index < scalars.count, scalars[index] == "{" {
            index += 1
            while index < scalars.count, scalars[index] != "}" {
                var label = ""
                while index < scalars.count, scalars[index] != "=" {
                    label.unicodeScalars.append(scalars[index])
                    index += 1
                }
                guard index + 1 < scalars.count, scalars[index + 1] == "\"" else {
                    throw Failure(line: String(line), reason: "label without a quoted value")
                }
                index += 2
                var value = ""
                while true {
                    guard index < scalars.count else {
                        throw Failure(line: String(line), reason: "unterminated label value")
                    }
                    let scalar = scalars[index]
                    index += 1
                    if scalar == "\"" { break }
                    if scalar == "\n" {
                        throw Failure(line: String(line), reason: "raw newline in label value")
                    }
                    guard scalar == "\\" else {
                        value.unicodeScalars.append(scalar)
                        continue
                    }
                    guard index < scalars.count else {
                        throw Failure(line: String(line), reason: "dangling backslash")
                    }
                    switch scalars[index] {
                    case "\\": value += "\\"
                    case "\"": value += "\""
                    case "n": value += "\n"
                    default: throw Failure(line: String(line), reason: "unknown escape")
                    }
                    index += 1
                }
                guard labels.updateValue(value, forKey: label) == nil else {
                    throw Failure(line: String(line), reason: "label \(label) given twice")
                }
                if index < scalars.count, scalars[index] == "," { index += 1 }
            }
            index += 1
        }
        guard index < scalars.count, scalars[index] == " " else {
            throw Failure(line: String(line), reason: "no value")
        }
        var rest = ""
        rest.unicodeScalars.append(contentsOf: scalars[(index + 1)...])
        guard let value = Double(rest) else {
            throw Failure(line: String(line), reason: "value is not a number")
        }
        return ParsedSample(name: name, labels: labels, value: value)
    }
}

@Suite struct TextfileParserTests {
    @Test func readsEscapedLabels() throws {
        let sample = try TextfileParser.sample(#"x_total{a="q\"b\\c\nd",b=""} 1.5e+09"#)
        #expect(sample.name == "x_total")
        #expect(sample.labels == ["a": "q\"b\\c\nd", "b": ""])
        #expect(sample.value == 1.5e9)
    }

    @Test(arguments: [#"x{a="1} 1"#, #"x{a="\q"} 1"#, "x{a=1} 1", #"x{a="1"}"#, "x 1 2"])
    func refusesMalformedLines(line: String) {
        #expect(throws: TextfileParser.Failure.self) { try TextfileParser.sample(line[...]) }
    }
}
