/// A standard DNS query for the `A` records of one name (RFC 1035 §4.1), built here so that
/// the resolver library only carries bytes.
public enum DNSQueryPacket {
    /// The query for `name` (lower case, no trailing dot, valid labels), with recursion
    /// desired; nil when the name cannot be written as labels. The id is left 0: the resolver
    /// library sets a random one and checks it in the answer.
    public static func a(_ name: String) -> [UInt8]? {
        guard DomainNameText.isValid(name) else { return nil }
        var packet: [UInt8] = [0, 0, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        for label in name.utf8.split(separator: UInt8(ascii: ".")) {
            packet.append(UInt8(label.count))
            packet.append(contentsOf: label)
        }
        packet.append(0)
        packet.append(contentsOf: [0, DNSResponse.typeA, 0, DNSResponse.classIN])
        return packet
    }
}
