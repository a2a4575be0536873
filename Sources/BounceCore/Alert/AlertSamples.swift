/// The log lines of the most recent matching events (by event time), at most three.
///
/// Kept as a ring of byte buffers: the newest line of a log read in order is copied over the
/// oldest one's bytes in place, so a steady stream of matching events allocates and frees
/// nothing; the `String` of a line is made only when `lines` is read (a notice's evidence, the
/// checkpoint). Lines that come out of order take the plain way (insert in time order) on a
/// copy laid out oldest first.
///
/// A line offered as bytes straight from the log is kept as its first `AlertLimits.lineBytes`
/// bytes, unrepaired; `lines` decodes it and cuts it again, which is what decoding and cutting
/// it at once gave (repairing invalid UTF-8 can lengthen a line). A line offered as text is
/// kept already cut, so the same decoding leaves it as it is.
struct AlertSamples: Sendable {
    struct Line: Sendable, Equatable {
        var time: Int64
        var text: String
    }

    /// One kept line: its time and its bytes, in one array so a group's first sample
    /// allocates one array for the ring rather than two.
    private struct Slot: Sendable {
        var time: Int64
        var bytes: [UInt8]
    }

    /// Oldest first from `first` on, wrapping around.
    private var slots: [Slot] = []
    private var first = 0

    /// How many lines are kept.
    var count: Int { slots.count }

    /// Oldest first.
    var lines: [Line] {
        orderedSlots.map { Line(time: $0.time, text: Self.text($0.bytes)) }
    }

    /// Offers the line of a matching event at `time`; kept when it is among the newest.
    mutating func offer(time: Int64, text: String) {
        if slots.count == AlertLimits.samples, time < slots[first].time { return }
        var text = UTF8Prefix.string(text, atMost: AlertLimits.lineBytes)
        text.withUTF8 { offer(time: time, bytes: $0) }
    }

    /// Offers a line read from the log as bytes (cut here to `AlertLimits.lineBytes`).
    mutating func offer(time: Int64, bytes line: UnsafeBufferPointer<UInt8>) {
        let count = slots.count
        let full = count == AlertLimits.samples
        if full, time < slots[first].time { return }
        let bytes = UnsafeBufferPointer(
            rebasing: line[0..<UTF8Prefix.length(of: line, atMost: AlertLimits.lineBytes)])
        let newest = count == 0 || time >= slots[(first + count - 1) % count].time
        if newest {
            if full {
                // The oldest goes and the newest takes its slot (and its buffer), which is
                // then the last one.
                slots[first].time = time
                slots[first].bytes.removeAll(keepingCapacity: true)
                slots[first].bytes.append(contentsOf: bytes)
                first = first + 1 == count ? 0 : first + 1
            } else {
                if count == 0 { slots.reserveCapacity(AlertLimits.samples) }
                slots.append(Slot(time: time, bytes: Array(bytes)))  // `first` is 0 until full
            }
            return
        }
        var ordered = orderedSlots
        if full { ordered.removeFirst() }
        let position = ordered.lastIndex { $0.time <= time }.map { $0 + 1 } ?? 0
        ordered.insert(Slot(time: time, bytes: Array(bytes)), at: position)
        slots = ordered
        first = 0
    }

    /// Forgets the lines stamped after `limit` (far in the future: a wrong year, a clock step).
    mutating func removeAll(after limit: Int64) {
        guard slots.contains(where: { $0.time > limit }) else { return }
        slots = orderedSlots.filter { $0.time <= limit }
        first = 0
    }

    /// The kept slots, oldest first.
    private var orderedSlots: [Slot] {
        (0..<slots.count).map { offset in slots[(first + offset) % slots.count] }
    }

    /// The text of kept bytes: decoded, invalid UTF-8 repaired, and cut to the limit again.
    private static func text(_ bytes: [UInt8]) -> String {
        UTF8Prefix.string(String(decoding: bytes, as: UTF8.self), atMost: AlertLimits.lineBytes)
    }
}

extension AlertSamples: Equatable {
    /// Samples are equal when they hold the same lines in the same order, wherever the ring
    /// starts.
    static func == (left: AlertSamples, right: AlertSamples) -> Bool {
        left.lines == right.lines
    }
}
