import BounceTestSupport
import Foundation
import Testing

/// The real `bouncewatch run` in a temp directory: its configuration, logs, state and
/// textfile, with ground truth for every delivery line written.
final class RunDaemonFixture {
    let directory: TemporaryDirectory
    private(set) var truth: [String: Int] = ["sent": 0, "deferred": 0, "bounced": 0]
    private var serial = 0

    init() throws {
        directory = try TemporaryDirectory()
    }

    var configPath: String { directory.path("bouncewatch.yml") }
    var textfile: String { directory.path("out/bouncewatch.prom") }
    var checkpoint: String { directory.path("state/checkpoint") }
    func log(_ name: String) -> String { directory.path(name) }

    /// Writes a configuration following `logs` (names in the directory) from their start.
    func writeConfiguration(logs: [String], interval: String = "1s") throws {
        try FileManager.default.createDirectory(
            atPath: directory.path("out"), withIntermediateDirectories: true)
        var text = "sources:\n"
        for name in logs {
            text += "  - type: file\n    path: \(log(name))\n    start_at: beginning\n"
            text += "    name: \(name)\n"
        }
        text += "state_directory: \(directory.path("state"))\n"
        text += "metrics:\n  textfile: \(textfile)\n  interval: \(interval)\n"
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Appends `count` distinct Postfix delivery lines to `name`, recorded in the truth.
    func append(_ name: String, _ count: Int) throws {
        var text = ""
        for _ in 0..<count {
            serial += 1
            let status = ["sent", "deferred", "bounced"][serial % 3]
            truth[status, default: 0] += 1
            let queue = String(serial + 0x20000, radix: 16, uppercase: true)
            text +=
                "Nov 26 10:00:01 mx1 postfix/smtp[99]: \(queue): to=<r\(serial)@x\(serial % 4)"
                + ".example>, relay=mx.example[192.0.2.9]:25, delay=1, delays=0/0/0/0,"
                + " dsn=2.0.0, status=\(status) (250 queued \(serial))\n"
        }
        try appendRaw(name, text)
    }

    var truthTotal: Int { truth.values.reduce(0, +) }

    /// `bouncewatch_deliveries_total` summed by status, from the textfile as it is now.
    func deliveries() -> [String: Int] {
        var counts: [String: Int] = ["sent": 0, "deferred": 0, "bounced": 0]
        for (labels, value) in samples("bouncewatch_deliveries_total") {
            if let status = Self.label("status", in: labels) { counts[status, default: 0] += value }
        }
        return counts
    }

    /// `bouncewatch_deliveries_total` of one cause, summed over the other labels.
    func deliveries(cause: String) -> Int {
        samples("bouncewatch_deliveries_total").filter { labels, _ in
            Self.label("cause", in: labels) == cause
        }.reduce(0) { $0 + $1.1 }
    }

    /// Appends `text` (whole lines) to `name` as it is, outside the truth.
    func appendRaw(_ name: String, _ text: String) throws {
        let path = log(name)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// `bouncewatch_lines_total`, summed over sources and results, or for one source.
    func linesRead(source: String? = nil) -> Int {
        samples("bouncewatch_lines_total").filter { labels, _ in
            source.map { Self.label("source", in: labels) == $0 } ?? true
        }.reduce(0) { $0 + $1.1 }
    }

    private func samples(_ name: String) -> [(String, Int)] {
        guard let text = try? String(contentsOfFile: textfile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(name + "{"), let space = line.lastIndex(of: " "),
                let value = Double(line[line.index(after: space)...])
            else { return nil }
            return (String(line[..<space]), Int(value))
        }
    }

    private static func label(_ name: String, in labels: String) -> String? {
        guard let start = labels.range(of: name + "=\"") else { return nil }
        let rest = labels[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

/// One running `bouncewatch run --config FILE`.
final class RunDaemonProcess {
    let process = Process()
    let stderrPath: String

    /// Starts the daemon; with `descriptorLimit`, under that RLIMIT_NOFILE (soft and hard, as
    /// `ulimit -n` sets them in a shell that then execs the daemon); with `defaultHangup`,
    /// with SIGHUP's default action whatever the test runner's is.
    init(
        _ fixture: RunDaemonFixture, environment: [String: String] = [:],
        descriptorLimit: Int? = nil, defaultHangup: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let executable = BinaryRunner.executable
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            Issue.record("no bouncewatch executable at \(executable.path)")
            throw CocoaError(.fileNoSuchFile)
        }
        stderrPath = fixture.directory.path("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = executable
        process.arguments = ["run", "--config", fixture.configPath]
        if defaultHangup {
            // The test runner may ignore SIGHUP, and an ignored signal stays ignored across
            // exec: env(1) gives the daemon SIGHUP's default action, as systemd does.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["--default-signal=HUP", executable.path] + process.arguments!
        }
        if let descriptorLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments =
                ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\"", executable.path]
                + ["run", "--config", fixture.configPath]
        }
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = "UTC"
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "WATCHDOG_USEC")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var stderr: String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }

    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits up to `seconds` for the process to end; its exit status, or nil if it runs on.
    func waitForExit(seconds: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        guard !process.isRunning else { return nil }
        return process.terminationStatus
    }

    /// SIGTERM, then the exit status (nil when it did not end in time).
    func stop() -> Int32? {
        send(SIGTERM)
        return waitForExit()
    }
}

/// Polls `condition` every 20 ms for up to `seconds`; whether it became true.
func eventually(seconds: Double = 20, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}
