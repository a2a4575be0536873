/// Reads the fields of one checkpoint line in order, each with its own check.
struct MetricsCheckpointFields {
    typealias Token = MetricsCheckpointToken

    private let fields: [Substring]
    private var position = 1
    let line: Int

    init(fields: [Substring], line: Int) {
        self.fields = fields
        self.line = line
    }

    func fail(_ reason: String) -> MetricsRestoreError {
        MetricsRestoreError(line: line, reason: reason)
    }

    mutating func next() -> Substring {
        defer { position += 1 }
        return fields[position]
    }

    /// The largest count a checkpoint may hold (`Int.largestCount`, 2^53): a larger one is
    /// damage or forgery, refused like a negative one. Counting on from it cannot overflow:
    /// that would take another 2^63 - 2^53 lines, and sums of counters stop at 2^53.
    static let largestCount = Int.largestCount

    mutating func count() throws(MetricsRestoreError) -> Int {
        let field = next()
        guard let value = Token.decodeCount(field) else {
            throw fail("field \(position - 1) is not a count: '\(Self.shown(field))'")
        }
        guard value <= Self.largestCount else {
            throw fail(
                "field \(position - 1) is a count larger than 2^53, which no run reaches: "
                    + "'\(Self.shown(field))'")
        }
        return value
    }

    mutating func optionalTime() throws(MetricsRestoreError) -> Int64? {
        let field = next()
        if field == Token.absent { return nil }
        guard let value = Token.decodeTime(field) else {
            throw fail("field \(position - 1) is not a time: '\(Self.shown(field))'")
        }
        return value
    }

    /// A canonical label value (`MetricsLabel`).
    mutating func label() throws(MetricsRestoreError) -> String {
        let field = next()
        guard let text = Token.decodeText(field) else {
            throw fail("field \(position - 1) is not encoded text: '\(Self.shown(field))'")
        }
        guard MetricsLabel.canonical(text) == text else {
            throw fail("field \(position - 1) is not a valid label value")
        }
        return text
    }

    /// A destination name, or nil for `other` (`-`).
    mutating func destination() throws(MetricsRestoreError) -> String? {
        if fields[position] == Token.absent {
            position += 1
            return nil
        }
        return try label()
    }

    mutating func mta() throws(MetricsRestoreError) -> MTA {
        let field = next()
        guard let mta = MTA.allCases.first(where: { $0.identifier == field }) else {
            throw fail("unknown MTA '\(Self.shown(field))'")
        }
        return mta
    }

    mutating func status() throws(MetricsRestoreError) -> DeliveryStatus {
        let field = next()
        guard let status = DeliveryStatus.allCases.first(where: { $0.identifier == field }) else {
            throw fail("unknown status '\(Self.shown(field))'")
        }
        return status
    }

    mutating func cause() throws(MetricsRestoreError) -> Cause {
        let field = next()
        guard let cause = Cause(identifier: String(field)) else {
            throw fail("unknown cause '\(Self.shown(field))'")
        }
        return cause
    }

    mutating func optionalCause() throws(MetricsRestoreError) -> Cause? {
        if fields[position] == Token.absent {
            position += 1
            return nil
        }
        return try cause()
    }

    /// Text from a damaged line, made safe and short for an error message.
    static func shown(_ text: Substring) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(40) {
            result.unicodeScalars.append(
                scalar.value >= 0x20 && scalar.value < 0x7F ? scalar : "?")
        }
        return text.unicodeScalars.count > 40 ? result + "..." : result
    }
}
