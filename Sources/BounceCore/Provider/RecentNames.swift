/// A direct-mapped memory of recent names (relay host names, recipient domains) as the log
/// wrote them, each with a value worked out from it: for a lookup that the same few hundred
/// names ask again and again and that costs more than comparing a name.
///
/// A way is chosen by a mix of the name's length and its first and last eight bytes (which
/// tell `mx1.`/`mx2.` and domains apart), and a hit compares the whole name word by word, so a
/// value is only ever replayed for the very bytes it was worked out from. Names longer than
/// `keyWords * 8` bytes, and empty ones, are worked out every time; a name whose way another
/// takes is worked out again. Not `Sendable`-sensitive: a value type, one per owner.
struct RecentNames: Sendable {
    /// Words of a remembered name: 48 bytes cover the MX hosts of every large provider and
    /// nearly every domain.
    static let keyWords = 6
    /// The longest name remembered.
    static let keyLimit = keyWords * 8

    private let wayBits: Int
    /// The names, `keyWords` zero-padded words per way.
    private var keys: [UInt64]
    /// Byte length of each way's name; 0 for an empty way.
    private var lengths: [UInt8]
    private var values: [UInt64]

    /// A memory of `1 << wayBits` names.
    init(wayBits: Int) {
        self.wayBits = wayBits
        // A way's name and value are read only once its length is set, which writes them too.
        keys = .unwritten(count: (1 << wayBits) * Self.keyWords)
        lengths = Array(repeating: 0, count: 1 << wayBits)
        values = .unwritten(count: 1 << wayBits)
    }

    /// The value remembered for exactly the bytes of `name`, and the way where `remember`
    /// keeps a value worked out for it (-1: a name never remembered, too long or empty).
    @inline(__always)
    func lookup(_ name: UnsafeBufferPointer<UInt8>) -> (value: UInt64?, way: Int) {
        let count = name.count
        guard count > 0, count <= Self.keyLimit, let base = name.baseAddress else {
            return (nil, -1)
        }
        let first = ByteScan.word(base, count: count, from: 0)
        let last = count > 8 ? ByteScan.word(base + count - 8, 0) : first
        let hash = ByteScan.fold(
            (first &* 0x9E37_79B9_7F4A_7C15) ^ last ^ UInt64(truncatingIfNeeded: count))
        let way = Int(truncatingIfNeeded: hash >> UInt64(64 - wayBits))
        let firstKey = way * Self.keyWords
        guard lengths[way] == UInt8(truncatingIfNeeded: count), keys[firstKey] == first else {
            return (nil, way)
        }
        let wordCount = (count + 7) >> 3
        var index = 1
        while index < wordCount {
            if keys[firstKey + index] != ByteScan.word(base, count: count, from: index << 3) {
                return (nil, way)
            }
            index += 1
        }
        return (values[way], way)
    }

    /// Keeps `value` for `name` in `way`, as `lookup` gave it.
    @inline(__always)
    mutating func remember(_ value: UInt64, for name: UnsafeBufferPointer<UInt8>, in way: Int) {
        guard way >= 0, let base = name.baseAddress else { return }
        let count = name.count
        let wordCount = (count + 7) >> 3
        let firstKey = way * Self.keyWords
        for index in 0..<Self.keyWords {
            keys[firstKey + index] =
                index < wordCount ? ByteScan.word(base, count: count, from: index << 3) : 0
        }
        lengths[way] = UInt8(truncatingIfNeeded: count)
        values[way] = value
    }
}
