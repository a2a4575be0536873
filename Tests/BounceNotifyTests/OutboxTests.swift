import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceNotify

@Suite("Outbox")
struct OutboxTests {
    @Test func recordsComeBackInSubmissionOrder() throws {
        let scratch = try TemporaryDirectory()
        let outbox = try Outbox(stateDirectory: scratch.path, notifier: "smtp")
        var names: [String] = []
        for (index, rule) in ["b-second", "a-first", "c-third"].enumerated() {
            var notice = SampleNotices.blacklisted()
            notice.rule = rule
            let record = OutboxRecord(
                notifier: "smtp", createdAt: 100, notice: notice, message: [UInt8(index)])
            names.append(try outbox.add(record))
        }
        let pending = outbox.pending()
        #expect(pending.unreadable.isEmpty)
        #expect(pending.records.map(\.name) == names)
        #expect(pending.records.map(\.record.notice.rule) == ["b-second", "a-first", "c-third"])
        #expect(
            pending.records.first?.record.notice.notice
                == {
                    var notice = SampleNotices.blacklisted()
                    notice.rule = "b-second"
                    return notice
                }())
        #expect(pending.records.map { $0.record.message.map(Array.init) } == [[0], [1], [2]])
        try outbox.remove(names[1])
        #expect(outbox.pending().records.map(\.name) == [names[0], names[2]])
    }

    @Test func aLookupNoticeKeepsItsHeadlineSummaryAndDetails() throws {
        var notice = SampleNotices.blacklisted()
        notice.rule = "listed"
        notice.headline = "203.0.113.5 listed on Spamhaus ZEN"
        notice.summary = "A lookup answers 127.0.0.2."
        notice.details = [AlertLabel("Listed as", "127.0.0.2 (SBL)"), AlertLabel("Lookup", "x")]
        let record = OutboxRecord(notifier: "smtp", createdAt: 100, notice: notice, message: nil)
        let read = try #require(OutboxRecord(json: record.json))
        #expect(read.notice.notice == notice)
        // A record of an earlier build has none of them and reads as it did.
        let plain = OutboxRecord(
            notifier: "smtp", createdAt: 100, notice: SampleNotices.blacklisted(), message: nil)
        let text = String(decoding: plain.json, as: UTF8.self)
        #expect(!text.contains("headline") && !text.contains("details"))
        #expect(OutboxRecord(json: plain.json)?.notice.notice == SampleNotices.blacklisted())
        // A damaged member is refused, not half read.
        let damaged = text.replacingOccurrences(
            of: #""decidedAt":"#, with: #""details":[{"name":1}],"decidedAt":"#)
        #expect(OutboxRecord(json: Array(damaged.utf8)) == nil)
    }

    @Test func anUnreadableFileIsSetAsideAndLogged() throws {
        let scratch = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: scratch.path("outbox/file"), withIntermediateDirectories: true)
        try scratch.write("outbox/file/000000000001-00000000000000001.alert", "{not json")
        let logs = LogCollector()
        let dispatcher = try NotificationDispatcher(
            notifiers: [.file(FileNotifierConfig(path: scratch.path("a.mbox")))],
            stateDirectory: scratch.path, hostname: "mx1", log: logs.log)
        dispatcher.stop()
        #expect(
            scratch.names(in: "outbox/file") == [
                "000000000001-00000000000000001.alert.unreadable"
            ])
        #expect(logs.lines.contains { $0.contains("cannot read pending alert") })
    }

    @Test(arguments: [
        ("smtp", "smtp"), ("relay-2.backup", "relay-2.backup"), ("../x", "_.._x-"),
        ("", "_-"),
    ])
    func directoryNamesStaySafe(name: String, prefix: String) {
        let directory = Outbox.directoryName(name)
        #expect(directory.hasPrefix(prefix))
        #expect(!directory.contains("/"))
        #expect(directory != "." && directory != "..")
    }
}
