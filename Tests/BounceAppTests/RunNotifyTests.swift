import Foundation
import Testing

/// `sd_notify` from the real binary, received on a Unix datagram socket the test binds as
/// `NOTIFY_SOCKET`, the way systemd does for a `Type=notify` unit.
@Suite struct RunNotifyTests {
    @Test func readyStatusWatchdogAndStopping() throws {
        let fixture = try RunDaemonFixture()
        try fixture.writeConfiguration(logs: ["mail.log"])
        try fixture.append("mail.log", 12)
        let socket = try NotifySocket(path: fixture.directory.path("notify"))
        let daemon = try RunDaemonProcess(
            fixture,
            environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "300000"])
        var messages: [String] = []
        let deadline = Date().addingTimeInterval(20)
        func seen(_ prefix: String) -> Bool {
            messages.contains { $0.split(separator: "\n").contains { $0.hasPrefix(prefix) } }
        }
        while Date() < deadline, !(seen("READY=1") && seen("STATUS=") && seen("WATCHDOG=1")) {
            if let message = socket.receive() { messages.append(message) }
        }
        #expect(seen("READY=1"), "\(messages)")
        #expect(seen("WATCHDOG=1"), "\(messages)")
        let status = messages.first { $0.hasPrefix("STATUS=") }
        #expect(status?.contains("lines/s") == true, "\(messages)")
        #expect(status?.contains("12 lines") == true, "\(messages)")
        // READY comes first: the checkpoint is loaded and the sources are open by then.
        #expect(messages.first == "READY=1", "\(messages)")

        daemon.send(SIGTERM)
        while Date() < deadline, !seen("STOPPING=1") {
            if let message = socket.receive() { messages.append(message) }
        }
        #expect(seen("STOPPING=1"), "\(messages)")
        #expect(daemon.waitForExit() == 0)
    }
}

/// A bound `AF_UNIX` datagram socket with a short receive timeout.
final class NotifySocket {
    let path: String
    private let descriptor: Int32

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw POSIXError(.ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(
            descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// One datagram, or nil after the timeout.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let got = recv(descriptor, &buffer, buffer.count, 0)
        guard got > 0 else { return nil }
        return String(decoding: buffer[..<got], as: UTF8.self)
    }
}
