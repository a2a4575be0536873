/// The counters as checkpoint lines, one fact a line, words escaped as the checkpoint's:
///
///     deliveries 812 40 12 1 0
///     cause recipient_unknown 0 0 9 0 0 =550%205.1.1%20User%20unknown
///     provider =google 300 10 2 0 0 recipient_unknown=2 greylisted=10
///     domain =example.com 12 0 1 0 0 recipient_unknown=1
///     rejects 4
///     reject-client =192.0.2.7 3
///     auth 2
///     auth-client =198.51.100.9 2
///     blocklist =spamhaus 3 1 =192.0.2.1 =https://check.spamhaus.org/
///     unclassified 1
///     shape 1 =<shape> =<example>
///
/// A free text is `=` and the text escaped, so that an empty one is a word too.
///
/// Status counts are in `DeliveryStatus` order; causes go by their public identifier, so a
/// later build that adds causes still reads them.
extension DigestTally {
    public func checkpointLines() -> [String] {
        var lines = ["deliveries " + deliveries.map(String.init).joined(separator: " ")]
        for cause in Cause.allCases {
            let index = Int(cause.rawValue)
            let row = causeStatus[(index * Self.statusCount)..<((index + 1) * Self.statusCount)]
            guard row.contains(where: { $0 != 0 }) || samples[index] != nil else { continue }
            var line = "cause \(cause.identifier) " + row.map(String.init).joined(separator: " ")
            if let sample = samples[index] { line += " " + Self.put(sample) }
            lines.append(line)
        }
        for (kind, table) in [("provider", providers), ("domain", domains)] {
            for name in table.keys.sorted() {
                lines.append("\(kind) \(Self.put(name)) " + table[name]!.encoded)
            }
        }
        lines.append("rejects \(rejects)")
        for ip in rejectClients.keys.sorted() {
            lines.append("reject-client \(Self.put(ip)) \(rejectClients[ip]!)")
        }
        lines.append("auth \(authFailures)")
        for ip in authClients.keys.sorted() {
            lines.append("auth-client \(Self.put(ip)) \(authClients[ip]!)")
        }
        for name in blocklists.keys.sorted() {
            let list = blocklists[name]!
            var line = "blocklist \(Self.put(name)) \(list.hits) \(list.listedIPs.count)"
            for ip in list.listedIPs.sorted() { line += " " + Self.put(ip) }
            if let url = list.delistURL { line += " " + Self.put(url) }
            lines.append(line)
        }
        lines.append("unclassified \(unclassified)")
        for shape in shapes.keys.sorted() {
            let row = shapes[shape]!
            lines.append(
                "shape \(row.count) \(Self.put(shape)) "
                    + Self.put(row.example))
        }
        return lines
    }

    /// Reads `checkpointLines()`; the error names the line (counting from 1) and what is wrong.
    public init(checkpointLines lines: [String]) throws(DigestStateError) {
        self.init()
        for (number, line) in lines.enumerated() {
            let words = line.split(separator: " ", omittingEmptySubsequences: false)
            func fail(_ reason: String) -> DigestStateError {
                DigestStateError("digest counters line \(number + 1): \(reason)")
            }
            func count(_ index: Int) throws(DigestStateError) -> Int {
                guard index < words.count, let value = Int(words[index]), value >= 0 else {
                    throw fail("expected a count")
                }
                return value
            }
            func word(_ index: Int) throws(DigestStateError) -> String {
                guard index < words.count, words[index].first == "=",
                    let value = CheckpointEscaping.unescape(words[index].dropFirst())
                else { throw fail("expected a word") }
                return value
            }
            func statuses(from start: Int) throws(DigestStateError) -> [Int] {
                var values: [Int] = []
                for index in start..<(start + Self.statusCount) { values.append(try count(index)) }
                return values
            }
            switch words.first {
            case "deliveries":
                deliveries = try statuses(from: 1)
            case "cause":
                guard words.count > 1, let cause = Cause(identifier: String(words[1])) else {
                    throw fail("unknown cause")
                }
                let index = Int(cause.rawValue)
                for (offset, value) in try statuses(from: 2).enumerated() {
                    causeStatus[index * Self.statusCount + offset] = value
                }
                if words.count > 2 + Self.statusCount {
                    samples[index] = try word(2 + Self.statusCount)
                }
            case "provider", "domain":
                var row = Row()
                row.statuses = try statuses(from: 2)
                for piece in words.dropFirst(2 + Self.statusCount) {
                    let parts = piece.split(separator: "=")
                    guard parts.count == 2, let cause = Cause(identifier: String(parts[0])),
                        let value = Int(parts[1]), value >= 0
                    else { throw fail("expected cause=count") }
                    row.failuresByCause[Int(cause.rawValue)] = value
                }
                if words[0] == "provider" {
                    providers[try word(1)] = row
                } else {
                    domains[try word(1)] = row
                }
            case "rejects": rejects = try count(1)
            case "reject-client": rejectClients[try word(1)] = try count(2)
            case "auth": authFailures = try count(1)
            case "auth-client": authClients[try word(1)] = try count(2)
            case "blocklist":
                var list = ListRow()
                list.hits = try count(2)
                let ips = try count(3)
                guard ips <= Self.listedIPLimit else { throw fail("too many listed IPs") }
                for index in 4..<(4 + ips) { list.listedIPs.insert(try word(index)) }
                if words.count > 4 + ips { list.delistURL = try word(4 + ips) }
                blocklists[try word(1)] = list
            case "unclassified": unclassified = try count(1)
            case "shape":
                shapes[try word(2)] = ShapeRow(count: try count(1), example: try word(3))
            default:
                throw fail(
                    "unknown kind \"\(UTF8Prefix.string(String(words.first ?? ""), atMost: 20))\"")
            }
        }
    }
}

extension DigestTally {
    /// A value as one word: `=` then the escaped text, so an empty text is a word too.
    static func put(_ value: String) -> String {
        "=" + CheckpointEscaping.word(value)
    }
}

extension DigestTally.Row {
    /// `s0 s1 s2 s3 s4 cause=count ...`.
    var encoded: String {
        var text = statuses.map(String.init).joined(separator: " ")
        for cause in Cause.allCases where failuresByCause[Int(cause.rawValue)] > 0 {
            text += " \(cause.identifier)=\(failuresByCause[Int(cause.rawValue)])"
        }
        return text
    }
}

/// Why the digest's saved state could not be read back.
public struct DigestStateError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
