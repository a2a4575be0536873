/// Reads checked values out of YAML nodes, reporting each problem to the log and going on.
///
/// Every reader returns nil after reporting, so a caller falls back to a default and the rest
/// of the file is still checked.
struct ConfigReader {
    let log: ProblemLog
    /// Whether a path exists; a parameter so that `type: auto` sources can be tested.
    let fileExists: (String) -> Bool

    func section(_ field: Field, known: [String]) -> Section? {
        Section.read(field, known: known, log: log)
    }

    /// The `type` of a list item that is a mapping; reports a missing or unknown one.
    func itemType(_ item: Field, among types: [String], what: String) -> String? {
        guard case .mapping = item.node.content else {
            log.add(item, "expected a mapping of keys to values, found \(item.shape)")
            return nil
        }
        guard let node = item.node["type"] else {
            log.add(item, "needs a type (one of: \(types.joined(separator: ", ")))")
            return nil
        }
        return choice(item.child("type", node), types, what: what, id: { $0 })
    }

    /// Any single value, as text.
    func text(_ field: Field) -> String? {
        if let text = field.text { return text }
        log.add(field, "expected a value, found \(field.shape)")
        return nil
    }

    /// Text without control characters (names, addresses, paths).
    func line(_ field: Field, maximumLength: Int = 1024) -> String? {
        guard let text = text(field) else { return nil }
        if text.isEmpty {
            log.add(field, "must not be empty")
            return nil
        }
        if text.unicodeScalars.contains(where: Self.isControl) {
            log.add(field, "\(quoted(text)) contains a control character")
            return nil
        }
        if text.utf8.count > maximumLength {
            log.add(field, "is longer than \(maximumLength) bytes")
            return nil
        }
        return text
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// An absolute path.
    func absolutePath(_ field: Field) -> String? {
        guard let path = line(field, maximumLength: 4096) else { return nil }
        guard path.hasPrefix("/") else {
            log.add(field, "\(quoted(path)) is not an absolute path (start it with /)")
            return nil
        }
        return path
    }

    /// `true` or `false` (YAML's `yes`, `no`, `on` and `off` too), unquoted.
    func bool(_ field: Field) -> Bool? {
        switch field.text?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            log.add(field, "expected true or false, found \(field.shape)")
            return nil
        }
    }

    /// A whole number in `range`, written in decimal.
    func integer(_ field: Field, in range: ClosedRange<Int>) -> Int? {
        guard let text = field.text, !text.isEmpty, text.utf8.count <= 18,
            text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text)
        else {
            log.add(field, "expected a whole number, found \(field.shape)")
            return nil
        }
        guard range.contains(value) else {
            log.add(field, "\(value) is out of range (\(range.lowerBound) to \(range.upperBound))")
            return nil
        }
        return value
    }

    /// A finite decimal number.
    func number(_ field: Field) -> Double? {
        guard let text = field.text, let value = Double(text), value.isFinite,
            text.utf8.allSatisfy({ Self.numberBytes.contains($0) })
        else {
            log.add(field, "expected a number, found \(field.shape)")
            return nil
        }
        return value
    }

    private static let numberBytes = Set("0123456789.-+eE".utf8)

    /// A duration in seconds, within `range`.
    func duration(_ field: Field, in range: ClosedRange<Int>) -> Int? {
        guard let text = field.text else {
            log.add(field, "expected a duration (\(DurationText.hint)), found \(field.shape)")
            return nil
        }
        guard let seconds = DurationText.seconds(text) else {
            log.add(field, "\(quoted(text)) is not a duration (\(DurationText.hint))")
            return nil
        }
        guard range.contains(seconds) else {
            let low = DurationText.text(range.lowerBound)
            let high = DurationText.text(range.upperBound)
            log.add(field, "\(quoted(text)) is out of range (\(low) to \(high))")
            return nil
        }
        return seconds
    }

    /// One of `choices`, by its identifier.
    func choice<T>(_ field: Field, _ choices: [T], what: String, id: (T) -> String) -> T? {
        guard let text = text(field) else { return nil }
        if let found = choices.first(where: { id($0) == text }) { return found }
        let names = choices.map(id)
        var message = "\(quoted(text)) is not a known \(what)"
        if let close = KeySuggestion.closest(to: text, among: names) {
            message += "; did you mean \"\(close)\"?"
        } else {
            message += " (valid: \(names.joined(separator: ", ")))"
        }
        log.add(field, message)
        return nil
    }

    /// A list's elements; a single value stands for a list of one.
    func values(_ field: Field) -> [Field] {
        switch field.node.content {
        case .sequence(let sequence):
            return sequence.enumerated().map { field.element($0.offset, $0.element) }
        case .scalar where !field.isNull:
            return [field]
        default:
            log.add(field, "expected a value or a list of values, found \(field.shape)")
            return []
        }
    }

    /// A list's elements; anything else is reported.
    func list(_ field: Field) -> [Field]? {
        guard case .sequence(let sequence) = field.node.content else {
            let hint = field.isNull ? " (write [] for none)" : ""
            log.add(field, "expected a list, found \(field.shape)\(hint)")
            return nil
        }
        return sequence.enumerated().map { field.element($0.offset, $0.element) }
    }

    /// A list of `choices` (a single one accepted), duplicates dropped.
    func choices<T: Equatable>(_ field: Field, _ all: [T], what: String, id: (T) -> String)
        -> [T]
    {
        var found: [T] = []
        for value in values(field) {
            if let choice = choice(value, all, what: what, id: id), !found.contains(choice) {
                found.append(choice)
            }
        }
        return found
    }

    /// Lines of text (a single one accepted).
    func lines(_ field: Field) -> [String] {
        values(field).compactMap { line($0) }
    }
}
