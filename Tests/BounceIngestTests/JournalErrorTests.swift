import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

private func openError(_ location: JournalLocation) -> JournalError? {
    do {
        _ = try JournalSource(location: location)
        return nil
    } catch {
        return error
    }
}

@Suite struct JournalErrorTests {
    @Test func aMissingDirectoryIsNamed() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("no-such-dir")
        #expect(openError(.directory(path)) == .missing(path: path))
        #expect(JournalError.missing(path: path).description.hasPrefix(path + ": no such"))
    }

    @Test func aMissingFileIsNamed() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("absent.journal")
        #expect(openError(.files([path])) == .missing(path: path))
    }

    @Test func aFileIsNotADirectory() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("plain.journal", [1, 2, 3])
        #expect(openError(.directory(path)) == .notADirectory(path: path))
    }

    /// libsystemd itself opens such a directory and just finds nothing; the source says why.
    @Test func aDirectoryOfCorruptJournalFilesIsRefused() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("system.journal", Array(repeating: 0x5A, count: 9000))
        _ = try dir.write("user-1000.journal~", Array(repeating: 0, count: 300))
        let error = openError(.directory(dir.url.path))
        #expect(error == .noReadableJournalFiles(path: dir.url.path, unreadable: 2))
        #expect(error?.description.contains("none of its 2 journal file(s) can be read") == true)
    }

    @Test func aCorruptJournalFileIsRefusedWithAReason() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("broken.journal", Array(repeating: 0x5A, count: 9000))
        guard case .openFailed(let location, let reason) = openError(.files([path])) else {
            Issue.record("a corrupt file opened")
            return
        }
        #expect(location == path)
        #expect(reason.hasPrefix("corrupt"))
    }

    @Test func anEmptyDirectoryIsFineAndEmpty() throws {
        let dir = try TemporaryDirectory()
        let source = try JournalSource(location: .directory(dir.url.path))
        #expect(try source.next() == nil)
        #expect(source.position() == nil)
    }

    @Test func relativePathsAreMadeAbsolute() {
        let cwd = FileManager.default.currentDirectoryPath
        let location = JournalLocation.files(["./a.journal", "/var/b.journal"]).absolute()
        let base = cwd.hasSuffix("/") ? cwd : cwd + "/"
        #expect(location == .files([base + "a.journal", "/var/b.journal"]))
        #expect(JournalLocation.directory("logs").absolute() == .directory(base + "logs"))
        #expect(JournalLocation.system.absolute() == .system)
    }
}

@Suite struct JournalSystemTests {
    /// The local system journal opens whether or not journald keeps files on this machine, and
    /// reading it never returns another program's entry.
    @Test func theSystemJournalOpensAndYieldsOnlyMailPrograms() throws {
        let source = try JournalSource(location: .system, start: .tail)
        #expect(source.location == .system)
        while let record = try source.next() {
            #expect(record.identifier.hasPrefix("postfix") || record.identifier.hasPrefix("exim"))
        }
    }
}
