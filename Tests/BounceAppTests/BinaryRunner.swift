import BounceTestSupport
import Foundation
import Testing

/// Runs the built `bouncewatch` executable, which SwiftPM puts beside the test bundle.
enum BinaryRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        /// The stdout lines, each parsed as a JSON object.
        var jsonLines: [[String: Any]] {
            stdout.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            }
        }

        /// The whole stdout parsed as one JSON object.
        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
        }
    }

    /// The directory of the running test executable, where `bouncewatch` is built too.
    static var productDirectory: URL {
        #if os(Linux)
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
                .deletingLastPathComponent()
        #else
            Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL
                .deletingLastPathComponent() ?? Bundle.main.bundleURL
        #endif
    }

    static var executable: URL { productDirectory.appendingPathComponent("bouncewatch") }

    /// Runs `bouncewatch arguments...` with `TZ=UTC` unless `environment` says otherwise.
    /// `prefix` runs it through another program (e.g. `setpriv`).
    /// `stdin` is given through a file unless `stdinThroughPipe` (then it must fit in a pipe's
    /// buffer, 64 KiB).
    static func run(
        _ arguments: [String], stdin: [UInt8]? = nil, stdinThroughPipe: Bool = false,
        environment: [String: String] = [:], prefix: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            Issue.record(
                "no bouncewatch executable at \(executable.path); build the package first",
                sourceLocation: sourceLocation)
            return Result(status: -1, stdout: "", stderr: "")
        }
        let scratch = try TemporaryDirectory()
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        if prefix.isEmpty {
            process.executableURL = executable
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [executable.path] + arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = "UTC"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        var pipe: Pipe?
        if stdin != nil, stdinThroughPipe {
            pipe = Pipe()
            process.standardInput = pipe
        } else if let stdin {
            let inURL = scratch.url.appendingPathComponent("stdin")
            try Data(stdin).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        if let pipe, let stdin {
            try pipe.fileHandleForWriting.write(contentsOf: Data(stdin))
            try pipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// `../shared/corpus` beside the checkout: read in place, never copied into the repository.
enum SharedCorpusFile {
    static func url(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let base =
            ProcessInfo.processInfo.environment["BOUNCEWATCH_SHARED"].map {
                URL(fileURLWithPath: $0)
            } ?? root.deletingLastPathComponent().appendingPathComponent("shared")
        let url = base.appendingPathComponent("corpus").appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record(
                "shared corpus file \(url.path) is missing under CI", sourceLocation: sourceLocation
            )
        } else {
            print(
                "SKIPPED: shared corpus file \(url.path) not found (no ../shared beside the clone)")
        }
        return nil
    }
}
