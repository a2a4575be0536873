import BounceTestSupport
import Foundation

/// Debian's prometheus-alertmanager on a loopback port, without clustering, with its storage
/// in a temporary directory; stopped when released.
final class AlertmanagerServer: @unchecked Sendable {
    static let binary = "/usr/bin/prometheus-alertmanager"

    let port: Int
    private let process = Process()

    init(in scratch: TemporaryDirectory) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw HelperProgram.Failure(
                description: "\(Self.binary) is missing: scripts/install-deps.sh test installs "
                    + "prometheus-alertmanager (scripts/integration/packages.txt)")
        }
        port = LoopbackPort.free()
        let config = try scratch.write(
            "alertmanager.yml",
            """
            route: {receiver: quiet, group_by: ['alertname'], group_wait: 1s}
            receivers: [{name: quiet}]

            """)
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "--config.file=\(config)", "--storage.path=\(scratch.path("am-data"))",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
        ]
        let log = scratch.path("alertmanager.log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while (try? get("/-/ready")) == nil {
            guard process.isRunning, Date() < deadline else {
                stop()
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                throw HelperProgram.Failure(description: "alertmanager did not start: \(text)")
            }
            usleep(100_000)
        }
    }

    deinit { stop() }

    func stop() { process.stopPromptly() }

    var url: String { "http://127.0.0.1:\(port)" }

    /// The body of `GET path`, through the curl program; throws unless the status is 2xx.
    func get(_ path: String) throws -> String {
        try HelperProgram.run("/usr/bin/curl", ["-s", "-f", "-m", "5", url + path])
    }

    /// The alerts `GET /api/v2/alerts` lists (active ones).
    func activeAlerts() throws -> [[String: Any]] {
        let body = try get("/api/v2/alerts")
        return try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]] ?? []
    }
}
