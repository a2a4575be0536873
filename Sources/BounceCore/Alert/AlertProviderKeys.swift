/// The group values and hashes of each provider name the engine has seen, worked out once per
/// name rather than once per delivery.
///
/// Provider names come from the provider table (a few dozen), so the list stays short; past
/// `limit` names a key is still made, just not kept. A group made from a key holds the key's
/// own label strings, so confirming a hash match compares a string with itself.
///
/// Keys are handed out unretained: the engine asks for one per delivery, and a strong
/// reference cost a retain and a release each time. The caller uses it before asking again.
struct AlertProviderKeys: Sendable {
    /// One provider's values, cut to `AlertLimits.textBytes` as group values are. A class, so
    /// the per-event `AlertProbe` holds one reference rather than three strings and two hashes.
    final class Key: Sendable {
        /// The name as the provider table gives it (what `match` lists compare).
        let name: String
        /// The `provider` group value.
        let label: String
        /// The `provider_or_destination` group value: `AlertRule.providerGroupPrefix + label`.
        let groupLabel: String
        /// `AlertGroupHash.of` each.
        let hash: UInt64
        let groupHash: UInt64

        init(_ name: String) {
            self.name = name
            label = UTF8Prefix.string(name, atMost: AlertLimits.textBytes)
            groupLabel = AlertRule.providerGroupPrefix + label
            hash = AlertGroupHash.of(label)
            groupHash = AlertGroupHash.of(groupLabel)
        }
    }

    /// The most names kept.
    static let limit = 64

    private var keys: [Key] = []
    /// Each key's name length in UTF-8 bytes, in the same order: most names are told apart by
    /// their length alone, so few string comparisons are made when a name is looked for.
    private var lengths: [Int] = []
    /// The last key made past `limit`, kept until the next one so the reference handed out
    /// stays valid while it is used.
    private var unkept: Key?
    /// The kept keys by the two machine words of the strings they hold.
    private var known = AlertProviderNameSlots()

    /// The key of a non-empty provider name, valid until the next call (unretained: `keys`
    /// or `unkept` holds it).
    ///
    /// A name given as the very string a key holds (the provider table hands out the same
    /// string for each delivery) is found by its two words alone; any other is compared by
    /// its text.
    mutating func key(for name: String) -> Unmanaged<Key> {
        if let key = known.key(for: name) { return key }
        let length = name.utf8.count
        for index in lengths.indices where lengths[index] == length && keys[index].name == name {
            // Found again after another name took its slot: the slot is its own again.
            known.remember(keys[index], ifNamed: name)
            return Unmanaged.passUnretained(keys[index])
        }
        let key = Key(name)
        if keys.count < Self.limit {
            keys.append(key)
            lengths.append(length)
            known.remember(key, ifNamed: name)
        } else {
            unkept = key
        }
        return Unmanaged.passUnretained(key)
    }
}
