#if canImport(Glibc)
    import Glibc
#endif

/// A client connection to a local stream socket (Postfix's `public/showq`), read to its end.
public enum UnixStreamSocket {
    /// Connects to the socket at `path`, then hands every piece read to `receive` until the
    /// server closes the connection. A read waits at most `timeoutSeconds`; `receive` returns
    /// false to stop early.
    public static func readAll(
        _ path: String, timeoutSeconds: Int = 30, receive: (UnsafeBufferPointer<UInt8>) -> Bool
    ) throws(SystemError) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let bytes = Array(path.utf8)
        guard bytes.count < capacity else {
            throw SystemError("cannot connect to \(path): the path is too long", code: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let descriptor = socket(
            AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .last("cannot create a socket for \(path)") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        _ = setsockopt(
            descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw .last("cannot connect to \(path)") }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress, $0.count, 0)
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                throw SystemError(
                    "no answer from \(path) within \(timeoutSeconds) s", code: ETIMEDOUT)
            }
            guard count >= 0 else { throw .last("cannot read from \(path)") }
            if count == 0 { return }
            let more = chunk.withUnsafeBufferPointer {
                receive(UnsafeBufferPointer(rebasing: $0[0..<count]))
            }
            if !more { return }
        }
    }
}
