/// Decides the provider of deliveries like `ProviderTable.decide`, remembering the verdict of
/// each relay host name it has seen.
///
/// Why: a server's deliveries go to a few hundred relays again and again (Gmail's and
/// Outlook's MX hosts carry most of them), and the suffix lookup over a relay's name, label by
/// label, is most of what deciding a provider costs. A direct-mapped cache of recent names,
/// compared eight bytes at a time, answers a relay seen before in a few dozen instructions.
/// The verdict is the table's own, so the result is always the same as without the cache.
///
/// Bounded: `slotCount` names of at most `keyWords * 8` bytes (longer ones are looked up each
/// time); a name whose slot another name takes is simply looked up again.
public struct ProviderDecider: Sendable {
    /// The providers decided from.
    public let table: ProviderTable

    static let slotBits = 12
    static let slotCount = 1 << slotBits
    /// Words of a remembered name: host names up to 48 bytes, which covers the MX hosts of
    /// every large provider.
    static let keyWords = 6

    /// The names, `keyWords` zero-padded words per slot.
    private var keys: [UInt64]
    /// Byte length of each slot's name; 0 for an empty slot.
    private var lengths: [UInt8]
    /// The provider index each slot's name decides, or -1 for none.
    private var verdicts: [Int32]

    public init(_ table: ProviderTable) {
        self.table = table
        keys = Array(repeating: 0, count: Self.slotCount * Self.keyWords)
        lengths = Array(repeating: 0, count: Self.slotCount)
        verdicts = Array(repeating: -1, count: Self.slotCount)
    }

    /// The provider of `event`, whose byte ranges point into `line`, and what decided it: the
    /// same as `table.decide(event, in: line)`.
    public mutating func decide(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>)
        -> ProviderMatch?
    {
        let relay =
            event.relay.isEmpty
            ? nil : provider(ofRelay: ProviderTable.hostName(event.relay, in: line))
        return table.decide(event, in: line, relayProvider: relay)
    }

    /// The provider the relay host `name` decides, from the cache when it was seen lately.
    mutating func provider(ofRelay name: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = name.count
        guard count > 0, count <= Self.keyWords * 8, let base = name.baseAddress else {
            return table.relayProvider(ofHost: name)
        }
        let wordCount = (count + 7) >> 3
        var hash = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        for index in 0..<wordCount {
            hash = ByteScan.fold(hash ^ ByteScan.word(base, count: count, from: index << 3))
        }
        let slot = Int(truncatingIfNeeded: hash >> UInt64(64 - Self.slotBits))
        let first = slot * Self.keyWords
        if lengths[slot] == UInt8(truncatingIfNeeded: count) {
            var same = true
            for index in 0..<wordCount
            where keys[first + index] != ByteScan.word(base, count: count, from: index << 3) {
                same = false
                break
            }
            if same { return verdicts[slot] < 0 ? nil : Int(verdicts[slot]) }
        }
        let verdict = table.relayProvider(ofHost: name)
        for index in 0..<Self.keyWords {
            keys[first + index] =
                index < wordCount ? ByteScan.word(base, count: count, from: index << 3) : 0
        }
        lengths[slot] = UInt8(truncatingIfNeeded: count)
        verdicts[slot] = verdict.map { Int32(truncatingIfNeeded: $0) } ?? -1
        return verdict
    }
}
