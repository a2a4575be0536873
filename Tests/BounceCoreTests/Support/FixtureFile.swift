import Foundation
import Testing

@testable import BounceCore

/// One annotated sample: the line and what the parser and classifier must make of it.
struct FixtureCase: CustomTestStringConvertible, Sendable {
    enum Expectation: Sendable {
        case ignored
        case unrecognized
        /// Keys as in `bouncewatch classify` output; only the keys given are checked.
        case event([String: FixtureValue])
    }

    var file: String
    var lineNumber: Int
    var line: String
    var expectation: Expectation

    var testDescription: String { "\(file):\(lineNumber)" }
}

/// A JSON scalar from a fixture expectation.
enum FixtureValue: Equatable, Sendable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case null

    var description: String {
        switch self {
        case .string(let text): "\"\(text)\""
        case .int(let number): "\(number)"
        case .null: "null"
        }
    }
}

/// Reads `Tests/Fixtures/*.fixture` files.
///
/// Format: `#` starts a comment line; `= ignored`, `= unrecognized` or `= {json}` states the
/// expectation for the next line, which is a raw log line. Every log line must have one.
enum FixtureFile {
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }

    static func load(_ name: String) -> [FixtureCase] {
        let url = directory.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("cannot read fixture \(url.path)")
            return []
        }
        var cases: [FixtureCase] = []
        var pending: FixtureCase.Expectation?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let line = String(rawLine)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("= ") {
                if pending != nil {
                    Issue.record("\(name):\(index + 1): expectation without a line")
                }
                pending = parseExpectation(String(line.dropFirst(2)), name: name, line: index + 1)
                continue
            }
            guard let expectation = pending else {
                Issue.record("\(name):\(index + 1): log line without an expectation")
                continue
            }
            cases.append(
                FixtureCase(file: name, lineNumber: index + 1, line: line, expectation: expectation)
            )
            pending = nil
        }
        return cases
    }

    static func parseExpectation(_ text: String, name: String, line: Int)
        -> FixtureCase.Expectation
    {
        switch text {
        case "ignored": return .ignored
        case "unrecognized": return .unrecognized
        default: break
        }
        guard let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            Issue.record("\(name):\(line): bad expectation \(text)")
            return .unrecognized
        }
        var values: [String: FixtureValue] = [:]
        for (key, value) in object {
            switch value {
            case let text as String: values[key] = .string(text)
            case let number as NSNumber: values[key] = .int(number.intValue)
            case is NSNull: values[key] = .null
            default: Issue.record("\(name):\(line): unsupported value for \(key)")
            }
        }
        return .event(values)
    }
}
