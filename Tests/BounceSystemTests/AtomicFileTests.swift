import BounceSystem
import BounceTestSupport
import Foundation
import Testing

@Suite struct AtomicFileTests {
    @Test func replacesTheContentWithTheModeAndNoTemporaryLeft() throws {
        let scratch = try TemporaryDirectory()
        let directory = scratch.path
        let path = directory + "/metrics.prom"
        try AtomicFile.replace(path, with: "old\n", mode: 0o644, durable: false)
        try AtomicFile.replace(path, with: Array("new\n".utf8), mode: 0o600, durable: true)
        #expect(FileSystem.load(path) == Array("new\n".utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
        #expect(mode as? Int == 0o600)
        #expect(FileSystem.names(in: directory) == ["metrics.prom"])
    }

    /// Written a piece at a time, the file is the pieces in order, replaced in one step.
    @Test func aStreamedReplacementWritesThePiecesInOrder() throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.path + "/checkpoint"
        try AtomicFile.replace(path, with: "old\n", mode: 0o600, durable: true)
        var pieces = 0
        try AtomicFile.replace(path, mode: 0o640, durable: true) { output in
            for piece in ["one ", "", "two\n", String(repeating: "x", count: 100_000)] {
                var piece = piece
                piece.withUTF8 { output.write(UnsafeRawBufferPointer($0)) }
                pieces += 1
            }
        }
        #expect(pieces == 4)
        #expect(
            FileSystem.load(path)
                == Array(("one two\n" + String(repeating: "x", count: 100_000)).utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
        #expect(mode as? Int == 0o640)
        #expect(FileSystem.names(in: scratch.path) == ["checkpoint"])
        let error = #expect(throws: SystemError.self) {
            try AtomicFile.replace("/nonexistent-dir/x", mode: 0o600, durable: true) { _ in }
        }
        #expect(error?.description.hasPrefix("cannot create /nonexistent-dir/.x.tmp") == true)
    }

    @Test func aFailureNamesThePathAndTheReason() throws {
        let error = #expect(throws: SystemError.self) {
            try AtomicFile.replace("/nonexistent-dir/x", with: "x", mode: 0o600, durable: true)
        }
        #expect(
            error?.description == "cannot create /nonexistent-dir/.x.tmp: No such file or directory"
        )
    }

    @Test func directoriesAreMadeWithTheirParentsAndFilesRemoved() throws {
        let scratch = try TemporaryDirectory()
        let directory = scratch.path
        try FileSystem.makeDirectory(directory + "/outbox/smtp")
        #expect(FileSystem.isDirectory(directory + "/outbox/smtp"))
        try AtomicFile.replace(directory + "/outbox/smtp/a", with: "1", mode: 0o600, durable: true)
        #expect(FileSystem.exists(directory + "/outbox/smtp/a"))
        #expect(!FileSystem.isDirectory(directory + "/outbox/smtp/a"))
        try FileSystem.remove(directory + "/outbox/smtp/a")
        try FileSystem.remove(directory + "/outbox/smtp/a")
        #expect(FileSystem.names(in: directory + "/outbox/smtp").isEmpty)
        #expect(throws: SystemError.self) {
            try FileSystem.makeDirectory("/proc/bouncewatch-cannot-be-here")
        }
    }
}
