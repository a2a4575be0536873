import BounceTestSupport
import Foundation

/// scripts/testing/smtp_sink.py running on a loopback port; stopped when released.
final class SMTPSink: @unchecked Sendable {
    /// One message as the server stored it.
    struct Received {
        var raw: String
        var mailFrom: String
        var recipients: [String]
        var user: String?
        var tls: Bool

        /// The value of the first header `name` (unfolded), nil when absent.
        func header(_ name: String) -> String? {
            let head = raw.components(separatedBy: "\r\n\r\n").first ?? raw
            var found: String?
            for line in head.components(separatedBy: "\r\n") {
                if let current = found {
                    guard line.hasPrefix(" ") || line.hasPrefix("\t") else { return current }
                    found = current + " " + line.trimmingCharacters(in: .whitespaces)
                } else if line.lowercased().hasPrefix(name.lowercased() + ":") {
                    found = String(line.dropFirst(name.count + 1))
                        .trimmingCharacters(in: .whitespaces)
                }
            }
            return found
        }

        var body: String {
            guard let range = raw.range(of: "\r\n\r\n") else { return "" }
            return String(raw[range.upperBound...])
        }
    }

    enum TLS: String {
        case none
        case starttls
        case implicit
    }

    let port: Int
    let directory: String
    private let process = Process()

    /// Starts the server and waits until it accepts connections.
    init(
        port: Int = LoopbackPort.free(), in scratch: TemporaryDirectory, tls: TLS = .none,
        certificate: TestCertificate? = nil, user: String? = nil, passwordFile: String? = nil
    ) throws {
        self.port = port
        directory = scratch.path("received-\(port)")
        let ready = scratch.path("ready-\(port)-\(UUID().uuidString)")
        var arguments = [
            RepositoryPaths.smtpSink, "--port", String(port), "--dir", directory,
            "--tls", tls.rawValue, "--ready-file", ready,
        ]
        if let certificate {
            arguments += ["--cert", certificate.certificate, "--key", certificate.key]
        }
        if let user, let passwordFile {
            arguments += ["--user", user, "--password-file", passwordFile]
        }
        guard FileManager.default.fileExists(atPath: RepositoryPaths.python) else {
            throw HelperProgram.Failure(description: "\(RepositoryPaths.python) is missing")
        }
        process.executableURL = URL(fileURLWithPath: RepositoryPaths.python)
        process.arguments = arguments
        let log = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = log
        let errors = scratch.path("sink-\(port).log")
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: errors)
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: ready) {
            guard process.isRunning, Date() < deadline else {
                stop()
                let log = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
                throw HelperProgram.Failure(
                    description: "smtp_sink.py did not start (is python3-aiosmtpd installed? "
                        + "scripts/install-deps.sh test): \(log)")
            }
            usleep(20_000)
        }
    }

    deinit { stop() }

    func stop() {
        process.stopPromptly()
    }

    /// The messages received so far, in arrival order.
    func messages() throws -> [Received] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".eml") }
            .sorted { Int($0.dropLast(4)) ?? 0 < Int($1.dropLast(4)) ?? 0 }
        return try names.map { name in
            let stem = directory + "/" + name.dropLast(4)
            let raw = try Data(contentsOf: URL(fileURLWithPath: stem + ".eml"))
            let meta = try Data(contentsOf: URL(fileURLWithPath: stem + ".json"))
            let fields = try JSONSerialization.jsonObject(with: meta) as? [String: Any] ?? [:]
            return Received(
                raw: String(decoding: raw, as: UTF8.self),
                mailFrom: fields["mail_from"] as? String ?? "",
                recipients: fields["rcpt_tos"] as? [String] ?? [],
                user: fields["user"] as? String, tls: fields["tls"] as? Bool ?? false)
        }
    }

    /// Waits up to `seconds` for at least `count` messages.
    func waitForMessages(_ count: Int, seconds: Double = 15) throws -> [Received] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let received = try messages()
            if received.count >= count || Date() >= deadline { return received }
            usleep(50_000)
        }
    }
}
