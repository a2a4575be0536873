import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

/// `container:` on a journal source: the entries Docker's journald log driver writes for one
/// container (`CONTAINER_NAME`, `SYSLOG_IDENTIFIER` = the container's tag), each `MESSAGE` a
/// whole line as the container wrote it.
@Suite struct JournalContainerTests {
    static let bounce =
        "postfix/smtp[137]: 73EBC8B09: to=<u@example.com>, relay=mx.example.com[192.0.2.1]:25,"
        + " delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1]"
        + " said: 550 5.1.1 <u@example.com>: User unknown (in reply to RCPT TO command))"

    /// A host's journal with the container's entries between the host's own mail entries and
    /// another container's.
    static func journal(_ dir: TemporaryDirectory) throws -> String {
        let path = dir.path("docker.journal")
        try JournalFixture.append(
            [Entry(identifier: "postfix/smtp", pid: 10, message: "1A2B3C: to=<h@example.org>")],
            to: path, first: 0)
        try JournalFixture.append(
            [
                // The line as Postfix wrote it, without a stamp (maillog_file = /dev/stdout
                // with a bare prefix), then one with its own syslog stamp, then noise.
                Entry(identifier: "0123456789ab", pid: nil, message: bounce),
                Entry(
                    identifier: "0123456789ab", pid: nil,
                    message: "Dec  6 10:00:03 mail postfix/smtp[138]: 73EBC8B0A: "
                        + "to=<v@example.com>, relay=none, delay=2, delays=0/0/2/0, dsn=4.4.1, "
                        + "status=deferred (connect to mx.example.com[192.0.2.1]:25: "
                        + "Connection refused)"),
                Entry(identifier: "0123456789ab", pid: nil, message: "INFO spawned: 'postfix'"),
            ], to: path, first: 1,
            fields: [
                "CONTAINER_NAME=mailserver", "CONTAINER_ID=0123456789ab", "_TRANSPORT=journal",
            ])
        try JournalFixture.append(
            [Entry(identifier: "fedcba987654", pid: nil, message: bounce)], to: path, first: 4,
            fields: ["CONTAINER_NAME=other", "CONTAINER_ID=fedcba987654"])
        return path
    }

    @Test func readsOnlyTheContainersEntriesWhateverTheirTag() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = try Self.journal(dir)
        let source = try JournalSource(location: .files([path]), container: "mailserver")
        var records: [JournalRecord] = []
        while let record = try source.next() { records.append(record) }
        #expect(records.map(\.identifier) == ["0123456789ab", "0123456789ab", "0123456789ab"])
        #expect(records.allSatisfy { $0.isContainerLine })
        #expect(records.first?.message == Array(Self.bounce.utf8))
    }

    @Test func eachMessageIsParsedAsAWholeLine() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = try Self.journal(dir)
        let source = try JournalSource(location: .files([path]), container: "mailserver")
        var line: [UInt8] = []
        var outcomes: [String] = []
        var statuses: [DeliveryStatus] = []
        var years: [Int?] = []
        while let record = try source.next() {
            let result = record.parse(into: &line, format: .auto)
            outcomes.append(result.identifier)
            if case .event(let event) = result {
                statuses.append(event.status)
                years.append(event.timestamp?.year)
            }
        }
        // The supervisor's line reads as a program of its own, not a mail log line.
        #expect(outcomes == ["event", "event", "ignored"])
        #expect(statuses == [.bounced, .deferred])
        // The stamp-less line took the entry's time (2026-11-27, in UTC); the other kept its
        // own classic stamp, which has no year.
        #expect(years == [2026, nil])
    }

    @Test func withoutContainerTheHostsEntriesAreReadByIdentifier() throws {
        guard JournalFixture.isAvailable() else { return }
        let dir = try TemporaryDirectory()
        let path = try Self.journal(dir)
        let source = try JournalSource(location: .files([path]))
        var identifiers: [String] = []
        while let record = try source.next() { identifiers.append(record.identifier) }
        #expect(identifiers == ["postfix/smtp"])
    }
}
