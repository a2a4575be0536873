import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

@Suite struct JournalCursorTests {
    @Test func restartingFromASavedCursorReadsExactlyWhatFollows() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = dir.path("mail.journal")
        try JournalFixture.append(mixedEntries, to: path, first: 0)

        var saved: String?
        do {
            let first = try JournalSource(location: .files([path]))
            for _ in 0..<2 { _ = try #require(try first.next()) }
            saved = first.position()
        }
        let cursor = try #require(saved)
        let second = try JournalSource(location: .files([path]), start: .cursor(cursor))
        #expect(second.position() == cursor)
        var messages: [[UInt8]] = []
        while let record = try second.next() { messages.append(record.message) }
        #expect(
            messages == mixedMailIndices.dropFirst(2).map { Array(mixedEntries[$0].message.utf8) })
    }

    /// The saved position moves past entries of other programs too, so a restart neither reads
    /// them again nor misses what was appended while stopped. A second systemd-journal-remote
    /// run renames the file to `mail@….journal~` and starts a new one, as journald's rotation
    /// does, so these tests read the directory, which merges both.
    @Test func thePositionCoversSkippedEntriesAndResumesAfterAppends() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = dir.path("mail.journal")
        let tailSkipped = mixedEntries + [Entry(identifier: "dovecot", pid: 9, message: "bye")]
        try JournalFixture.append(tailSkipped, to: path, first: 0)

        let first = try JournalSource(location: .directory(dir.url.path))
        while try first.next() != nil {}
        let cursor = try #require(first.position())
        #expect(first.entriesSkipped == 2)

        let idle = try JournalSource(location: .directory(dir.url.path), start: .cursor(cursor))
        #expect(try idle.next() == nil)
        #expect(idle.entriesSkipped == 0)

        let later = [
            Entry(identifier: "postfix/qmgr", pid: 5, message: "A1: removed"),
            Entry(identifier: "exim", pid: 6, message: "B2 Completed"),
        ]
        try JournalFixture.append(later, to: path, first: tailSkipped.count)
        let resumed = try JournalSource(location: .directory(dir.url.path), start: .cursor(cursor))
        #expect(try JournalSourceTests.identifiers(resumed) == ["postfix/qmgr", "exim"])
    }

    @Test func startingAtTheTailReadsOnlyNewEntries() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = dir.path("mail.journal")
        try JournalFixture.append(mixedEntries, to: path, first: 0)
        let source = try JournalSource(
            location: .directory(dir.url.path), start: .tail, follow: true)
        #expect(try source.next() == nil)
        let position = try #require(source.position())

        try JournalFixture.append(
            [Entry(identifier: "postfix/smtp", pid: 3, message: "after")], to: path,
            first: mixedEntries.count)
        let followed = try JournalFollowTests.follow(source, until: 1)
        #expect(followed.map(\.message) == [Array("after".utf8)])

        let reopened = try JournalSource(
            location: .directory(dir.url.path), start: .cursor(position))
        #expect(try reopened.next()?.message == Array("after".utf8))
        #expect(try reopened.next() == nil)
    }

    @Test func aCursorThatIsNotOneIsRefused() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = dir.path("mail.journal")
        try JournalFixture.append(mixedEntries, to: path, first: 0)
        #expect(throws: JournalError.invalidCursor("not-a-cursor")) {
            _ = try JournalSource(location: .files([path]), start: .cursor("not-a-cursor"))
        }
    }
}
