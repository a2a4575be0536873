/// Collects the problems found while a configuration is read, up to a limit.
///
/// Reading goes on after a problem so that one run reports everything wrong; past the limit
/// the rest are summed up in one last line, since a file with that many problems is usually
/// not a bouncewatch configuration at all.
final class ProblemLog {
    /// The most problems listed one by one.
    static let limit = 20

    let file: String
    private(set) var problems: [ConfigError] = []
    private var dropped = 0

    init(file: String) { self.file = file }

    var isEmpty: Bool { problems.isEmpty && dropped == 0 }

    func add(line: Int?, key: String, _ message: String) {
        guard problems.count < Self.limit else {
            dropped += 1
            return
        }
        problems.append(ConfigError(file: file, line: line, key: key, message: message))
    }

    func add(_ field: Field, _ message: String) {
        add(line: field.line, key: field.key, message)
    }

    /// Every problem in line order (the whole-file ones first), or nil when there is none.
    func error() -> ConfigError? {
        guard !isEmpty else { return nil }
        var sorted = problems.enumerated().sorted { left, right in
            let leftLine = left.element.line ?? 0
            let rightLine = right.element.line ?? 0
            return leftLine != rightLine ? leftLine < rightLine : left.offset < right.offset
        }.map(\.element)
        if dropped > 0 {
            sorted.append(
                ConfigError(
                    file: file, line: nil, key: "",
                    message: "\(dropped) more problem\(dropped == 1 ? "" : "s") not listed"))
        }
        var first = sorted.removeFirst()
        first.further = sorted
        return first
    }
}
