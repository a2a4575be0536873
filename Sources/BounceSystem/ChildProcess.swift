#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program with posix_spawn (an argv, never a shell), feeds it bytes on standard input
/// and collects its standard output and error, all within a deadline.
///
/// Standard input is a socket pair rather than a pipe so that writing to a program that has
/// already exited fails with `EPIPE` instead of raising `SIGPIPE` in the daemon; the output
/// side is one too, for its atomic close-on-exec flag.
public enum ChildProcess {
    /// How a run ended.
    public struct Outcome: Sendable {
        /// The wait status of the program, or nil when the deadline passed or the run was
        /// cancelled first (the program was then killed).
        public var status: Int32?
        /// Standard output and error together, at most `outputLimit` bytes.
        public var output: [UInt8]
        /// How many bytes of standard input the program read.
        public var written: Int

        /// The exit status, or nil when a signal ended the program.
        public var exitStatus: Int32? {
            status.flatMap { $0 & 0x7F == 0 ? ($0 >> 8) & 0xFF : nil }
        }
        /// The signal that ended the program, or nil when it exited.
        public var signal: Int32? { status.flatMap { $0 & 0x7F == 0 ? nil : $0 & 0x7F } }
    }

    /// Why the program could not be started.
    public enum Failure: Error, Sendable {
        /// A system call failed before the program was spawned.
        case system(SystemError)
        /// posix_spawn refused: the reason, as the system words it.
        case spawn(String)
    }

    /// Runs `path` with `arguments`, writes `input` to it and waits until `deadline`
    /// (`Clocks.monotonicSeconds()`) or until `isCancelled` says to stop, when it is killed.
    public static func run(
        _ path: String, arguments: [String], input: [UInt8], deadline: Double, outputLimit: Int,
        isCancelled: () -> Bool
    ) throws(Failure) -> Outcome {
        var inputPair: [Int32] = [-1, -1]
        guard socketPair(&inputPair) else { throw .system(.last("socketpair")) }
        var outputPair: [Int32] = [-1, -1]
        guard socketPair(&outputPair) else {
            let failure = SystemError.last("socketpair")
            close(inputPair[0])
            close(inputPair[1])
            throw .system(failure)
        }
        let pid: pid_t
        do {
            pid = try spawn(path, arguments, stdin: inputPair[1], output: outputPair[1])
        } catch {
            for descriptor in inputPair + outputPair { close(descriptor) }
            throw error
        }
        close(inputPair[1])
        close(outputPair[1])
        defer {
            close(inputPair[0])
            close(outputPair[0])
        }
        var exchange = ChildExchange(
            input: input, socket: inputPair[0], output: outputPair[0], outputLimit: outputLimit)
        let finished = exchange.run(until: deadline, isCancelled: isCancelled)
        guard finished, let status = reap(pid, until: deadline, isCancelled: isCancelled) else {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return Outcome(status: nil, output: exchange.collected, written: exchange.written)
        }
        return Outcome(status: status, output: exchange.collected, written: exchange.written)
    }

    /// A close-on-exec socket pair, created atomically so no program spawned meanwhile by
    /// another thread inherits it.
    private static func socketPair(_ pair: inout [Int32]) -> Bool {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        return socketpair(AF_UNIX, type, 0, &pair) == 0
    }

    private static func spawn(_ path: String, _ arguments: [String], stdin: Int32, output: Int32)
        throws(Failure) -> pid_t
    {
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
        var result = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        // ETXTBSY: the program is still open for writing somewhere, most often in a child that
        // another thread forked while the file was being written and that has not yet reached
        // its exec. That lasts moments; an immediate failure would lose the notice for nothing.
        var tries = 1
        while result == ETXTBSY && tries < 50 {
            usleep(10_000)
            tries += 1
            result = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        }
        guard result == 0 else { throw .spawn(String(cString: strerror(result))) }
        return pid
    }

    /// Waits for the program to exit; nil when the deadline passed or the run was cancelled
    /// first.
    private static func reap(_ pid: pid_t, until deadline: Double, isCancelled: () -> Bool)
        -> Int32?
    {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return status }
            if result < 0 && errno != EINTR { return 0 }
            if Clocks.monotonicSeconds() >= deadline || isCancelled() { return nil }
            usleep(5000)
        }
    }
}
