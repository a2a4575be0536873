import Foundation
import Testing

/// Builds journal files at test time with `scripts/make-journal.py` and Debian's
/// `systemd-journal-remote`, so no binary journal is ever committed.
enum JournalFixture {
    /// One entry to write: `pid` nil leaves `_PID` out; `message` may hold newlines.
    struct Entry {
        var identifier: String
        var pid: Int?
        var message: String
    }

    /// Realtime of entry number 0, and the step between entries, as make-journal.py writes them.
    static let startMicroseconds: UInt64 = 1_795_820_400_000_000
    static let stepMicroseconds: UInt64 = 1_000_123

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var remoteTool: String {
        ProcessInfo.processInfo.environment["JOURNAL_REMOTE"]
            ?? "/lib/systemd/systemd-journal-remote"
    }

    /// True when journal files can be built here. Otherwise says why, and under CI (`CI` set)
    /// records a failure, because CI installs systemd-journal-remote.
    static func isAvailable(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let why: String
        if !FileManager.default.isExecutableFile(atPath: remoteTool) {
            why = "\(remoteTool) is missing (Debian package systemd-journal-remote)"
        } else if !hasPython {
            why = "python3 is not on PATH (scripts/make-journal.py needs it)"
        } else {
            return true
        }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record("journal test needs \(why)", sourceLocation: sourceLocation)
        } else {
            print("SKIPPED: journal test: \(why)")
        }
        return false
    }

    static var hasPython: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/python3")
        }
    }

    /// Appends `entries` to the journal file at `path` (created when absent), numbering them
    /// from `first` so that their timestamps continue those already written.
    /// `fields` (`NAME=VALUE`) are added to every entry.
    static func append(_ entries: [Entry], to path: String, first: Int, fields: [String] = [])
        throws
    {
        let process = try start(entries, to: path, first: first, fields: fields)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "make-journal.py failed for \(path)")
    }

    /// Starts appending `entries` without waiting for it to finish.
    static func start(_ entries: [Entry], to path: String, first: Int, fields: [String] = [])
        throws -> Process
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", repositoryRoot.appendingPathComponent("scripts/make-journal.py").path,
                "--first", String(first), "--output", path,
            ] + fields.flatMap { ["--field", $0] }
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(spec(entries).utf8))
        try input.fileHandleForWriting.close()
        return process
    }

    /// The realtime make-journal.py gives entry number `index`.
    static func realtime(ofEntry index: Int) -> UInt64 {
        startMicroseconds + UInt64(index) * stepMicroseconds
    }

    private static func spec(_ entries: [Entry]) -> String {
        entries.map { entry in
            let message = entry.message.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\(entry.identifier)\t\(entry.pid.map(String.init) ?? "")\t\(message)\n"
        }.joined()
    }
}

extension JournalFixture {
    /// `relative` inside `../shared/corpus` beside the checkout (or `$BOUNCEWATCH_SHARED/corpus`),
    /// or nil after saying why; under CI a missing corpus is a failure.
    static func corpusFile(
        _ relative: String, sourceLocation: SourceLocation = #_sourceLocation
    ) -> URL? {
        let shared =
            ProcessInfo.processInfo.environment["BOUNCEWATCH_SHARED"].map {
                URL(fileURLWithPath: $0)
            } ?? repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        let url = shared.appendingPathComponent("corpus").appendingPathComponent(relative)
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
