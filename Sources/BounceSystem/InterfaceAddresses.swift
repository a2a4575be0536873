#if canImport(Glibc)
    import Glibc
#endif

/// The addresses of this machine's network interfaces (`getifaddrs(3)`).
public enum InterfaceAddresses {
    /// Every IPv4 address (4 bytes) and IPv6 address (16 bytes) of an interface that is up.
    public static func all() -> [[UInt8]] {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var addresses: [[UInt8]] = []
        var next = first
        while let entry = next {
            next = entry.pointee.ifa_next
            guard entry.pointee.ifa_flags & UInt32(IFF_UP) != 0,
                let address = entry.pointee.ifa_addr
            else { continue }
            switch Int32(address.pointee.sa_family) {
            case AF_INET:
                address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ipv4 in
                    withUnsafeBytes(of: ipv4.pointee.sin_addr) { addresses.append(Array($0)) }
                }
            case AF_INET6:
                address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { ipv6 in
                    withUnsafeBytes(of: ipv6.pointee.sin6_addr) { addresses.append(Array($0)) }
                }
            default:
                continue
            }
        }
        return addresses
    }
}
