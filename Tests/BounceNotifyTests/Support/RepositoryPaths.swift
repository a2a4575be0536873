import Foundation

/// Files of the repository and of the system that the tests use.
enum RepositoryPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let smtpSink = root + "/scripts/testing/smtp_sink.py"

    /// Debian's Python, where python3-aiosmtpd is installed (a `python3` earlier on PATH may
    /// be another one).
    static let python = "/usr/bin/python3"
}

/// Runs a helper program to its end and returns its exit status and output.
enum HelperProgram {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    static func run(_ path: String, _ arguments: [String]) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure(
                description: "\(path) is missing: run scripts/install-deps.sh test "
                    + "(scripts/integration/packages.txt)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "\(path) \(arguments.joined(separator: " ")) failed "
                    + "(\(process.terminationStatus)): \(text)")
        }
        return text
    }
}
