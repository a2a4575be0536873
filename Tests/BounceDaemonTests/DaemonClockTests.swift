import BounceCore
import Foundation
import Logging
import Synchronization
import Testing

@testable import BounceDaemon

/// A wall clock the test sets, for `DaemonOptions.wallClock`.
final class SteppedClock: Sendable {
    private let seconds: Atomic<Int64>

    init(_ start: Int64) { seconds = Atomic(start) }

    var now: Int64 {
        get { seconds.load(ordering: .relaxed) }
        set { seconds.store(newValue, ordering: .relaxed) }
    }

    var reading: @Sendable () -> Int64 { { [self] in now } }
}

/// The daemon against a wall clock that does what real ones do: lines stamped long ago in the
/// middle of current ones, and steps back (NTP corrections, restored virtual machines).
@Suite struct DaemonClockTests {
    /// 2026-11-26T12:00:00Z.
    static let noon = Int64(1_795_737_600 - 12 * 3600)

    private func loop(
        _ harness: DaemonHarness, _ configuration: Configuration, _ clock: SteppedClock
    )
        throws -> DaemonLoop
    {
        try DaemonLoop(
            options: DaemonOptions(
                configuration: configuration, version: "test",
                makeAlerts: DaemonAlerts.factory(logger: Logger(label: "test")),
                wallClock: clock.reading),
            control: LoopControl())
    }

    private func alertConfiguration(_ harness: DaemonHarness) -> Configuration {
        var configuration = harness.configuration([harness.fileSource("mail.log")])
        configuration.alerts = [DaemonAlertsTests.rule]
        configuration.notifiers = [.file(FileNotifierConfig(path: harness.path("alerts.mbox")))]
        configuration.hostname = "mx1"
        return configuration
    }

    /// Unix seconds of a local wall-clock time in 2026, the way the system zone reads it.
    private func local2026(month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let date = calendar.date(
            from: DateComponents(
                year: 2026, month: month, day: day, hour: hour, minute: minute, second: second))!
        return Int64(date.timeIntervalSince1970)
    }

    private func bounce(_ stamp: String, id: Int) -> String {
        "\(stamp) mx1 postfix/smtp[4242]: 4F2A\(id): to=<bob@gmail.com>, "
            + "relay=mx.gmail.com[192.0.2.7]:25, delay=1.4, delays=0.1/0/0.7/0.6, dsn=5.1.1, "
            + "status=bounced (host mx.gmail.com[192.0.2.7] said: 550 5.1.1 no such user"
            + " (in reply to RCPT TO command))\n"
    }

    /// One line stamped half a year back between current ones: it lands in its own year and
    /// the lines after it stay in this one (they used to move to 2027).
    @Test func aStrayOldStampMovesNoOtherLine() throws {
        let harness = try DaemonHarness()
        let clock = SteppedClock(Self.noon)
        let loop = try loop(harness, harness.mailLogConfiguration, clock)
        try harness.append("mail.log", text: bounce("Nov 26 10:00:01", id: 1))
        loop.poll()
        let first = local2026(month: 11, day: 26, hour: 10, minute: 0, second: 1)
        #expect(loop.metrics.snapshot().sources.first?.lastEventTime == first)
        try harness.append("mail.log", text: bounce("May 30 09:00:00", id: 2))
        loop.poll()
        let stray = local2026(month: 5, day: 30, hour: 9, minute: 0, second: 0)
        #expect(loop.metrics.snapshot().sources.first?.lastEventTime == stray)
        try harness.append("mail.log", text: bounce("Nov 26 10:00:02", id: 3))
        loop.poll()
        #expect(loop.metrics.snapshot().sources.first?.lastEventTime == first + 1)
        #expect(loop.metrics.snapshot().deliveries.bounced == 3)
    }

    /// A `Jan  1` line read on Jul 1 is this year's January, and the July lines after it stay
    /// in July.
    @Test func aJanuaryStampReadInJulyIsThisYears() throws {
        let harness = try DaemonHarness()
        let july = local2026(month: 7, day: 1, hour: 12, minute: 0, second: 0)
        let clock = SteppedClock(july)
        let loop = try loop(harness, harness.mailLogConfiguration, clock)
        try harness.append(
            "mail.log",
            text: bounce("Jul  1 11:00:00", id: 1) + bounce("Jan  1 00:00:00", id: 2)
                + bounce("Jul  1 11:00:01", id: 3))
        loop.poll()
        #expect(
            loop.metrics.snapshot().sources.first?.lastEventTime
                == local2026(month: 7, day: 1, hour: 11, minute: 0, second: 1))
    }

    /// The messages in the mbox, split at their `From ` lines.
    private func messages(_ harness: DaemonHarness) -> [String] {
        guard let text = try? String(contentsOfFile: harness.path("alerts.mbox"), encoding: .utf8)
        else { return [] }
        return text.components(separatedBy: "\nFrom ").filter { !$0.isEmpty }
    }

    private func firing(_ loop: DaemonLoop) -> Bool {
        loop.renderTextfile().contains("bouncewatch_alerts_firing{rule=\"blacklisted\"} 1")
    }

    /// A firing alert stays firing, without a mail, through a 2-minute and then a 1-hour step
    /// back, and resolves once its window has passed on a clock that never went back.
    @Test func aClockSteppedBackNeitherResolvesNorRefires() throws {
        let harness = try DaemonHarness()
        let start = Self.noon
        let clock = SteppedClock(start)
        try harness.append(
            "mail.log",
            text: DaemonAlertsTests.blacklisting(at: start - 20)
                + DaemonAlertsTests.blacklisting(at: start - 10))
        let loop = try loop(harness, alertConfiguration(harness), clock)
        loop.poll()
        loop.flush()
        #expect(firing(loop))
        // Two minutes back, then the clock runs on past the events' own times.
        for now in [start - 120, start - 35, start - 10, start + 60] {
            clock.now = now
            loop.poll()
            loop.flush()
            #expect(firing(loop), "at \(now - start)")
        }
        // An hour back: the events stay counted (they used to be forgotten as "far future").
        clock.now = start + 60 - 3600
        loop.poll()
        loop.flush()
        #expect(firing(loop))
        let alerts = loop.checkpoint(at: clock.now).alerts
        #expect(alerts.contains { $0.hasPrefix("group firing \(start - 20) \(start) ") })
        #expect(alerts.filter { $0.hasPrefix("match ") }.count == 2)
        // The window (15 minutes) ends on the clock that never went back: resolved once.
        clock.now = start + 15 * 60 + 60
        loop.poll()
        loop.flush()
        #expect(!firing(loop))
        loop.finish()
        let mails = messages(harness)
        try #require(mails.count == 2, "\(mails.map { $0.prefix(400) })")
        #expect(mails[0].contains("Subject: [bouncewatch] mx1: blacklisted"))
        #expect(!mails[0].contains("RESOLVED"))
        #expect(mails[0].contains(".\(start).firing."))
        #expect(mails[1].contains("RESOLVED"))
        #expect(mails[1].contains(".\(start + 15 * 60 + 60).resolved."))
    }
}
