import BounceSystem
import BounceTestSupport
import Foundation
import Testing

/// The reading calls the log readers use: open, status, read at an offset, byte search, glob.
@Suite struct DescriptorReadTests {
    @Test func readsWholeAndAtAnOffsetAndTellsTheStatus() throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.path + "/mail.log"
        try AtomicFile.replace(path, with: "first\nsecond\n", mode: 0o600, durable: false)
        let descriptor = try Descriptor.openForReading(path)
        defer { Descriptor.close(descriptor) }
        let status = try Descriptor.status(descriptor)
        #expect(status.kind == .regular)
        #expect(status.size == 13)
        #expect(status.inode != 0)
        #expect(status == (try FileSystem.status(path)))
        var bytes = [UInt8](repeating: 0, count: 64)
        let got = try bytes.withUnsafeMutableBytes {
            try Descriptor.read(descriptor, into: $0.baseAddress!, count: 64, at: 6)
        }
        #expect(Array(bytes[..<got]) == Array("second\n".utf8))
        try Descriptor.seek(descriptor, to: 12)
        let last = try bytes.withUnsafeMutableBytes {
            try Descriptor.read(descriptor, into: $0.baseAddress!, count: 64)
        }
        #expect(last == 1 && bytes[0] == 0x0A)
        let prefix = bytes.withUnsafeMutableBytes {
            Descriptor.readAvailable(descriptor, into: $0.baseAddress!, count: 64, at: 0)
        }
        #expect(prefix == 13)
    }

    @Test func failuresKeepTheirKind() throws {
        let scratch = try TemporaryDirectory()
        let missing = #expect(throws: SystemError.self) {
            try Descriptor.openForReading(scratch.path + "/absent")
        }
        #expect(missing?.isNoSuchFile == true)
        let directory = try Descriptor.openForReading(scratch.path)
        defer { Descriptor.close(directory) }
        #expect(try Descriptor.status(directory).kind == .directory)
        let reading = #expect(throws: SystemError.self) {
            var byte: UInt8 = 0
            _ = try Descriptor.read(directory, into: &byte, count: 1)
        }
        #expect(reading?.isDirectory == true)
        #expect(reading?.reason == "Is a directory")
        #expect(SystemError.message(for: 2) == "No such file or directory")
        try FileManager.default.createSymbolicLink(
            atPath: scratch.path + "/dangling", withDestinationPath: scratch.path + "/absent")
        #expect(
            try FileSystem.status(scratch.path + "/dangling", followLinks: false).kind
                == .symbolicLink)
        #expect(throws: SystemError.self) { try FileSystem.status(scratch.path + "/dangling") }
    }

    @Test func findsTheFirstByte() {
        let bytes = Array("ab\ncd\n".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            #expect(ByteSearch.firstOffset(of: 0x0A, in: base, count: 6) == 2)
            #expect(ByteSearch.firstOffset(of: 0x0A, in: base + 3, count: 3) == 2)
            #expect(ByteSearch.firstOffset(of: 0x0A, in: base, count: 2) == nil)
        }
    }

    @Test func expandsAPatternSorted() throws {
        let scratch = try TemporaryDirectory()
        for name in ["mail.log", "mail.err", "other.txt"] {
            try AtomicFile.replace(scratch.path + "/" + name, with: "", mode: 0o600, durable: false)
        }
        #expect(
            FileSystem.paths(matching: scratch.path + "/mail.*")
                == [scratch.path + "/mail.err", scratch.path + "/mail.log"])
        #expect(FileSystem.paths(matching: scratch.path + "/none*").isEmpty)
    }

    @Test func readinessSaysWhichDescriptorIsReady() throws {
        let signal = try WakeSignal()
        let idle = try WakeSignal()
        #expect(
            try Descriptor.readiness(
                [Descriptor.Watch(signal.descriptor), Descriptor.Watch(idle.descriptor)],
                milliseconds: 0) == [false, false])
        signal.wake()
        #expect(
            try Descriptor.readiness(
                [Descriptor.Watch(signal.descriptor), Descriptor.Watch(idle.descriptor)],
                milliseconds: 1000) == [true, false])
    }

    @Test func inotifyReportsAWatchedDirectory() throws {
        let scratch = try TemporaryDirectory()
        let descriptor = try #require(Inotify.open())
        defer { Descriptor.close(descriptor) }
        #expect(
            Inotify.addWatch(
                descriptor, scratch.path, mask: Inotify.directoryEvents | Inotify.onlyDirectory)
                != nil)
        #expect(
            Inotify.addWatch(descriptor, scratch.path + "/absent", mask: Inotify.fileEvents) == nil)
        try AtomicFile.replace(scratch.path + "/new", with: "", mode: 0o600, durable: false)
        #expect(
            try Descriptor.readiness([Descriptor.Watch(descriptor)], milliseconds: 1000) == [true])
    }

    @Test func cStringsRoundTrip() {
        let count = CStrings.withNullTerminated(["a", "bc"]) { array in
            var count = 0
            while let string = array[count] {
                #expect(String(cString: string) == ["a", "bc"][count])
                count += 1
            }
            return count
        }
        #expect(count == 2)
        #expect(CStrings.take(strdup("cursor")!) == "cursor")
    }
}
