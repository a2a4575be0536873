import BounceCore
import CAres

#if canImport(Glibc)
    import Glibc
#endif

/// DNS queries through c-ares, a stub-resolver library: the only place bouncewatch talks DNS.
///
/// c-ares is used rather than glibc's `res_nquery` because it reports SERVFAIL, REFUSED,
/// timeouts and unreachable servers apart (glibc folds them into `TRY_AGAIN`), takes a server
/// with a port (`127.0.0.1:5353`), and runs many queries at once on one thread with a timeout
/// and retries per query. It only carries bytes: the queries are built and the answers read in
/// `BounceCore` (`DNSQueryPacket`, `DNSResponse`), which checks every byte.
///
/// Every call blocks until each query has an answer or has timed out (`timeout` × `tries` at
/// most), so it runs on a thread of its own, never on the line-reading path.
public enum DNSLookup {
    /// Why the library could not even start.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    private static let initialized: Int32 = ares_library_init(ARES_LIB_INIT_ALL)

    /// Sends every packet (a query from `DNSQueryPacket`) to `server`, or to the servers of
    /// /etc/resolv.conf when nil, and returns one outcome per packet, in order.
    public static func run(
        _ packets: [[UInt8]], server: ResolverAddress?, timeoutMilliseconds: Int, tries: Int
    ) throws(Failure) -> [DNSTransportOutcome] {
        guard initialized == ARES_SUCCESS else { throw Failure(description: message(initialized)) }
        var options = ares_options()
        // Without NOCHECKRESP, c-ares hides SERVFAIL and REFUSED behind a generic error.
        options.flags = ARES_FLAG_NOCHECKRESP
        options.timeout = Int32(clamping: timeoutMilliseconds)
        options.tries = Int32(clamping: tries)
        var channel: ares_channel?
        let mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES
        let status = ares_init_options(&channel, &options, Int32(mask))
        guard status == ARES_SUCCESS, let channel else {
            throw Failure(description: "cannot start the resolver: \(message(status))")
        }
        defer { ares_destroy(channel) }
        if let server {
            let set = ares_set_servers_ports_csv(channel, server.description)
            guard set == ARES_SUCCESS else {
                throw Failure(description: "cannot use the resolver \(server): \(message(set))")
            }
        }
        let collector = Collector(count: packets.count)
        for (index, packet) in packets.enumerated() {
            let slot = Unmanaged.passRetained(Slot(collector: collector, index: index)).toOpaque()
            packet.withUnsafeBufferPointer { buffer in
                ares_send(channel, buffer.baseAddress, Int32(buffer.count), answered, slot)
            }
        }
        while collector.pending > 0 {
            wait(channel)
        }
        return collector.outcomes.map { $0 ?? .failure("no outcome") }
    }

    private final class Collector {
        var outcomes: [DNSTransportOutcome?]
        var pending: Int

        init(count: Int) {
            outcomes = Array(repeating: nil, count: count)
            pending = count
        }
    }

    private final class Slot {
        let collector: Collector
        let index: Int

        init(collector: Collector, index: Int) {
            self.collector = collector
            self.index = index
        }
    }

    private static let answered: ares_callback = { argument, status, _, answer, length in
        let slot = Unmanaged<Slot>.fromOpaque(argument!).takeRetainedValue()
        let outcome: DNSTransportOutcome
        switch status {
        case ARES_SUCCESS:
            if let answer, length > 0 {
                outcome = .response(Array(UnsafeBufferPointer(start: answer, count: Int(length))))
            } else {
                outcome = .failure("empty response")
            }
        case ARES_ETIMEOUT: outcome = .timeout
        case ARES_ECONNREFUSED: outcome = .failure("connection refused")
        default: outcome = .failure(message(status))
        }
        if slot.collector.outcomes[slot.index] == nil { slot.collector.pending -= 1 }
        slot.collector.outcomes[slot.index] = outcome
    }

    /// Waits for the channel's sockets or its next timeout, then lets c-ares process them.
    private static func wait(_ channel: ares_channel) {
        var sockets = [ares_socket_t](repeating: -1, count: Int(ARES_GETSOCK_MAXNUM))
        let bits = ares_getsock(channel, &sockets, Int32(ARES_GETSOCK_MAXNUM))
        var descriptors: [pollfd] = []
        for index in 0..<Int(ARES_GETSOCK_MAXNUM) {
            let readable = bw_ares_readable(bits, Int32(index)) != 0
            let writable = bw_ares_writable(bits, Int32(index)) != 0
            guard readable || writable else { continue }
            let events = (readable ? Int16(POLLIN) : 0) | (writable ? Int16(POLLOUT) : 0)
            descriptors.append(pollfd(fd: sockets[index], events: events, revents: 0))
        }
        var limit = timeval()
        var milliseconds: Int32 = 1000
        if let next = ares_timeout(channel, nil, &limit) {
            milliseconds = Int32(clamping: next.pointee.tv_sec * 1000 + next.pointee.tv_usec / 1000)
        }
        let ready = poll(&descriptors, nfds_t(descriptors.count), max(milliseconds, 0))
        guard ready > 0 else {
            ares_process_fd(channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD)
            return
        }
        for descriptor in descriptors where descriptor.revents != 0 {
            let readable = descriptor.revents & Int16(POLLIN | POLLERR | POLLHUP) != 0
            let writable = descriptor.revents & Int16(POLLOUT) != 0
            ares_process_fd(
                channel, readable ? descriptor.fd : ARES_SOCKET_BAD,
                writable ? descriptor.fd : ARES_SOCKET_BAD)
        }
    }

    private static func message(_ status: Int32) -> String {
        String(cString: ares_strerror(status))
    }
}
