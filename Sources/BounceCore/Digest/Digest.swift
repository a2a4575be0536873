/// A digest of one period against the period before it, ready for the text and HTML renderers.
///
/// Built from two `ScanReport`s (the period and the one just before it, of the same length),
/// so every number in a digest is a number `scan` reports for the same period. The derived
/// rows (`totals`, `causes`, ...) are computed here once, and both renderers print them, so the
/// plain-text and HTML parts of a digest mail always agree.
public struct Digest: Sendable, Equatable {
    /// How many rows a table of the digest lists at most.
    public static let rowLimit = 10
    /// How many unclassified reply shapes and top clients a digest lists.
    public static let shortListLimit = 5

    /// This machine's name, for the title and the subject.
    public var hostname: String
    /// The period, `[start, end)` in Unix seconds.
    public var start: Int64
    public var end: Int64
    /// The local zone's offset, for printing the period's ends.
    public var utcOffsetSeconds: Int
    /// What happened in the period.
    public var current: ScanReport
    /// What happened in the period before, of the same length.
    public var previous: ScanReport
    /// The MTA's queue when the digest was written: the daemon's last reading when `queue:` is
    /// configured, nil otherwise (the section is then left out).
    public var queue: DigestQueue? = nil

    public init(
        hostname: String, start: Int64, end: Int64, utcOffsetSeconds: Int = 0,
        current: ScanReport, previous: ScanReport
    ) {
        self.hostname = hostname
        self.start = start
        self.end = end
        self.utcOffsetSeconds = utcOffsetSeconds
        self.current = current
        self.previous = previous
    }

    /// `2026-11-26 00:00:00 +0100 .. 2026-11-27 00:00:00 +0100`.
    public var periodText: String {
        MailDate.readable(start, utcOffsetSeconds: utcOffsetSeconds) + " .. "
            + MailDate.readable(end, utcOffsetSeconds: utcOffsetSeconds)
    }

    /// The totals, each with the previous period's figure.
    public var totals: [DigestRow] {
        let now = current
        let before = previous
        return [
            DigestRow("delivery attempts", now.deliveries.total, before.deliveries.total),
            DigestRow("sent", now.deliveries.sent, before.deliveries.sent),
            DigestRow("deferred", now.deliveries.deferred, before.deliveries.deferred),
            DigestRow("bounced", now.deliveries.bounced, before.deliveries.bounced),
            DigestRow("expired", now.deliveries.expired, before.deliveries.expired),
            DigestRow("inbound rejects", now.rejects.total, before.rejects.total),
            DigestRow("SASL failures", now.authFailures.total, before.authFailures.total),
        ]
    }

    /// Failed delivery attempts over all attempts, now and before.
    public var failureRate: (now: DigestRate, before: DigestRate) {
        (DigestRate(current.deliveries), DigestRate(previous.deliveries))
    }

    /// Every cause seen in either period: this period's largest first, then the causes that
    /// vanished, each with one sample reply of this period (or of the one before when the cause
    /// did not occur now).
    public var causes: [DigestCauseRow] {
        var rows: [DigestCauseRow] = []
        var seen = Set<UInt8>()
        for summary in current.causes {
            seen.insert(summary.cause.rawValue)
            let before = previous.causes.first { $0.cause == summary.cause }
            rows.append(
                DigestCauseRow(
                    cause: summary.cause, now: summary.counts.total,
                    before: before?.counts.total ?? 0, sampleReply: summary.sampleReply))
        }
        for summary in previous.causes where !seen.contains(summary.cause.rawValue) {
            rows.append(
                DigestCauseRow(
                    cause: summary.cause, now: 0, before: summary.counts.total,
                    sampleReply: summary.sampleReply))
        }
        return rows
    }

    /// The causes that grew against the previous period, largest growth first (ties in the
    /// order of `causes`), each with one line of what to do.
    public var advice: [(cause: Cause, line: String)] {
        let grown = causes.enumerated().filter { $0.element.now > $0.element.before }
        return
            grown
            .sorted {
                let left = $0.element.now - $0.element.before
                let right = $1.element.now - $1.element.before
                return left != right ? left > right : $0.offset < $1.offset
            }
            .map { ($0.element.cause, Remediation.firstStep(for: $0.element.cause)) }
    }

    /// Providers with deliveries this period, with their failure rate now and before.
    public var providers: [DigestRateRow] {
        rateRows(current.providers, before: previous.providers)
    }

    /// The busiest destination domains this period, with their failure rate now and before.
    public var destinations: [DigestRateRow] {
        rateRows(current.destinations, before: previous.destinations)
    }

    private func rateRows(
        _ rows: [DestinationSummary], before: [DestinationSummary]
    ) -> [DigestRateRow] {
        rows.prefix(Self.rowLimit).map { row in
            let old = before.first { $0.name == row.name }
            return DigestRateRow(
                name: row.name, counts: row.counts,
                rate: DigestRate(row.counts), previousRate: old.map { DigestRate($0.counts) },
                mainCause: row.mainCauses.first?.cause)
        }
    }
}
