import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

#if canImport(Glibc)
    import Glibc
#endif

/// `QueueReader` on a `public/showq` socket that replays, in small pieces, the bytes the real
/// Postfix 3.7 showq wrote (Tests/Fixtures/queue/postfix-showq.bin), and on a copy of the
/// real Exim 4.96 spool.
@Suite struct QueueReaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/queue")

    /// Serves `bytes` once on a new socket at `path`, `piece` bytes per write, then closes.
    static func serve(_ bytes: [UInt8], at path: String, piece: Int) throws -> Thread {
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0 && listen(listener, 1) == 0)
        let thread = Thread {
            let client = accept(listener, nil, nil)
            var offset = 0
            while offset < bytes.count {
                let count = min(piece, bytes.count - offset)
                _ = bytes[offset..<offset + count].withUnsafeBytes {
                    write(client, $0.baseAddress, count)
                }
                offset += count
            }
            close(client)
            close(listener)
        }
        thread.start()
        return thread
    }

    @Test(arguments: [3, 4096])
    func readsPostfixThroughShowq(_ piece: Int) throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: directory.path("public"), withIntermediateDirectories: true)
        let bytes = [UInt8](
            try Data(contentsOf: Self.fixtures.appendingPathComponent("postfix-showq.bin")))
        _ = try Self.serve(bytes, at: directory.path("public/showq"), piece: piece)
        let summary = try QueueReader.read(
            QueueLocation(mta: .postfix, directory: directory.path("")), now: 1_796_592_600,
            reasons: QueueReasonClassifier())
        #expect(summary.counts(.deferred).messages == 2)
        #expect(summary.counts(.deferred).recipients == 3)
        #expect(summary.counts(.hold).messages == 1)
        #expect(summary.deferredByCause().map(\.cause) == [.mailboxFull])
    }

    @Test func aCutShowqStreamIsAFailure() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: directory.path("public"), withIntermediateDirectories: true)
        let bytes = [UInt8](
            try Data(contentsOf: Self.fixtures.appendingPathComponent("postfix-showq.bin")))
        _ = try Self.serve(
            Array(bytes.dropLast(30)), at: directory.path("public/showq"), piece: 512)
        #expect(throws: QueueReader.Failure.self) {
            try QueueReader.read(
                QueueLocation(mta: .postfix, directory: directory.path("")), now: 0,
                reasons: QueueReasonClassifier())
        }
    }

    @Test func aMissingSocketSaysWhere() throws {
        let directory = try TemporaryDirectory()
        do {
            _ = try QueueReader.read(
                QueueLocation(mta: .postfix, directory: directory.path("")), now: 0,
                reasons: QueueReasonClassifier())
            Issue.record("a queue without showq was read")
        } catch {
            #expect(error.description.contains("public/showq: No such file or directory"))
        }
    }

    @Test func readsTheEximSpoolAndSkipsABrokenHeaderFile() throws {
        let directory = try TemporaryDirectory()
        let spool = directory.path("spool")
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("exim-spool"), to: URL(fileURLWithPath: spool))
        _ = try directory.write("spool/input/1xaJzz-0005zz-zz-H", "garbage\n")
        let summary = try QueueReader.read(
            QueueLocation.resolve(mta: nil, directory: spool), now: 1_796_592_600,
            reasons: QueueReasonClassifier())
        #expect(summary.mta == .exim)
        #expect(summary.counts(.deferred).messages == 3)
        #expect(summary.counts(.frozen).messages == 1)
        #expect(summary.problems.skipped == 1)
        #expect(
            summary.problems.messages == [
                "1xaJzz-0005zz-zz-H: the first line does not name the message"
            ])
    }
}
