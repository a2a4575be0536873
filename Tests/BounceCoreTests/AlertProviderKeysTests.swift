import Testing

@testable import BounceCore

/// `AlertProviderKeys` finds a name's key by the words of the string the key holds, else by
/// its text, and hands keys out unretained: held here to one key per text, the right values,
/// and keys that stay valid past the kept limit.
@Suite struct AlertProviderKeysTests {
    /// A string equal to `text` in storage of its own (a long one is not shared).
    static func copy(_ text: String) -> String {
        String(decoding: Array(text.utf8), as: UTF8.self)
    }

    static let names =
        (0..<40).map { "Provider number \($0) of a long table" } + [
            "Google", "Microsoft", "Yahoo", "QQ",
        ]

    @Test func oneKeyPerTextWhateverItsStorage() {
        var keys = AlertProviderKeys()
        var first: [String: ObjectIdentifier] = [:]
        for round in 0..<3 {
            for name in Self.names {
                let asked = round == 1 ? Self.copy(name) : name
                let key = keys.key(for: asked).takeUnretainedValue()
                #expect(key.name == name)
                if let known = first[name] {
                    #expect(ObjectIdentifier(key) == known, "\(name) round \(round)")
                } else {
                    first[name] = ObjectIdentifier(key)
                }
            }
        }
        #expect(Set(first.values).count == Self.names.count)
    }

    @Test func valuesAreTheNamesGroupValues() {
        var keys = AlertProviderKeys()
        for name in Self.names + [String(repeating: "x", count: 300)] {
            let key = keys.key(for: name).takeUnretainedValue()
            let label = UTF8Prefix.string(name, atMost: AlertLimits.textBytes)
            #expect(key.label == label)
            #expect(key.groupLabel == AlertRule.providerGroupPrefix + label)
            #expect(key.hash == AlertGroupHash.of(label))
            #expect(key.groupHash == AlertGroupHash.of(AlertRule.providerGroupPrefix + label))
        }
    }

    /// Past the limit a key is made and not kept; the one handed out still answers, and the
    /// kept ones are still found, by words and by text.
    @Test func namesPastTheLimit() {
        var keys = AlertProviderKeys()
        let names = (0..<(AlertProviderKeys.limit + 20)).map { "provider-\($0)-with-a-long-name" }
        var kept: [ObjectIdentifier] = []
        for name in names {
            let key = keys.key(for: name)
            #expect(key.takeUnretainedValue().name == name)
            if kept.count < AlertProviderKeys.limit {
                kept.append(ObjectIdentifier(key.takeUnretainedValue()))
            }
        }
        for (index, name) in names.prefix(AlertProviderKeys.limit).enumerated() {
            #expect(ObjectIdentifier(keys.key(for: name).takeUnretainedValue()) == kept[index])
            let again = keys.key(for: Self.copy(name)).takeUnretainedValue()
            #expect(ObjectIdentifier(again) == kept[index])
        }
        for name in names.dropFirst(AlertProviderKeys.limit) {
            #expect(keys.key(for: Self.copy(name)).takeUnretainedValue().name == name)
        }
    }
}
