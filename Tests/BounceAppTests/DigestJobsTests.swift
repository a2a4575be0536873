import BounceTestSupport
import Foundation
import Testing

@testable import BounceApp

/// `digest --jobs`: the digest is the same, byte for byte, whatever the number of workers and
/// however small the pieces files are cut into; rotated files outside the period and the one
/// before it are skipped without changing it.
@Suite struct DigestJobsTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Writes `text` to `name`, last modified on 2026-11-28 12:00 UTC so its year-less stamps
    /// resolve to 2026, and gzips it when `gzip` (as logrotate does; the name gains `.gz`).
    private static func write(
        _ text: String, _ name: String, gzip: Bool = false, in directory: TemporaryDirectory
    ) throws -> String {
        let path = try directory.write(name, text)
        guard gzip else { return try dated(path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-n", path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip \(path)")
        return try dated(path + ".gz")
    }

    private static func dated(_ path: String) throws -> String {
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_795_867_200)], ofItemAtPath: path)
        return path
    }

    /// The example Postfix log moved to `day` of November 2026 (its lines are all on the 26th).
    private static func postfixDay(_ day: Int) throws -> String {
        let text = try String(
            contentsOf: root.appendingPathComponent("examples/mail.log"), encoding: .utf8)
        return text.split(separator: "\n").map { "Nov \(day)" + $0.dropFirst(6) + "\n" }.joined()
    }

    /// A rotated archive: `mail.log` holds the 26th, `mail.log.1` the 25th, and the gzip files
    /// `mail.log.2.gz` to `mail.log.4.gz` the 24th back to the 22nd; oldest first.
    private static func archive(in directory: TemporaryDirectory) throws -> [String] {
        var files: [String] = []
        for age in (0...4).reversed() {
            let name = age == 0 ? "mail.log" : "mail.log.\(age)"
            files.append(
                try write(try postfixDay(26 - age), name, gzip: age >= 2, in: directory))
        }
        return files
    }

    /// The output of `digest` over `inputs` for `period`, with files cut into pieces of
    /// `pieceBytes`.
    private static func digest(
        _ inputs: [String], period: String, format: DigestOutputFormat, jobs: Int,
        pieceBytes: Int, in directory: TemporaryDirectory
    ) throws -> String {
        let path = directory.path("out-\(format)-\(jobs)-\(pieceBytes)")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let span = try DigestRunner.period(period)
        var runner = DigestRunner(
            format: format, start: span.start, end: span.end, inputs: inputs, hostname: "mx1",
            jobs: jobs)
        runner.pieceBytes = pieceBytes
        let status = runner.run(output: BufferedOutput(descriptor: handle.fileDescriptor))
        try handle.close()
        #expect(status == 0)
        return String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    private static func expectSameForEveryJobCount(
        _ inputs: [String], period: String, in directory: TemporaryDirectory,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for format in [DigestOutputFormat.text, .html] {
            // Whole files read one after another: what `digest` printed before it had jobs.
            let whole = try digest(
                inputs, period: period, format: format, jobs: 1, pieceBytes: 1 << 30,
                in: directory)
            #expect(whole.count > 1000, sourceLocation: sourceLocation)
            for jobs in [1, 2, 8] {
                let cut = try digest(
                    inputs, period: period, format: format, jobs: jobs, pieceBytes: 2048,
                    in: directory)
                #expect(cut == whole, "\(format), \(jobs) jobs", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func examplesGiveOneDigestWhateverTheJobs() throws {
        let directory = try TemporaryDirectory()
        let postfix = try Self.write(try Self.postfixDay(26), "mail.log", in: directory)
        let exim = try Self.write(
            try String(
                contentsOf: Self.root.appendingPathComponent("examples/exim-mainlog"),
                encoding: .utf8), "mainlog", in: directory)
        try Self.expectSameForEveryJobCount(
            [postfix, exim], period: "2026-11-26", in: directory)
    }

    @Test func archiveGivesOneDigestWhateverTheJobs() throws {
        let directory = try TemporaryDirectory()
        let files = try Self.archive(in: directory)
        try Self.expectSameForEveryJobCount(files, period: "2026-11-26", in: directory)
        // A period in the archive's middle: both neighbours of the 24th and the 23rd are read.
        try Self.expectSameForEveryJobCount(files, period: "2026-11-24", in: directory)
    }

    @Test func skippingTheArchiveOutsideBothPeriodsChangesNothing() throws {
        let directory = try TemporaryDirectory()
        let files = try Self.archive(in: directory)
        for format in [DigestOutputFormat.text, .html] {
            // Only the 26th (the period) and the 25th (the one before) matter.
            let needed = try Self.digest(
                Array(files.suffix(2)), period: "2026-11-26", format: format, jobs: 1,
                pieceBytes: 1 << 30, in: directory)
            let all = try Self.digest(
                files, period: "2026-11-26", format: format, jobs: 2, pieceBytes: 2048,
                in: directory)
            #expect(all == needed, "\(format)")
            // The period before is read too: without the 25th the comparison differs.
            let currentOnly = try Self.digest(
                Array(files.suffix(1)), period: "2026-11-26", format: format, jobs: 1,
                pieceBytes: 1 << 30, in: directory)
            #expect(currentOnly != needed, "\(format)")
        }
    }

    @Test func verboseNamesTheSkippedFiles() throws {
        let directory = try TemporaryDirectory()
        let files = try Self.archive(in: directory)
        let result = try BinaryRunner.run(
            ["digest", "--period", "2026-11-26", "--hostname", "mx1", "--verbose", "--jobs", "2"]
                + files)
        #expect(result.status == 0, "\(result.stderr)")
        let skipped = result.stderr.split(separator: "\n").map(String.init)
        let reason = ": not read, its lines lie outside the period and the one before it"
        // The 22nd and the 23rd. The 24th is read: its lines run on until the first stamp of
        // the 25th's file, a few seconds into the period before.
        #expect(skipped == files.prefix(2).map { "bouncewatch: " + $0 + reason })
        let quiet = try BinaryRunner.run(
            ["digest", "--period", "2026-11-26", "--hostname", "mx1"] + files)
        #expect(quiet.stderr.isEmpty)
        #expect(quiet.stdout == result.stdout)
    }

    @Test func jobsOutOfRangeIsAUsageError() throws {
        for jobs in ["0", "257"] {
            let result = try BinaryRunner.run(["digest", "--jobs", jobs, "x.log"])
            #expect(result.status == 64)
            #expect(result.stderr.contains("--jobs must be between 1 and 256."))
        }
    }
}
