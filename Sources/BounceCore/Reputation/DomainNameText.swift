/// Host and domain names as DNS carries them: letters, digits, hyphens and underscores in
/// labels of 1 to 63 bytes, 253 bytes in all.
public enum DomainNameText {
    /// The name in lower case without a trailing dot; nil when it is not a DNS name of at least
    /// two labels, or when it is all digits and dots (an address, not a name).
    public static func normalized(_ text: String) -> String? {
        var name = text.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard isValid(name, minimumLabels: 2) else { return nil }
        if name.utf8.allSatisfy({ $0 == UInt8(ascii: ".") || ($0 >= 0x30 && $0 <= 0x39) }) {
            return nil
        }
        return name
    }

    /// Whether `name` (lower case, no trailing dot) has only valid labels.
    public static func isValid(_ name: String, minimumLabels: Int = 1) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        let labels = name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= minimumLabels else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != UInt8(ascii: "-")
                && label.last != UInt8(ascii: "-")
                && label.allSatisfy { byte in
                    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                }
        }
    }
}
