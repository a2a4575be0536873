/// A direct-mapped memory of which rule decided an event, keyed by everything
/// `Classifier.decide` reads once the reply has been scanned: the event's fields (the same
/// header words as `CachingClassifier`'s key, destination mask included), the reply code and
/// enhanced code the scan settled on, and the phrases found.
///
/// Why: replies that differ only in a per-line value (a recipient address, a client's IP, a
/// provider's session id) miss `CachingClassifier`'s memory, yet say the same thing; their
/// phrase scan must run, but the walk over the rules that follows can be remembered. The
/// verdict is then built from the remembered rule and this line's context, as `classify` does.
///
/// Bounded: `wayCount` decisions; a reply with more than `phraseLimit` phrases is decided each
/// time; a decision whose way another takes is worked out again.
struct RuleDecisions {
    static let wayBits = 9
    static let wayCount = 1 << wayBits
    static let keyWords = 8
    /// Phrases kept in a key: four 16-bit ids per word in two words.
    static let phraseLimit = 8

    /// A key: the header's four words, the reply code, the enhanced code, the phrase ids.
    typealias Key = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    private var keys: [UInt64]
    /// Each way's rule index; -1 for "no rule holds"; `empty` for a way never written.
    private var decided: [Int32]
    private static let empty = Int32.min

    init() {
        // A way's key is read only once its decision is written, which writes the key too.
        keys = .unwritten(count: Self.wayCount * Self.keyWords)
        decided = Array(repeating: Self.empty, count: Self.wayCount)
    }

    /// The key of `context` under `header`; nil when it has too many phrases or a code out of
    /// the packing's range.
    @inline(__always)
    static func key(_ header: (UInt64, UInt64, UInt64, UInt64), _ context: Context) -> Key? {
        guard context.replyCode >= 0, context.replyCode <= Int(UInt32.max) else { return nil }
        var phrases: (UInt64, UInt64) = (0, 0)
        var count = 0
        var fits = true
        context.phrases.forEach { id in
            guard count < phraseLimit else {
                fits = false
                return false
            }
            // Ids are below 2048: id + 1 is never 0, which marks an unused place.
            let place = UInt64(truncatingIfNeeded: id + 1) << UInt64((count & 3) << 4)
            if count < 4 { phrases.0 |= place } else { phrases.1 |= place }
            count += 1
            return true
        }
        guard fits else { return nil }
        return (
            header.0, header.1, header.2, header.3, UInt64(context.replyCode),
            CachingClassifier.pack(context.replyESC), phrases.0, phrases.1
        )
    }

    /// The rule remembered for `key` (`.some(nil)`: no rule held), and the way that keeps it.
    @inline(__always)
    func lookup(_ key: Key) -> (decided: Int??, way: Int) {
        var hash = key.0 &* 0x9E37_79B9_7F4A_7C15
        hash = ByteScan.fold(hash ^ key.1 ^ key.2 &* 31)
        hash = ByteScan.fold(hash ^ key.3 ^ key.4 &* 31)
        hash = ByteScan.fold(hash ^ key.5 ^ key.6 &* 31 ^ key.7 &* 1009)
        let way = Int(truncatingIfNeeded: hash >> UInt64(64 - Self.wayBits))
        let value = decided[way]
        guard value != Self.empty else { return (nil, way) }
        let first = way * Self.keyWords
        guard keys[first] == key.0, keys[first + 1] == key.1, keys[first + 2] == key.2,
            keys[first + 3] == key.3, keys[first + 4] == key.4, keys[first + 5] == key.5,
            keys[first + 6] == key.6, keys[first + 7] == key.7
        else { return (nil, way) }
        return (value < 0 ? .some(nil) : .some(Int(value)), way)
    }

    /// Keeps `rule` (nil: no rule held) for `key` in `way`.
    @inline(__always)
    mutating func remember(_ rule: Int?, for key: Key, in way: Int) {
        let first = way * Self.keyWords
        keys[first] = key.0
        keys[first + 1] = key.1
        keys[first + 2] = key.2
        keys[first + 3] = key.3
        keys[first + 4] = key.4
        keys[first + 5] = key.5
        keys[first + 6] = key.6
        keys[first + 7] = key.7
        decided[way] = rule.map { Int32(truncatingIfNeeded: $0) } ?? -1
    }
}
