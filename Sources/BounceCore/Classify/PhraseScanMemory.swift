/// The phrase scans of recent replies, kept as the automaton's state at points along each
/// scan, so that a reply that begins with the same bytes as one scanned lately is scanned only
/// from the last such point that their common beginning covers.
///
/// Why: the replies that miss `CachingClassifier`'s verdict memory are mostly a known text with
/// a value of its own at the end (Gmail's `... c26eb38eca94f-5y5p749si95790022.935 - gsmtp`,
/// Outlook's `[SN5PR07MB9903.eurprd04.prod.outlook.com 2026-11-26T00:00:22.029Z ...]`), and
/// the phrase automaton, about twelve instructions a byte, read all of each again.
///
/// Why it gives `PhraseMatcher.matches`' answer: the scan is deterministic and reads the text
/// from the front; at the top of its loop, at index `i`, its state and the phrases found so far
/// depend only on the bytes it has read, all before `i + 16` (a continuation marker
/// `NNN-c.sss.ddd ` is the furthest it looks ahead), and on whether those positions lie inside
/// the text, which they do in both texts. So a point kept at `i` while scanning one text is the
/// scan's state at `i` in any text that shares its first `i + slack` bytes (`slack` ≥ 16).
/// `PhraseScanMemoryTests` hold the answers to `matches` on texts that differ at every place.
///
/// Bounded: `1 << wayBits` replies of at most `keyLimit` bytes, chosen by their first 32
/// bytes; a point every `stride` bytes; at most `idLimit` phrases found before the last point.
struct PhraseScanMemory {
    static let wayBits = 7
    static let keyLimit = 512
    static let stride = 32
    static let pointsPerWay = keyLimit / stride
    static let slack = 32
    static let idLimit = 64
    /// Shorter replies are scanned whole: a resumed scan would save too little.
    static let shortest = 96

    /// `keyLimit` bytes per way: the reply scanned; read only below the way's length.
    private var bytes: [UInt8]
    /// Byte length of each way's reply; -1 for an empty way.
    private var lengths: [Int32]
    /// `pointsPerWay` points per way: index, automaton state and phrases found, 16 bits each.
    private var points: [UInt64]
    private var pointCounts: [UInt8]
    /// `idLimit` phrase ids per way, in the order the scan found them.
    private var ids: [UInt16]
    /// The points of the last scan from the start.
    private var recording = PhraseMatcher.Recording(
        stride: PhraseScanMemory.stride, idLimit: PhraseScanMemory.idLimit)
    /// Scans resumed, for tests and measurements.
    private(set) var resumed = 0

    init() {
        let ways = 1 << Self.wayBits
        // A way's bytes, points and ids are read only below counts that its length guards.
        bytes = .unwritten(count: ways * Self.keyLimit)
        lengths = Array(repeating: -1, count: ways)
        points = .unwritten(count: ways * Self.pointsPerWay)
        pointCounts = .unwritten(count: ways)
        ids = .unwritten(count: ways * Self.idLimit)
    }

    /// `matcher.matches(in: text)`, resumed from a kept point when a recent reply began with
    /// the same bytes, and kept for the replies that follow.
    mutating func matches(in text: UnsafeBufferPointer<UInt8>, with matcher: PhraseMatcher)
        -> BitSet2048
    {
        let count = text.count
        guard count >= Self.shortest, count <= Self.keyLimit, let base = text.baseAddress,
            matcher.stateCount <= Int(UInt16.max), matcher.phrases.count <= Int(UInt16.max)
        else { return matcher.matches(in: text) }
        var hash = ByteScan.word(base, 0) &* 0x9E37_79B9_7F4A_7C15
        hash = ByteScan.fold(hash ^ ByteScan.word(base, 8))
        hash = ByteScan.fold(hash ^ ByteScan.word(base, 16))
        hash = ByteScan.fold(hash ^ ByteScan.word(base, 24))
        let way = Int(truncatingIfNeeded: hash >> UInt64(64 - Self.wayBits))
        var start = PhraseMatcher.Resume()
        let keptLength = Int(lengths[way])
        if keptLength >= 0 {
            let common = commonPrefix(way, keptLength, base, count)
            var point = Int(pointCounts[way]) - 1
            while point >= 0 {
                let packed = points[way * Self.pointsPerWay + point]
                let index = Int(packed & 0xFFFF)
                if index + Self.slack <= common {
                    start.index = index
                    start.state = Int(packed >> 16 & 0xFFFF)
                    let found = Int(packed >> 32 & 0xFFFF)
                    for slot in 0..<found {
                        start.found.insert(Int(ids[way * Self.idLimit + slot]))
                    }
                    resumed += 1
                    break
                }
                point -= 1
            }
        }
        if start.index > 0 {
            var ignored = PhraseMatcher.Recording()
            return matcher.matches(in: text, resuming: start, recording: &ignored)
        }
        // The recording's arrays are reused from scan to scan: no allocation once they grew.
        recording.points.removeAll(keepingCapacity: true)
        recording.ids.removeAll(keepingCapacity: true)
        recording.full = false
        let found = matcher.matches(in: text, resuming: start, recording: &recording)
        remember(text, in: way)
        return found
    }

    /// How many of the first bytes of `base[0..<count]` the reply kept in `way` shares.
    private func commonPrefix(
        _ way: Int, _ keptLength: Int, _ base: UnsafePointer<UInt8>, _ count: Int
    ) -> Int {
        let limit = Swift.min(keptLength, count)
        return bytes.withUnsafeBufferPointer { kept in
            let other = kept.baseAddress! + way * Self.keyLimit
            var offset = 0
            while offset + 8 <= limit {
                let difference = ByteScan.word(other, offset) ^ ByteScan.word(base, offset)
                if difference != 0 { return offset + difference.trailingZeroBitCount >> 3 }
                offset += 8
            }
            while offset < limit, other[offset] == base[offset] { offset += 1 }
            return offset
        }
    }

    private mutating func remember(_ text: UnsafeBufferPointer<UInt8>, in way: Int) {
        let count = text.count
        let first = way * Self.keyLimit
        bytes.withUnsafeMutableBufferPointer { kept in
            _ = UnsafeMutableBufferPointer(rebasing: kept[first..<first + count])
                .update(fromContentsOf: text)
        }
        let pointCount = Swift.min(recording.points.count, Self.pointsPerWay)
        for point in 0..<pointCount {
            points[way * Self.pointsPerWay + point] = recording.points[point]
        }
        pointCounts[way] = UInt8(truncatingIfNeeded: pointCount)
        for slot in 0..<recording.ids.count {
            ids[way * Self.idLimit + slot] = recording.ids[slot]
        }
        lengths[way] = Int32(truncatingIfNeeded: count)
    }
}
