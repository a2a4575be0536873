/// The group values and hashes of each provider name the engine has seen, worked out once per
/// name rather than once per delivery.
///
/// Provider names come from the provider table (a few dozen), so the list stays short; past
/// `limit` names a key is still made, just not kept. A group made from a key holds the key's
/// own label strings, so confirming a hash match compares a string with itself.
struct AlertProviderKeys: Sendable {
    /// One provider's values, cut to `AlertLimits.textBytes` as group values are.
    struct Key: Sendable {
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

    /// The key of a non-empty provider name.
    mutating func key(for name: String) -> Key {
        for key in keys where key.name == name { return key }
        let key = Key(name)
        if keys.count < Self.limit { keys.append(key) }
        return key
    }
}
