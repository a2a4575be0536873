import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceNotify

@Suite("mbox writer")
struct MboxWriterTests {
    @Test func separatorQuotingAndBlankLine() throws {
        let message = Array(
            "Subject: s\r\n\r\nFrom here\r\n>From there\r\nno From \r\nFrom\r\nlast".utf8)
        let entry = MboxWriter.entry(message, sender: "bouncewatch@mx1", date: 1_795_734_574)
        #expect(
            String(decoding: entry, as: UTF8.self)
                == "From bouncewatch@mx1 Thu Nov 26 23:09:34 2026\nSubject: s\n\n>From here\n"
                + ">>From there\nno From \nFrom\nlast\n\n")
    }

    @Test func appendsUnderALockAndKeepsEarlierMessages() throws {
        let scratch = try TemporaryDirectory()
        let writer = MboxWriter(path: scratch.path("alerts.mbox"))
        try writer.append(SampleNotices.message(marker: "one"), sender: "a@b", date: 0)
        try writer.append(SampleNotices.message(marker: "two"), sender: "a@b", date: 86400)
        let text = try scratch.read("alerts.mbox")
        #expect(text.hasPrefix("From a@b Thu Jan  1 00:00:00 1970\nFrom: "))
        #expect(text.contains("\n\nFrom a@b Fri Jan  2 00:00:00 1970\nFrom: "))
        #expect(text.components(separatedBy: "\n>From the log: something\n").count == 3)
        #expect(!text.contains("\r"))
        let attributes = try FileManager.default.attributesOfItem(
            atPath: scratch.path("alerts.mbox"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test(arguments: [
        (Int64(0), "Thu Jan  1 00:00:00 1970", "1970-01-01T00:00:00Z"),
        (Int64(951_782_400), "Tue Feb 29 00:00:00 2000", "2000-02-29T00:00:00Z"),
        (Int64(-1), "Wed Dec 31 23:59:59 1969", "1969-12-31T23:59:59Z"),
        (Int64(1_795_734_574), "Thu Nov 26 23:09:34 2026", "2026-11-26T23:09:34Z"),
    ])
    func civilTime(seconds: Int64, asctime: String, rfc3339: String) {
        #expect(CivilTime(epochSeconds: seconds).asctime == asctime)
        #expect(CivilTime(epochSeconds: seconds).rfc3339 == rfc3339)
    }
}
