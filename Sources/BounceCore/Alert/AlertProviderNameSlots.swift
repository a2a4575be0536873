/// Kept provider keys found by the two machine words of their name's `String`, without reading
/// its text: a direct-mapped table, one key per slot, the later of two that share a slot
/// replacing the earlier.
///
/// Two strings with the same words hold the same text: a small string's words are its bytes,
/// and a larger one's name the storage it points to, which no other live string shares. A
/// slot is therefore filled only with the words of the string the key itself holds (so the
/// storage cannot be freed and reused while the slot names it), and a name whose words are
/// not there is looked for by its text (`AlertProviderKeys.key(for:)`).
struct AlertProviderNameSlots: Sendable {
    private struct Slot: @unchecked Sendable {
        var low: UInt64
        var high: UInt64
        /// Held alive by `AlertProviderKeys.keys`, which only grows.
        var key: Unmanaged<AlertProviderKeys.Key>?
    }

    /// A power of two, at least the kept keys' `AlertProviderKeys.limit` / 2.
    private static let count = 32

    private var slots = [Slot](
        repeating: Slot(low: 0, high: 0, key: nil), count: AlertProviderNameSlots.count)

    /// The key remembered for `name`'s words, if any.
    @inline(__always)
    func key(for name: String) -> Unmanaged<AlertProviderKeys.Key>? {
        let (low, high) = Self.words(of: name)
        let slot = slots[Self.slot(low, high)]
        guard slot.low == low, slot.high == high else { return nil }
        return slot.key
    }

    /// Remembers `key` (kept for as long as this table is used) when `name` is the very string
    /// it holds: same words. Otherwise (an equal text in other storage) nothing changes.
    mutating func remember(_ key: AlertProviderKeys.Key, ifNamed name: String) {
        let (low, high) = Self.words(of: key.name)
        guard (low, high) == Self.words(of: name) else { return }
        slots[Self.slot(low, high)] = Slot(low: low, high: high, key: .passUnretained(key))
    }

    /// A string's two words, as they are stored.
    @inline(__always)
    private static func words(of name: String) -> (UInt64, UInt64) {
        unsafeBitCast(name, to: (UInt64, UInt64).self)
    }

    @inline(__always)
    private static func slot(_ low: UInt64, _ high: UInt64) -> Int {
        let mixed = (low ^ (high &* 0x9e37_79b9_7f4a_7c15)) &* 0xff51_afd7_ed55_8ccd
        return Int(truncatingIfNeeded: mixed >> 59) & (count - 1)
    }
}
