import BounceCore
import Testing

@testable import BounceIngest

private func record(
    identifier: String = "postfix/smtp", pid: Int? = 21253, hostname: String? = "mx1",
    message: String = "C1F3151C8E7: status=bounced", micros: UInt64 = 1_795_820_401_000_123
) -> JournalRecord {
    JournalRecord(
        realtimeMicroseconds: micros, identifier: identifier, pid: pid, hostname: hostname,
        message: Array(message.utf8), cursor: "s=1;i=1")
}

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

@Suite struct JournalSyslogLineTests {
    @Test func buildsAnRFC3339SyslogLineInUTC() {
        #expect(
            text(record().syslogLine)
                == "2026-11-27T23:00:01.000123+00:00 mx1 postfix/smtp[21253]:"
                + " C1F3151C8E7: status=bounced")
    }

    @Test func theHeaderParsesBackExactly() throws {
        let line = record(identifier: "postfix-out/smtp").syslogLine
        let header = try #require(line.withUnsafeBufferPointer { SyslogHeader.parse($0) })
        #expect(
            header.timestamp
                == LogTimestamp(
                    year: 2026, month: 11, day: 27, hour: 23, minute: 0, second: 1,
                    nanosecond: 123_000, utcOffsetSeconds: 0))
        #expect(text(Array(line[header.program.start..<header.program.end])) == "postfix-out/smtp")
        #expect(header.pid == 21253)
        #expect(text(Array(line[header.messageStart...])) == "C1F3151C8E7: status=bounced")
    }

    @Test func missingFieldsAndUnsafeBytesKeepTheHeaderWhole() {
        let odd = record(identifier: "postfix x:[y]", pid: nil, hostname: nil, micros: 0)
        #expect(
            text(odd.syslogLine)
                == "1970-01-01T00:00:00+00:00 - postfix_x__y]: C1F3151C8E7: status=bounced")
        let spaced = record(hostname: "mail host")
        #expect(text(spaced.syslogLine).contains(" mail_host postfix/smtp[21253]: "))
    }

    @Test func oneBufferServesManyRecords() {
        var buffer: [UInt8] = []
        record(message: "a much longer message than the next one").syslogLine(into: &buffer)
        record(message: "short").syslogLine(into: &buffer)
        #expect(text(buffer).hasSuffix("[21253]: short"))
        #expect(buffer == record(message: "short").syslogLine)
    }
}
