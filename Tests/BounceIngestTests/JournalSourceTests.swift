import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

typealias Entry = JournalFixture.Entry

/// Six entries: four mail programs (three Postfix instances and Exim), one dovecot entry that
/// must be passed over, and a Postfix message with a newline (the export format's binary form).
let mixedEntries: [Entry] = [
    Entry(
        identifier: "postfix/smtp", pid: 21253,
        message: "C1F3151C8E7: to=<unknown@example.com>, relay=127.0.0.1[127.0.0.1]:2525,"
            + " delay=0.02, delays=0/0/0.01/0.01, dsn=5.1.1, status=bounced"),
    Entry(identifier: "dovecot", pid: 800, message: "imap-login: Login: user=<a@example.com>"),
    Entry(identifier: "postfix-out/smtp", pid: 4410, message: "3F2A1: to=<b@example.net>"),
    Entry(identifier: "postfix/submission/smtpd", pid: 77, message: "connect from localhost"),
    Entry(identifier: "exim", pid: nil, message: "1rXyZa-000abc-Q1 Completed"),
    Entry(identifier: "postfix/cleanup", pid: 12, message: "first line\nsecond line"),
]

/// The mail entries of `mixedEntries`, numbered as make-journal.py numbers them.
let mixedMailIndices = [0, 2, 3, 4, 5]

@Suite struct JournalSourceTests {
    @Test func readsEveryMailEntryFromTheStartAndNothingElse() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = dir.path("mail.journal")
        try JournalFixture.append(mixedEntries, to: path, first: 0)

        let source = try JournalSource(location: .files([path]))
        var records: [JournalRecord] = []
        while let record = try source.next() { records.append(record) }

        #expect(records.count == mixedMailIndices.count)
        #expect(source.recordsRead == mixedMailIndices.count)
        #expect(source.entriesSkipped == 1)
        for (record, index) in zip(records, mixedMailIndices) {
            let entry = mixedEntries[index]
            #expect(record.identifier == entry.identifier)
            #expect(record.pid == entry.pid)
            #expect(record.message == Array(entry.message.utf8))
            #expect(record.hostname == "mx1")
            #expect(record.realtimeMicroseconds == JournalFixture.realtime(ofEntry: index))
        }
        #expect(Set(records.map(\.cursor)).count == records.count)
        #expect(try source.next() == nil)
    }

    @Test func prefixesChooseTheIdentifiers() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = dir.path("mail.journal")
        try JournalFixture.append(mixedEntries, to: path, first: 0)

        let outbound = try JournalSource(
            location: .files([path]), identifierPrefixes: ["postfix-out"])
        #expect(try Self.identifiers(outbound) == ["postfix-out/smtp"])
        let everything = try JournalSource(location: .files([path]), identifierPrefixes: [])
        #expect(try Self.identifiers(everything) == mixedEntries.map(\.identifier))
    }

    @Test func aDirectoryIsReadLikeItsFiles() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        try JournalFixture.append(mixedEntries, to: dir.path("mail.journal"), first: 0)
        let source = try JournalSource(location: .directory(dir.url.path))
        #expect(try Self.identifiers(source).count == mixedMailIndices.count)
    }

    @Test func longMessagesAreCutAndCounted() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = dir.path("mail.journal")
        // Long enough for systemd-journal-remote to store it compressed.
        let long = (0..<600).map { "w\($0) " }.joined()
        try JournalFixture.append(
            [Entry(identifier: "postfix/smtp", pid: 1, message: long)], to: path, first: 0)
        let source = try JournalSource(location: .files([path]), maxMessageLength: 100)
        let record = try #require(try source.next())
        #expect(record.message == Array(long.utf8.prefix(100)))
        #expect(source.truncatedMessages == 1)
        let whole = try JournalSource(location: .files([path]))
        #expect(try whole.next()?.message == Array(long.utf8))
        #expect(whole.truncatedMessages == 0)
    }

    static func identifiers(_ source: JournalSource) throws -> [String] {
        var names: [String] = []
        while let record = try source.next() { names.append(record.identifier) }
        return names
    }
}
