import BounceSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program with posix_spawn (an argv, never a shell), feeds it bytes on standard input
/// and collects its standard output and error, all within a deadline.
///
/// Standard input is a socket pair rather than a pipe so that writing to a program that has
/// already exited fails with `EPIPE` instead of raising `SIGPIPE` in the daemon; the output
/// side is one too, for its atomic close-on-exec flag.
struct ProgramRunner {
    /// How a finished program ended.
    struct Outcome {
        /// The exit status, or nil when a signal ended it.
        var exitStatus: Int32?
        var signal: Int32?
        /// Standard output and error together, at most `outputLimit` bytes.
        var output: [UInt8]
        /// Whether the program read all of standard input before it ended.
        var consumedInput: Bool
    }

    /// Most bytes of output kept.
    static let outputLimit = 2048

    var path: String
    var arguments: [String]
    var timeoutSeconds: Int

    func run(input: [UInt8], cancellation: DeliveryCancellation? = nil) throws(DeliveryError)
        -> Outcome
    {
        var inputPair: [Int32] = [-1, -1]
        guard Self.socketPair(&inputPair) else { throw systemError("socketpair") }
        var outputPipe: [Int32] = [-1, -1]
        guard Self.socketPair(&outputPipe) else {
            close(inputPair[0])
            close(inputPair[1])
            throw systemError("socketpair")
        }
        let pid: pid_t
        do {
            pid = try spawn(stdin: inputPair[1], output: outputPipe[1])
        } catch {
            for descriptor in inputPair + outputPipe { close(descriptor) }
            throw error
        }
        close(inputPair[1])
        close(outputPipe[1])
        defer {
            close(inputPair[0])
            close(outputPipe[0])
        }
        let deadline = Clocks.monotonicSeconds() + Double(timeoutSeconds)
        var exchange = Exchange(input: input, socket: inputPair[0], output: outputPipe[0])
        let finished = exchange.run(until: deadline, cancellation: cancellation)
        guard finished, let status = reap(pid, until: deadline, cancellation: cancellation) else {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            if cancellation?.isCancelled == true {
                throw DeliveryError("\(path): killed because bouncewatch is stopping")
            }
            throw DeliveryError(
                "\(path): no answer within \(timeoutSeconds) s, killed"
                    + Self.outputSuffix(exchange.collected))
        }
        let signalled = status & 0x7F
        return Outcome(
            exitStatus: signalled == 0 ? (status >> 8) & 0xFF : nil,
            signal: signalled == 0 ? nil : signalled, output: exchange.collected,
            consumedInput: exchange.written == input.count)
    }

    /// `; output: ...` for an error message, or nothing when the program printed nothing.
    static func outputSuffix(_ output: [UInt8]) -> String {
        let text = TextSanitizer.line(output)
        return text.isEmpty ? "" : "; output: \(text)"
    }

    /// A close-on-exec socket pair, created atomically so no program spawned meanwhile by
    /// another thread inherits it.
    private static func socketPair(_ pair: inout [Int32]) -> Bool {
        #if canImport(Glibc)
            let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let type = SOCK_STREAM
        #endif
        return socketpair(AF_UNIX, type, 0, &pair) == 0
    }

    private func spawn(stdin: Int32, output: Int32) throws(DeliveryError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with no blocked signals and SIGPIPE at its default, whatever the
        // daemon set for itself.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw DeliveryError("cannot start \(path): " + String(cString: strerror(result)))
        }
        return pid
    }

    /// Waits for the program to exit; nil when the deadline passed or the delivery was
    /// cancelled first.
    private func reap(_ pid: pid_t, until deadline: Double, cancellation: DeliveryCancellation?)
        -> Int32?
    {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return status }
            if result < 0 && errno != EINTR { return 0 }
            if Clocks.monotonicSeconds() >= deadline || cancellation?.isCancelled == true {
                return nil
            }
            usleep(5000)
        }
    }

    private func systemError(_ call: String) -> DeliveryError {
        DeliveryError("cannot run \(path): \(call): " + String(cString: strerror(errno)))
    }
}

/// Writing standard input and reading output at the same time, so that neither side blocks
/// on a full buffer.
private struct Exchange {
    let input: [UInt8]
    let socket: Int32
    let output: Int32
    var written = 0
    var inputOpen = true
    var collected: [UInt8] = []

    init(input: [UInt8], socket: Int32, output: Int32) {
        self.input = input
        self.socket = socket
        self.output = output
        _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
        _ = fcntl(output, F_SETFL, fcntl(output, F_GETFL) | O_NONBLOCK)
        if input.isEmpty { closeInput() }
    }

    /// True when the program closed its output (normally: it exited).
    mutating func run(until deadline: Double, cancellation: DeliveryCancellation?) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let remaining = deadline - Clocks.monotonicSeconds()
            if remaining <= 0 || cancellation?.isCancelled == true { return false }
            var fds = [pollfd(fd: output, events: Int16(POLLIN), revents: 0)]
            if inputOpen { fds.append(pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)) }
            let wait = Int32(min(remaining, 0.2) * 1000) + 1
            if poll(&fds, nfds_t(fds.count), wait) < 0 && errno != EINTR { return false }
            if inputOpen && fds.count > 1 && fds[1].revents != 0 { writeInput() }
            if fds[0].revents != 0 {
                let count = read(output, &buffer, buffer.count)
                if count == 0 { return true }
                if count > 0 {
                    let room = ProgramRunner.outputLimit - collected.count
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
