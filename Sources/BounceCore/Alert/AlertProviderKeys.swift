/// The group values and hashes of each provider name the engine has seen, worked out once per
/// name rather than once per delivery.
///
/// Provider names come from the provider table (a few dozen), so the list stays short; past
/// `limit` names a key is still made, just not kept. A group made from a key holds the key's
/// own label strings, so confirming a hash match compares a string with itself.
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
    /// their length alone, so few string comparisons are made per delivery.
    private var lengths: [Int] = []

    /// Where the last name asked for was found: deliveries to one provider come in runs.
    private var last = 0

    /// The key of a non-empty provider name.
    mutating func key(for name: String) -> Key {
        let length = name.utf8.count
        if last < keys.count, lengths[last] == length, keys[last].name == name { return keys[last] }
        for index in lengths.indices where lengths[index] == length && keys[index].name == name {
            last = index
            return keys[index]
        }
        let key = Key(name)
        if keys.count < Self.limit {
            keys.append(key)
            lengths.append(length)
        }
        return key
    }
}
