#if canImport(Glibc)
    import Glibc
#endif

/// Writing a child's standard input and reading its output at the same time, so that neither
/// side blocks on a full buffer.
struct ChildExchange {
    let input: [UInt8]
    let socket: Int32
    let output: Int32
    let outputLimit: Int
    var written = 0
    var inputOpen = true
    var collected: [UInt8] = []

    init(input: [UInt8], socket: Int32, output: Int32, outputLimit: Int) {
        self.input = input
        self.socket = socket
        self.output = output
        self.outputLimit = outputLimit
        _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
        _ = fcntl(output, F_SETFL, fcntl(output, F_GETFL) | O_NONBLOCK)
        if input.isEmpty { closeInput() }
    }

    /// True when the program closed its output (normally: it exited).
    mutating func run(until deadline: Double, isCancelled: () -> Bool) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let remaining = deadline - Clocks.monotonicSeconds()
            if remaining <= 0 || isCancelled() { return false }
            var fds = [pollfd(fd: output, events: Int16(POLLIN), revents: 0)]
            if inputOpen { fds.append(pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)) }
            let wait = Int32(min(remaining, 0.2) * 1000) + 1
            if poll(&fds, nfds_t(fds.count), wait) < 0 && errno != EINTR { return false }
            if inputOpen && fds.count > 1 && fds[1].revents != 0 { writeInput() }
            if fds[0].revents != 0 {
                let count = read(output, &buffer, buffer.count)
                if count == 0 { return true }
                if count > 0 {
                    let room = outputLimit - collected.count
                    if room > 0 { collected.append(contentsOf: buffer[0..<min(room, count)]) }
                } else if errno != EAGAIN && errno != EINTR {
                    return true
                }
            }
        }
    }

    private mutating func writeInput() {
        let count = input.withUnsafeBytes { bytes in
            send(socket, bytes.baseAddress! + written, bytes.count - written, Int32(MSG_NOSIGNAL))
        }
        if count > 0 {
            written += count
            if written == input.count { closeInput() }
        } else if count < 0 && errno != EAGAIN && errno != EINTR {
            // EPIPE or ECONNRESET: the program stopped reading; its exit status tells why.
            closeInput()
        }
    }

    private mutating func closeInput() {
        inputOpen = false
        shutdown(socket, Int32(SHUT_WR))
    }
}
