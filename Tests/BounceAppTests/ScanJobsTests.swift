import BounceTestSupport
import Foundation
import Testing

@testable import BounceApp

/// `scan --jobs`: the report is the same, byte for byte, whatever the number of workers, also
/// when files are cut into many small pieces read at once.
@Suite struct ScanJobsTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    private static let examples = ["examples/mail.log", "examples/exim-mainlog"].map {
        root.appendingPathComponent($0).path
    }

    /// The output of `scan` over `inputs`, with files cut into pieces of `pieceBytes`.
    private static func scan(
        _ inputs: [String], format: ScanOutputFormat, jobs: Int, pieceBytes: Int,
        senders: Bool = false, in directory: TemporaryDirectory
    ) throws -> String {
        let path = directory.path("out-\(format)-\(jobs)")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        var runner = ScanRunner(format: format, inputs: inputs, jobs: jobs)
        runner.pieceBytes = pieceBytes
        runner.senders = senders
        let status = runner.run(output: BufferedOutput(descriptor: handle.fileDescriptor))
        try handle.close()
        #expect(status == 0)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        // The HTML page says when it was written: the one line that may differ.
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("<p class=\"meta\">Written ") }.joined(separator: "\n")
    }

    private static func expectSameForEveryJobCount(
        _ inputs: [String], pieceBytes: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let directory = try TemporaryDirectory()
        for format in [ScanOutputFormat.text, .json, .html, .prometheus] {
            let single = try scan(
                inputs, format: format, jobs: 1, pieceBytes: pieceBytes, in: directory)
            #expect(single.count > 1000, sourceLocation: sourceLocation)
            for jobs in [2, 8] {
                let parallel = try scan(
                    inputs, format: format, jobs: jobs, pieceBytes: pieceBytes, in: directory)
                #expect(
                    parallel == single, "\(format), \(jobs) jobs", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func examplesCutSmallGiveOneReport() throws {
        try Self.expectSameForEveryJobCount(Self.examples, pieceBytes: 2048)
    }

    @Test func smallPiecesGiveTheReportOfWholeFiles() throws {
        // Pieces larger than every file: each file is read whole, as in one pass.
        let directory = try TemporaryDirectory()
        for format in [ScanOutputFormat.json, .html] {
            let whole = try Self.scan(
                Self.examples, format: format, jobs: 1, pieceBytes: 1 << 30, in: directory)
            let cut = try Self.scan(
                Self.examples, format: format, jobs: 2, pieceBytes: 1024, in: directory)
            #expect(cut == whole, "\(format)")
        }
    }

    /// `--senders`: a message whose lines fall in several pieces is counted under its sender
    /// as in one pass, whatever the pieces and the workers; without it, no such section.
    @Test func sendersAreTheSameWhereverFilesAreCut() throws {
        let directory = try TemporaryDirectory()
        for format in [ScanOutputFormat.json, .text] {
            let whole = try Self.scan(
                Self.examples, format: format, jobs: 1, pieceBytes: 1 << 30, senders: true,
                in: directory)
            #expect(whole.contains(format == .json ? "\"sasl_users\"" : "Authenticated users"))
            for (jobs, pieceBytes) in [(1, 1024), (2, 1024), (8, 3000), (2, 200)] {
                let cut = try Self.scan(
                    Self.examples, format: format, jobs: jobs, pieceBytes: pieceBytes,
                    senders: true, in: directory)
                #expect(cut == whole, "\(format), \(jobs) jobs, \(pieceBytes)-byte pieces")
            }
            let without = try Self.scan(
                Self.examples, format: format, jobs: 2, pieceBytes: 1024, in: directory)
            #expect(!without.contains("sasl_users") && !without.contains("Authenticated users"))
        }
    }

    @Test func dockerRecordsSplitAcrossPiecesAreReadAsOne() throws {
        // A json-file log whose lines Docker split at 16 KiB: a record may continue on the next
        // line, so a file holding records is read again in one pass.
        let directory = try TemporaryDirectory()
        var log = ""
        let long = String(repeating: "x", count: 3000)
        for index in 0..<200 {
            let line =
                "Dec  6 10:\(String(format: "%02d", index % 60)):00 mx1 postfix/smtp[1]: "
                + "A\(index)B: to=<u@d\(index % 7).test>, relay=none, delay=1, dsn=5.1.1, "
                + "status=bounced (host said: 550 5.1.1 no such user \(long))"
            let middle = line.index(line.startIndex, offsetBy: 1500)
            log +=
                "{\"log\":\"\(line[..<middle])\",\"stream\":\"stdout\",\"time\":\"2026-12-06T10:00:00Z\"}\n"
            log +=
                "{\"log\":\"\(line[middle...])\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-06T10:00:00Z\"}\n"
        }
        let file = try directory.write("container-json.log", log)
        let whole = try Self.scan(
            [file], format: .json, jobs: 1, pieceBytes: 1 << 30, in: directory)
        for jobs in [1, 2, 8] {
            let cut = try Self.scan(
                [file], format: .json, jobs: jobs, pieceBytes: 4096, in: directory)
            #expect(cut == whole, "\(jobs) jobs")
        }
        #expect(whole.contains("\"recipient_unknown\""))
    }

    @Test func corpusGivesOneReport() throws {
        let names = [
            "postfix/real-postfix-3.7-loopback.log", "postfix/kumina-postfix_exporter.log",
            "postfix/pixelpark-postfix-logsums-failures.log", "exim/real-exim-4.96-loopback.log",
            "exim/gvengel-exim_exporter.mainlog", "exim/exim-testsuite-failures.log",
        ]
        let files = names.compactMap { SharedCorpusFile.url($0)?.path }
        guard files.count == names.count else { return }
        try Self.expectSameForEveryJobCount(files, pieceBytes: 4096)
    }
}
