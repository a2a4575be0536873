/// Something of ours that a block list may name: an IPv4 or IPv6 address, or a sending domain.
public enum ListingTarget: Sendable, Hashable, CustomStringConvertible {
    case ipv4([UInt8])
    case ipv6([UInt8])
    case domain(String)

    /// Reads an address in dotted-quad or RFC 4291 text form, or a domain name; nil for
    /// anything else (a list of our own is checked, never a guess).
    public init?(_ text: String) {
        if let bytes = IPAddressText.ipv4(text) {
            self = .ipv4(bytes)
        } else if let bytes = IPAddressText.ipv6(text) {
            self = .ipv6(bytes)
        } else if let domain = DomainNameText.normalized(text) {
            self = .domain(domain)
        } else {
            return nil
        }
    }

    /// Whether lists of IP addresses (as opposed to domain lists) answer for it.
    public var isAddress: Bool {
        if case .domain = self { return false }
        return true
    }

    /// The labels that go in front of a list's zone: the octets of an IPv4 address in reverse
    /// order, the 32 nibbles of an IPv6 address in reverse order (RFC 5782 §2.4), or the
    /// domain itself.
    public var queryPrefix: String {
        switch self {
        case .ipv4(let bytes):
            return bytes.reversed().map { String($0) }.joined(separator: ".")
        case .ipv6(let bytes):
            let digits = Array("0123456789abcdef")
            var labels: [Character] = []
            labels.reserveCapacity(32)
            for byte in bytes.reversed() {
                labels.append(digits[Int(byte & 0x0F)])
                labels.append(digits[Int(byte >> 4)])
            }
            return labels.map { String($0) }.joined(separator: ".")
        case .domain(let name):
            return name
        }
    }

    /// The canonical text: dotted quad, RFC 5952 IPv6, or the lower-case domain.
    public var description: String {
        switch self {
        case .ipv4(let bytes): return bytes.map { String($0) }.joined(separator: ".")
        case .ipv6(let bytes): return IPAddressText.text(ipv6: bytes)
        case .domain(let name): return name
        }
    }
}
