/// What is wrong with a configuration file: where, under which key, and why.
///
/// One value describes one problem; `further` holds the others found in the same pass, so an
/// administrator fixes them all at once instead of one per run. `description` prints every
/// problem on a line of its own, `file:line: key: message`, the shape compilers use, so
/// editors can jump to the line.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as it was named (`/etc/bouncewatch/bouncewatch.yml`).
    public var file: String
    /// The line the problem is on (1-based); nil when the file as a whole is at fault.
    public var line: Int?
    /// The dotted key (`metrics.interval`, `alerts[2].threshold`); empty for the whole file.
    public var key: String
    public var message: String
    /// More problems found in the same file, in line order.
    public var further: [ConfigError]

    public init(
        file: String, line: Int?, key: String, message: String, further: [ConfigError] = []
    ) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
        self.further = further
    }

    /// This problem and the further ones, each without `further`, in line order.
    public var problems: [ConfigError] {
        var first = self
        first.further = []
        return [first] + further
    }

    /// This problem alone: `file:line: key: message`.
    public var headline: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !key.isEmpty { text += "\(key): " }
        return text + message
    }

    /// Every problem, one per line.
    public var description: String {
        problems.map(\.headline).joined(separator: "\n")
    }
}
