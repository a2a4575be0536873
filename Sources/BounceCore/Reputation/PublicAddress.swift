/// Whether an address can be seen from the Internet, and so can be on a block list: not
/// private, loopback, link-local, shared (CGNAT), documentation, multicast or unique-local.
public enum PublicAddress {
    /// The targets among `addresses` (4 or 16 bytes each) that are public, duplicates dropped.
    public static func targets(_ addresses: [[UInt8]]) -> [ListingTarget] {
        var targets: [ListingTarget] = []
        for address in addresses where isPublic(address) {
            let target: ListingTarget = address.count == 4 ? .ipv4(address) : .ipv6(address)
            if !targets.contains(target) { targets.append(target) }
        }
        return targets
    }

    public static func isPublic(_ address: [UInt8]) -> Bool {
        switch address.count {
        case 4:
            let (a, b) = (address[0], address[1])
            if a == 0 || a == 10 || a == 127 || a >= 224 { return false }
            if a == 100 && (64...127).contains(b) { return false }
            if a == 169 && b == 254 { return false }
            if a == 172 && (16...31).contains(b) { return false }
            if a == 192 && b == 168 { return false }
            if a == 192 && b == 0 && (address[2] == 0 || address[2] == 2) { return false }
            if a == 198 && (b == 18 || b == 19) { return false }
            if a == 198 && b == 51 && address[2] == 100 { return false }
            if a == 203 && b == 0 && address[2] == 113 { return false }
            return true
        case 16:
            // Only global unicast (2000::/3), less documentation (2001:db8::/32).
            guard address[0] & 0xE0 == 0x20 else { return false }
            if address[0] == 0x20, address[1] == 0x01, address[2] == 0x0D, address[3] == 0xB8 {
                return false
            }
            return true
        default:
            return false
        }
    }
}
