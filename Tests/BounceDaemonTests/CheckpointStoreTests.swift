import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// The checkpoint file: replaced atomically, leftovers of a crash ignored and removed, and a
/// damaged file refused with its path.
@Suite struct CheckpointStoreTests {
    @Test func saveThenLoad() throws {
        let harness = try DaemonHarness()
        let store = try CheckpointStore(directory: harness.stateDirectory)
        #expect(try store.load() == nil)
        let checkpoint = Checkpoint(
            writtenAt: 42, sources: ["j": .journal(cursor: "c")], metrics: ["m"], alerts: ["a"])
        try store.save(checkpoint)
        #expect(try store.load() == checkpoint)
        try store.save(Checkpoint(writtenAt: 43))
        #expect(try store.load() == Checkpoint(writtenAt: 43))
        #expect(!FileManager.default.fileExists(atPath: store.temporaryPath))
        let mode = try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions]
        #expect(mode as? Int == 0o600)
    }

    @Test func leftoverTemporaryFileIsIgnoredAndRemoved() throws {
        let harness = try DaemonHarness()
        var store = try CheckpointStore(directory: harness.stateDirectory)
        try store.save(Checkpoint(writtenAt: 7))
        // A crash between writing the temporary file and the rename leaves half a file.
        try "bouncewatch-checkpoint/1\nwritten 9\nsour".write(
            toFile: store.temporaryPath, atomically: false, encoding: .utf8)
        store = try CheckpointStore(directory: harness.stateDirectory)
        #expect(!FileManager.default.fileExists(atPath: store.temporaryPath))
        #expect(try store.load() == Checkpoint(writtenAt: 7))
    }

    @Test func damagedFileIsRefusedWithItsPath() throws {
        let harness = try DaemonHarness()
        let store = try CheckpointStore(directory: harness.stateDirectory)
        try Data([0x62, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: store.path))
        #expect {
            try store.load()
        } throws: { error in
            "\(error)".hasPrefix(store.path) && "\(error)".contains("move it away")
        }
        try "bouncewatch-checkpoint/9\n".write(
            toFile: store.path, atomically: false, encoding: .utf8)
        #expect {
            try store.load()
        } throws: { error in
            "\(error)".contains("version \"9\"")
        }
    }
}
