/// The log lines of the most recent matching events (by event time), at most three.
///
/// Kept as a ring of byte buffers: the newest line of a log read in order is copied over the
/// oldest one's bytes in place, so a steady stream of matching events allocates and frees
/// nothing; the `String` of a line is made only when `lines` is read (a notice's evidence, the
/// checkpoint). Lines that come out of order take the plain way (insert in time order) on a
/// copy laid out oldest first. The ring's three slots sit inline: a group allocates only its
/// lines' buffers, no array to hold them.
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

    /// One kept line: its time and its bytes.
    private struct Slot: Sendable {
        var time: Int64
        /// The line's bytes and then unused ones: a reused buffer keeps its size, and a line
        /// that fits is copied over its start without resizing the array.
        private var buffer: [UInt8]
        private var length: Int

        static let empty = Slot(time: 0, bytes: UnsafeBufferPointer(start: nil, count: 0))

        init(time: Int64, bytes: UnsafeBufferPointer<UInt8>) {
            self.time = time
            buffer = Array(bytes)
            length = bytes.count
        }

        var bytes: ArraySlice<UInt8> { buffer[0..<length] }

        /// Holds `line` at `time` instead, in the same buffer when it fits.
        mutating func replace(time: Int64, with line: UnsafeBufferPointer<UInt8>) {
            self.time = time
            guard line.count <= buffer.count, let source = line.baseAddress else {
                buffer = Array(line)
                length = line.count
                return
            }
            buffer.withUnsafeMutableBufferPointer { target in
                target.baseAddress?.update(from: source, count: line.count)
            }
            length = line.count
        }
    }

    /// How many slots sit inline: at least `AlertLimits.samples`.
    static let capacity = 3

    /// The ring's slots, oldest first from `first` on, wrapping around `count`; those from
    /// `count` on are unused and empty.
    private var slot0 = Slot.empty
    private var slot1 = Slot.empty
    private var slot2 = Slot.empty
    private var first = 0

    /// How many lines are kept.
    private(set) var count = 0

    /// Oldest first.
    var lines: [Line] {
        orderedSlots.map { Line(time: $0.time, text: Self.text($0.bytes)) }
    }

    /// Offers the line of a matching event at `time`; kept when it is among the newest.
    mutating func offer(time: Int64, text: String) {
        if count == AlertLimits.samples, time < slot(first).time { return }
        var text = UTF8Prefix.string(text, atMost: AlertLimits.lineBytes)
        text.withUTF8 { offer(time: time, bytes: $0) }
    }

    /// Offers a line read from the log as bytes (cut here to `AlertLimits.lineBytes`).
    mutating func offer(time: Int64, bytes line: UnsafeBufferPointer<UInt8>) {
        let count = count
        let full = count == AlertLimits.samples
        if full, time < slot(first).time { return }
        let bytes = UnsafeBufferPointer(
            rebasing: line[0..<UTF8Prefix.length(of: line, atMost: AlertLimits.lineBytes)])
        let newest = count == 0 || time >= slot((first + count - 1) % count).time
        if newest {
            if full {
                // The oldest goes and the newest takes its slot (and its buffer), which is
                // then the last one.
                update(first) { $0.replace(time: time, with: bytes) }
                first = first + 1 == count ? 0 : first + 1
            } else {
                // `first` is 0 until full.
                update(count) { $0 = Slot(time: time, bytes: bytes) }
                self.count = count + 1
            }
            return
        }
        var ordered = orderedSlots
        if full { ordered.removeFirst() }
        let position = ordered.lastIndex { $0.time <= time }.map { $0 + 1 } ?? 0
        ordered.insert(Slot(time: time, bytes: bytes), at: position)
        keep(ordered)
    }

    /// Forgets the lines stamped after `limit` (far in the future: a wrong year, a clock step).
    mutating func removeAll(after limit: Int64) {
        guard (0..<count).contains(where: { slot($0).time > limit }) else { return }
        keep(orderedSlots.filter { $0.time <= limit })
    }

    /// The kept slots, oldest first.
    private var orderedSlots: [Slot] {
        (0..<count).map { offset in slot((first + offset) % count) }
    }

    /// Keeps `ordered` (oldest first, at most `AlertLimits.samples`) in place of the kept lines.
    private mutating func keep(_ ordered: [Slot]) {
        for index in 0..<Self.capacity {
            update(index) { $0 = index < ordered.count ? ordered[index] : Slot.empty }
        }
        count = ordered.count
        first = 0
    }

    @inline(__always)
    private func slot(_ index: Int) -> Slot {
        switch index {
        case 0: slot0
        case 1: slot1
        default: slot2
        }
    }

    /// Changes the slot at `index` in place (its buffer is not copied).
    @inline(__always)
    private mutating func update(_ index: Int, _ change: (inout Slot) -> Void) {
        switch index {
        case 0: change(&slot0)
        case 1: change(&slot1)
        default: change(&slot2)
        }
    }

    /// The text of kept bytes: decoded, invalid UTF-8 repaired, and cut to the limit again.
    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
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
