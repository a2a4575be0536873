/// The daemon's digest counters: the open period, the one before it, and what already belongs
/// to the period after (lines read late, after a stop), with the cursor that says when the open
/// period closes.
///
/// Events are placed by their time, not by when they were read, so that a digest counts what
/// `scan --since START --until END` counts over the same log: an event at or after the open
/// period's end waits in `next`, one in the period before is added to `previous`, one older
/// still is left out. An event without a readable time counts in the open period.
///
/// The whole ledger is saved in the checkpoint's `digest` section (`checkpointLines()`), at the
/// same instant as the positions, so a restart or a crash neither loses nor doubles a line.
///
/// Pure: the clock and the zone come in as values.
public struct DigestLedger: Sendable, Equatable {
    public private(set) var cursor: DigestCursor
    /// Where the open period starts: the scheduled moment before `cursor.periodEnd`.
    public private(set) var periodStart: Int
    var previous = DigestTally()
    var current = DigestTally()
    var next = DigestTally()

    /// The first tag of the saved lines; the number is the version of their form.
    static let formatTag = "digest/1"

    /// A ledger with nothing counted: the open period is the one `now` falls in.
    public init(schedule: DigestSchedule, now: Int, utcOffset: DigestSchedule.UTCOffset) {
        cursor = DigestCursor(schedule: schedule, now: now, utcOffset: utcOffset)
        periodStart = schedule.lastDue(atOrBefore: cursor.periodEnd - 1, utcOffset: utcOffset)
    }

    /// The period before the open one: as long as it, ending where it starts (as `bouncewatch
    /// digest` compares).
    public var previousStart: Int { periodStart - (cursor.periodEnd - periodStart) }

    /// Counts one event; `time` is its Unix seconds, nil when its stamp could not be read.
    public mutating func add(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>,
        time: Int64?, provider: String?
    ) {
        guard let time else {
            return current.add(event, classification, in: line, provider: provider)
        }
        if time >= Int64(cursor.periodEnd) {
            next.add(event, classification, in: line, provider: provider)
        } else if time >= Int64(periodStart) {
            current.add(event, classification, in: line, provider: provider)
        } else if time >= Int64(previousStart) {
            previous.add(event, classification, in: line, provider: provider)
        }
    }

    /// A period that closed, ready to be mailed.
    public struct Closed: Sendable, Equatable {
        public var digest: Digest
        /// Scheduled moments that also passed while the daemon was stopped; no digest is sent
        /// for them.
        public var skipped: Int
    }

    /// The digest of the open period when it closed at or before `now`; the ledger then stands
    /// on the next period, with the closed one as its `previous`. Nil while it runs on.
    public mutating func close(
        now: Int, utcOffset: DigestSchedule.UTCOffset, hostname: String
    ) -> Closed? {
        let start = periodStart
        let end = cursor.periodEnd
        guard let closed = cursor.close(now: now, utcOffset: utcOffset) else { return nil }
        let digest = Digest(
            hostname: hostname, start: Int64(start), end: Int64(end),
            utcOffsetSeconds: utcOffset(start), current: current.report(),
            previous: previous.report())
        // After more than one missed moment the closed period is no longer the one before the
        // open period: its events stay only in the digest just built.
        previous = closed.skipped == 0 ? current : DigestTally()
        current = next
        next = DigestTally()
        periodStart = cursor.schedule.lastDue(
            atOrBefore: cursor.periodEnd - 1, utcOffset: utcOffset)
        return Closed(digest: digest, skipped: closed.skipped)
    }

    /// The lines of the checkpoint's `digest` section.
    public func checkpointLines() -> [String] {
        var lines = [
            "\(Self.formatTag) \(DigestTally.put(cursor.schedule.description)) \(periodStart)"
                + " \(cursor.periodEnd)"
        ]
        for (name, tally) in [("previous", previous), ("current", current), ("next", next)] {
            let body = tally.checkpointLines()
            lines.append("tally \(name) \(body.count)")
            lines += body
        }
        return lines
    }

    /// A ledger read back from `checkpointLines()`. A schedule other than `schedule` (the
    /// configuration changed while stopped) keeps the counters and closes the open period at
    /// the new schedule's next moment after `now`.
    public init(
        checkpointLines lines: [String], schedule: DigestSchedule, now: Int,
        utcOffset: DigestSchedule.UTCOffset
    ) throws(DigestStateError) {
        guard let head = lines.first else { throw DigestStateError("the digest section is empty") }
        let words = head.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 4, words[0] == Self.formatTag[...], words[1].first == "=",
            let savedSchedule = CheckpointEscaping.unescape(words[1].dropFirst()),
            let start = Int(words[2]), let end = Int(words[3]), start < end
        else {
            throw DigestStateError(
                "the digest section starts with \"\(UTF8Prefix.string(String(head), atMost: 40))\","
                    + " not \"\(Self.formatTag) SCHEDULE START END\"")
        }
        if savedSchedule == schedule.description {
            cursor = DigestCursor(schedule: schedule, periodEnd: end)
            periodStart = start
        } else {
            cursor = DigestCursor(schedule: schedule, now: now, utcOffset: utcOffset)
            periodStart = schedule.lastDue(atOrBefore: cursor.periodEnd - 1, utcOffset: utcOffset)
        }
        var index = 1
        for name in ["previous", "current", "next"] {
            guard index < lines.count, lines[index].hasPrefix("tally \(name) "),
                let count = Int(lines[index].dropFirst("tally \(name) ".count)), count >= 0,
                index + 1 + count <= lines.count
            else { throw DigestStateError("the digest section has no \"tally \(name) N\" line") }
            let body = Array(lines[(index + 1)..<(index + 1 + count)])
            let tally = try DigestTally(checkpointLines: body)
            switch name {
            case "previous": previous = tally
            case "current": current = tally
            default: next = tally
            }
            index += 1 + count
        }
        guard index == lines.count else {
            throw DigestStateError("the digest section has lines after its last tally")
        }
    }
}
