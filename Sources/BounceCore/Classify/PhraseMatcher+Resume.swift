extension PhraseMatcher {
    /// Where a scan starts: the top of the scan's loop at `index`, in `state`, having found
    /// `found`. Index 0 is a scan from the start.
    struct Resume {
        var index = 0
        var state = 0
        var found = BitSet2048()
    }

    /// The points a scan passes, for `PhraseScanMemory`: every `stride` bytes, the loop's index,
    /// state and how many phrases were found, packed in 16 bits each; and the phrase ids in the
    /// order they were first found. Points stop once more than `idLimit` phrases were found.
    struct Recording {
        var stride = 0
        var idLimit = 0
        var points: [UInt64] = []
        var ids: [UInt16] = []
        /// More phrases were found than `idLimit`: no later point is kept.
        var full = false

        init() {}

        init(stride: Int, idLimit: Int) {
            self.stride = stride
            self.idLimit = idLimit
        }
    }

    /// `matches(in:)`, started at `start` (which must be a point that the scan of `text` from
    /// its first byte passes), keeping points in `recording` when its stride is set. The loop is
    /// `matches(in:)`'s, step for step (`PhraseScanMemoryTests`); what a phrase's end does is
    /// kept out of line, so that the loop's state stays in registers.
    func matches(
        in text: UnsafeBufferPointer<UInt8>, resuming start: Resume, recording: inout Recording
    ) -> BitSet2048 {
        var found = start.found
        var state = start.state
        var index = start.index
        var nextPoint = recording.stride > 0 ? Swift.max(index, recording.stride) : Int.max
        let width = self.width
        let count = text.count
        let flag: UInt16 = 0x8000
        classOf.withUnsafeBufferPointer { classOf in
            transitions.withUnsafeBufferPointer { delta in
                let space = Int(classOf[Int(UInt8(ascii: " "))])
                if index == 0 {
                    let next = delta[state &* width &+ space]
                    state = Int(next & ~flag)
                    if next & flag != 0 {
                        phrasesEnd(at: state, text, before: 0, &found, &recording)
                    }
                    index = Self.continuationEnd(text, at: 0)
                }
                while index < count {
                    if index >= nextPoint {
                        nextPoint = Self.keep(index, state, &recording)
                    }
                    var byte = text[index]
                    index &+= 1
                    if byte < 0x80 {
                        if byte == 0x5C, index < count, text[index] == 0x6E {
                            byte = 0x20
                            index &+= 1
                        }
                        let next = delta[state &* width &+ Int(classOf[Int(byte)])]
                        state = Int(next & ~flag)
                        if next & flag != 0 {
                            phrasesEnd(at: state, text, before: index, &found, &recording)
                        }
                        if byte == 0x20 {
                            index = Self.continuationEnd(text, at: index)
                        }
                    } else if CaseFold.isFoldLead(byte), index < count, text[index] & 0xC0 == 0x80 {
                        let pair = CaseFold.fold(byte, text[index])
                        index &+= 1
                        let first = delta[state &* width &+ Int(classOf[Int(pair.0)])]
                        state = Int(first & ~flag)
                        if first & flag != 0 {
                            phrasesEnd(at: state, text, before: index, &found, &recording)
                        }
                        let second = delta[state &* width &+ Int(classOf[Int(pair.1)])]
                        state = Int(second & ~flag)
                        if second & flag != 0 {
                            phrasesEnd(at: state, text, before: index, &found, &recording)
                        }
                    } else {
                        let next = delta[state &* width &+ Int(classOf[Int(byte)])]
                        state = Int(next & ~flag)
                        if next & flag != 0 {
                            phrasesEnd(at: state, text, before: index, &found, &recording)
                        }
                    }
                }
                let next = delta[state &* width &+ space]
                state = Int(next & ~flag)
                if next & flag != 0 {
                    phrasesEnd(at: state, text, before: 0, &found, &recording)
                }
            }
        }
        return found
    }

    /// Keeps a point at `index` and gives the index of the next (none once the ids are full).
    @inline(never)
    private static func keep(_ index: Int, _ state: Int, _ recording: inout Recording) -> Int {
        guard !recording.full else { return Int.max }
        recording.points.append(
            UInt64(index) | UInt64(state) << 16 | UInt64(recording.ids.count) << 32)
        return index + recording.stride
    }

    /// The phrases that end in `state` after the byte before `end`: found unless inside a URL
    /// and not counted there, as `matches(in:)` does; new ones also recorded in order.
    @inline(never)
    private func phrasesEnd(
        at state: Int, _ text: UnsafeBufferPointer<UInt8>, before end: Int,
        _ found: inout BitSet2048, _ recording: inout Recording
    ) {
        let inURL = Self.isInsideURL(text, before: end)
        var index = Int(outputStart[state])
        let last = Int(outputStart[state + 1])
        while index < last {
            let id = Int(outputs[index])
            if !inURL || countsInURL(id) {
                if recording.stride > 0, !recording.full, !found.contains(id) {
                    if recording.ids.count < recording.idLimit {
                        recording.ids.append(UInt16(truncatingIfNeeded: id))
                    } else {
                        recording.full = true
                    }
                }
                found.insert(id)
            }
            index += 1
        }
    }
}
