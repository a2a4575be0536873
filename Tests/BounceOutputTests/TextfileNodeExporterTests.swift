import BounceCore
import Foundation
import Testing

@testable import BounceOutput

#if canImport(Glibc)
    import Glibc
#endif

/// A real node_exporter with only the textfile collector, on a free loopback port, stopped and
/// cleaned up when released.
final class NodeExporter {
    let directory: URL
    let port: UInt16
    private let process: Process
    private let log: URL

    init(executable: String) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("bouncewatch-textfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        log = directory.appendingPathComponent("exporter.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        port = try Loopback.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--collector.disable-defaults", "--collector.textfile",
            "--collector.textfile.directory=\(directory.appendingPathComponent("prom").path)",
            "--web.listen-address=127.0.0.1:\(port)",
        ]
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("prom"), withIntermediateDirectories: true)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `text` as `name` in the textfile directory the way the daemon does: a temporary
    /// file in the same directory, renamed into place.
    func publish(_ text: String, as name: String) throws {
        let prom = directory.appendingPathComponent("prom")
        let temporary = prom.appendingPathComponent(".\(name).tmp")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, prom.appendingPathComponent(name).path) == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// `/metrics` once the exporter answers, trying for at most `seconds`.
    func scrape(within seconds: Double = 15) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let body = try? Loopback.get(port: port, path: "/metrics") { return body }
            guard process.isRunning, Date() < deadline else {
                let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw Loopback.Failure(
                    reason: "node_exporter did not answer on 127.0.0.1:\(port): \(said)")
            }
            usleep(50_000)
        }
    }
}

/// Plain sockets on 127.0.0.1: a free port, and an HTTP/1.0 GET.
enum Loopback {
    struct Failure: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(reason: "socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0
                    && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw Failure(reason: "bind: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// The body of `GET path`, or a thrown failure when nothing answers or the status is not 200.
    static func get(port: UInt16, path: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(reason: "socket: errno \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw Failure(reason: "connect: errno \(errno)") }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard write(fd, request, request.count) == request.count else {
            throw Failure(reason: "write: errno \(errno)")
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            guard count >= 0 else { throw Failure(reason: "read: errno \(errno)") }
            if count == 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: response, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else {
            throw Failure(reason: "no HTTP header in the answer")
        }
        guard text.hasPrefix("HTTP/1.0 200") || text.hasPrefix("HTTP/1.1 200") else {
            throw Failure(reason: "HTTP status \(text.prefix(while: { $0 != "\r" }))")
        }
        return String(text[split.upperBound...])
    }
}

@Suite struct TextfileNodeExporterTests {
    /// node_exporter's textfile collector takes the daemon's textfile full of hostile values
    /// without a scrape error and serves every bouncewatch series with its labels intact.
    @Test(.timeLimit(.minutes(1)))
    func nodeExporterServesTheSeriesWithHostileLabelsIntact() throws {
        guard
            let executable = TextfileTools.path(
                "prometheus-node-exporter", package: "prometheus-node-exporter")
        else { return }
        let text = DaemonPrometheusRenderer.render(
            DaemonSamples.hostileStore().snapshot(), health: DaemonSamples.hostileHealth,
            version: DaemonSamples.hostileText)
        let exporter = try NodeExporter(executable: executable)
        try exporter.publish(text, as: "bouncewatch.prom")
        // The textfile collector gives every series of a family the union of the family's
        // label names, empty where a series has none (`cause=""` for sent): the same series.
        let served = try TextfileParser.samples(try exporter.scrape()).map { sample in
            var sample = sample
            sample.labels = sample.labels.filter { !$0.value.isEmpty }
            return sample
        }
        let scrapeErrors = served.filter { $0.name == "node_textfile_scrape_error" }
        #expect(scrapeErrors.map(\.value) == [0], "node_textfile_scrape_error")
        let written = try TextfileParser.samples(text)
        #expect(written.count > 50)
        let servedSeries = Set(served.filter { $0.name.hasPrefix("bouncewatch_") })
        for sample in written {
            let isServed = servedSeries.contains(sample)
            #expect(isServed, "not served as written: \(String(describing: sample).prefix(300))")
        }
        #expect(servedSeries.count == written.count)
        let destinations = servedSeries.compactMap { $0.labels["destination"] }
        #expect(destinations.contains("new\nline.example"))
        #expect(destinations.contains("back\\slash.example"))
        #expect(destinations.contains(String(repeating: "\"", count: MetricsLabel.byteLimit)))
    }
}
