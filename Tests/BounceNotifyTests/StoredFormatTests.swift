import BounceCore
import Foundation
import Testing

@testable import BounceNotify

/// The files and bodies that used to come from Foundation's `JSONEncoder` read and compare the
/// same now that the project's own JSON writer and reader make them.
@Suite("Stored formats")
struct StoredFormatTests {
    /// The shape an earlier build stored, encoded by Foundation, as the reference.
    private struct FoundationRecord: Codable {
        struct Notice: Codable {
            struct Label: Codable {
                var name: String
                var value: String
            }
            struct Count: Codable {
                var name: String
                var count: Int
            }
            var rule: String
            var state: String
            var group: [Label]
            var fingerprint: String
            var count: Int
            var ratio: Double?
            var denominator: Int?
            var windowSeconds: Int
            var destinations: [Count]
            var destinationCount: Int
            var cause: String?
            var blocklist: String?
            var delistURL: String?
            var listedIP: String?
            var samples: [String]
            var startedAt: Int64
            var decidedAt: Int64
        }
        var version: Int
        var notifier: String
        var createdAt: Int64
        var notice: Notice
        var message: Data?
    }

    private static func foundationBytes(_ record: OutboxRecord) throws -> [UInt8] {
        let notice = record.notice
        let mirror = FoundationRecord(
            version: record.version, notifier: record.notifier, createdAt: record.createdAt,
            notice: FoundationRecord.Notice(
                rule: notice.rule, state: notice.state,
                group: notice.group.map { .init(name: $0.name, value: $0.value) },
                fingerprint: notice.fingerprint, count: notice.count, ratio: notice.ratio,
                denominator: notice.denominator, windowSeconds: notice.windowSeconds,
                destinations: notice.destinations.map { .init(name: $0.name, count: $0.count) },
                destinationCount: notice.destinationCount, cause: notice.cause,
                blocklist: notice.blocklist, delistURL: notice.delistURL,
                listedIP: notice.listedIP, samples: notice.samples, startedAt: notice.startedAt,
                decidedAt: notice.decidedAt),
            message: record.message.map { Data($0) })
        return Array(try JSONEncoder().encode(mirror))
    }

    @Test(arguments: [false, true])
    func anOutboxFileOfAnEarlierBuildStillLoads(ratio: Bool) throws {
        var notice = ratio ? SampleNotices.deferralStorm() : SampleNotices.blacklisted()
        notice.samples.append("quote \" slash / newline \n é 𝄞 \u{2028}")
        let record = OutboxRecord(
            notifier: "smtp", createdAt: 1_795_734_000, notice: notice,
            message: ratio ? nil : SampleNotices.message())
        let old = try Self.foundationBytes(record)
        #expect(OutboxRecord(json: old) == record)
        #expect(OutboxRecord(json: record.json) == record)
        // The same document, whichever writer wrote it.
        let ours = try JSONSerialization.jsonObject(with: Data(record.json)) as? NSDictionary
        let theirs = try JSONSerialization.jsonObject(with: Data(old)) as? NSDictionary
        #expect(ours == theirs)
    }

    @Test func aDamagedRecordIsRefused() {
        #expect(OutboxRecord(json: Array("{not json".utf8)) == nil)
        #expect(OutboxRecord(json: Array(#"{"version":1,"notifier":"x"}"#.utf8)) == nil)
        let badMessage = #"{"version":1,"notifier":"x","createdAt":1,"message":"!!","notice":{}}"#
        #expect(OutboxRecord(json: Array(badMessage.utf8)) == nil)
    }

    /// Alertmanager gets the same JSON as `JSONEncoder` with sorted keys made.
    @Test func theAlertmanagerBodyIsTheDocumentFoundationWrote() throws {
        struct Mirror: Encodable {
            var labels: [String: String]
            var annotations: [String: String]
            var startsAt: String
            var endsAt: String
        }
        var odd = SampleNotices.blacklisted()
        odd.group.append(AlertLabel("sender", "a\"b\\c/d\u{1}\u{7F}\u{2028}é"))
        let notices = [odd, SampleNotices.deferralStorm(state: .resolved)]
        let now = SampleNotices.startedAt + 100
        let body = AlertmanagerPayload.body(
            notices, hostname: "mx1", now: now, validitySeconds: 600, summary: { $0.rule })
        let mirrors = notices.map {
            let alert = AlertmanagerPayload.alert(
                $0, hostname: "mx1", now: now, validitySeconds: 600, summary: $0.rule)
            return Mirror(
                labels: alert.labels, annotations: alert.annotations, startsAt: alert.startsAt,
                endsAt: alert.endsAt)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let foundation = try encoder.encode(mirrors)
        let ours = try JSONSerialization.jsonObject(with: Data(body)) as? NSArray
        let theirs = try JSONSerialization.jsonObject(with: foundation) as? NSArray
        #expect(ours != nil)
        #expect(ours == theirs)
        // Members in the same order too: only string escapes may differ.
        let keys = { (text: String) in
            text.split(separator: "\"").filter {
                ["annotations", "endsAt", "labels", "startsAt"].contains(String($0))
            }
        }
        #expect(
            keys(String(decoding: body, as: UTF8.self))
                == keys(String(decoding: foundation, as: UTF8.self)))
    }
}
