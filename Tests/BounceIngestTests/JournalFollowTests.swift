import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

@Suite struct JournalFollowTests {
    /// Reads to the end, then waits on the change descriptor (bounded polls, no sleeps) while a
    /// second systemd-journal-remote run appends; every appended mail entry arrives exactly once.
    @Test func followsEntriesAppendedByAnotherWriter() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = dir.path("mail.journal")
        try JournalFixture.append(mixedEntries, to: path, first: 0)

        // The directory, because the second writer rotates the file (see JournalCursorTests).
        let source = try JournalSource(location: .directory(dir.url.path), follow: true)
        #expect(source.fileDescriptor != nil)
        var seen = 0
        while try source.next() != nil { seen += 1 }
        #expect(seen == mixedMailIndices.count)
        #expect(try source.waitForChange(timeoutMilliseconds: 0) == .none)

        let appended = (0..<40).map { index in
            Entry(
                identifier: index % 4 == 3 ? "dovecot" : "postfix-out/smtp", pid: 100 + index,
                message: "Q\(index): to=<user\(index)@example.org>, status=deferred")
        }
        let writer = try JournalFixture.start(appended, to: path, first: mixedEntries.count)
        let followed = try Self.follow(source, until: 30)
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        let expected = appended.filter { $0.identifier != "dovecot" }.map { Array($0.message.utf8) }
        #expect(followed.map(\.message) == expected)
    }

    @Test func aWakeDescriptorInterruptsTheWait() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = dir.path("mail.journal")
        try JournalFixture.append(mixedEntries, to: path, first: 0)
        let source = try JournalSource(location: .files([path]), start: .tail, follow: true)
        let wake = Pipe()
        wake.fileHandleForWriting.write(Data([1]))
        let change = try source.waitForChange(
            timeoutMilliseconds: 10_000,
            wakeDescriptor: wake.fileHandleForReading.fileDescriptor)
        #expect(change == .woken)
    }

    @Test func waitingNeedsFollowMode() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = dir.path("mail.journal")
        try JournalFixture.append(mixedEntries, to: path, first: 0)
        let source = try JournalSource(location: .files([path]))
        #expect(source.fileDescriptor == nil)
        #expect(throws: JournalError.self) { try source.waitForChange(timeoutMilliseconds: 0) }
    }

    /// Waits for changes (polls of at most half a second, 20 s in all) and reads until `count`
    /// records came, then reads what is left; returns every record read.
    static func follow(_ source: JournalSource, until count: Int) throws -> [JournalRecord] {
        var records: [JournalRecord] = []
        let deadline = Date().addingTimeInterval(20)
        while records.count < count, Date() < deadline {
            _ = try source.waitForChange(timeoutMilliseconds: 500)
            while let record = try source.next() { records.append(record) }
        }
        while let record = try source.next() { records.append(record) }
        return records
    }
}
