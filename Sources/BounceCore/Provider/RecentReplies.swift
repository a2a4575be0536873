/// A direct-mapped memory of recent remote replies, each with the provider its signature
/// names (`ProviderTable.signatureProvider`), for relays that no provider owns.
///
/// Why: a reply from a relay whose name decides nothing is scanned for providers' signatures
/// with the phrase automaton, about six instructions a byte, and a server's failures to such
/// relays repeat the same few texts (a block list's refusal, a filter's greylisting). Comparing
/// a reply with a remembered one costs about one instruction a byte.
///
/// A way is chosen by the reply's length and three of its words (first, middle, last), which
/// costs a few instructions whatever the length; a hit compares the whole reply, so a value is
/// only ever replayed for the very bytes it was worked out from. Replies longer than
/// `keyLimit`, and empty ones, are worked out every time; a reply whose way another takes is
/// worked out again.
struct RecentReplies: Sendable {
    /// The longest reply remembered: a multi-line Gmail or Outlook refusal fits.
    static let keyLimit = 512
    static let wayBits = 8

    /// `keyLimit` bytes per way; read only below the way's length.
    private var bytes: [UInt8]
    /// Byte length of each way's reply; -1 for an empty way.
    private var lengths: [Int32]
    private var values: [UInt64]

    init() {
        // A way's bytes and value are read only once its length is set, which writes them too.
        bytes = .unwritten(count: (1 << Self.wayBits) * Self.keyLimit)
        lengths = Array(repeating: -1, count: 1 << Self.wayBits)
        values = .unwritten(count: 1 << Self.wayBits)
    }

    /// The value remembered for exactly the bytes of `reply`, and the way where `remember`
    /// keeps a value worked out for it (-1: a reply never remembered, too long or empty).
    @inline(__always)
    func lookup(_ reply: UnsafeBufferPointer<UInt8>) -> (value: UInt64?, way: Int) {
        let count = reply.count
        guard count > 0, count <= Self.keyLimit, let base = reply.baseAddress else {
            return (nil, -1)
        }
        let first = ByteScan.word(base, count: count, from: 0)
        let middle = ByteScan.word(base, count: count, from: count >> 1)
        let last = count > 8 ? ByteScan.word(base + count - 8, 0) : first
        let hash = ByteScan.fold(
            ByteScan.fold((first &* 0x9E37_79B9_7F4A_7C15) ^ middle) ^ last
                ^ UInt64(truncatingIfNeeded: count))
        let way = Int(truncatingIfNeeded: hash >> UInt64(64 - Self.wayBits))
        guard lengths[way] == Int32(truncatingIfNeeded: count) else { return (nil, way) }
        let same = bytes.withUnsafeBufferPointer { kept in
            let start = kept.baseAddress! + way * Self.keyLimit
            var offset = 0
            while offset + 8 <= count {
                if ByteScan.word(start, offset) != ByteScan.word(base, offset) { return false }
                offset += 8
            }
            while offset < count {
                if start[offset] != base[offset] { return false }
                offset += 1
            }
            return true
        }
        return same ? (values[way], way) : (nil, way)
    }

    /// Keeps `value` for `reply` in `way`, as `lookup` gave it.
    @inline(__always)
    mutating func remember(_ value: UInt64, for reply: UnsafeBufferPointer<UInt8>, in way: Int) {
        guard way >= 0 else { return }
        let count = reply.count
        let start = way * Self.keyLimit
        bytes.withUnsafeMutableBufferPointer { kept in
            _ = UnsafeMutableBufferPointer(rebasing: kept[start..<start + count])
                .update(fromContentsOf: reply)
        }
        lengths[way] = Int32(truncatingIfNeeded: count)
        values[way] = value
    }
}
