/// A provider of the administrator's configuration (`providers:`): a new one, or more relay
/// suffixes and domains for a built-in one.
public struct ProviderSpec: Sendable, Equatable {
    /// The provider's id: lower-case letters, digits, `-` and `_`.
    public var name: String
    public var relaySuffixes: [String]
    public var domains: [String]

    public init(name: String, relaySuffixes: [String] = [], domains: [String] = []) {
        self.name = name
        self.relaySuffixes = relaySuffixes
        self.domains = domains
    }

    /// The most providers a configuration may add: each is a row in every report.
    public static let maximumCount = 64
    /// The most relay suffixes plus domains one provider may list.
    public static let maximumNames = 1000

    /// Why `name` cannot be a provider id, or nil when it can.
    public static func problem(withName name: String) -> String? {
        if name.isEmpty || name.utf8.count > 32 { return "a provider name has 1 to 32 characters" }
        if name == "other" { return "'other' is the row of deliveries without a provider" }
        let allowed = name.utf8.allSatisfy { byte in
            ByteScan.isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        return allowed ? nil : "a provider name has only lower-case letters, digits, '-' and '_'"
    }

    /// Why `name` cannot be a relay suffix or domain, or nil when it can: a DNS name of
    /// letters, digits, `-` and dots, with at least two labels.
    public static func problem(withHostName name: String) -> String? {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= NameIndex.nameLimit else {
            return "'\(name)' is not a host name"
        }
        let valid = bytes.allSatisfy { byte in
            ByteScan.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard valid, labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else {
            return "'\(name)' is not a host name with at least two labels (like example.com)"
        }
        return nil
    }
}
