import BounceCore
import Testing

@testable import BounceOutput

/// The text report's Senders and Authenticated users tables.
@Suite struct ScanTextSenderTests {
    /// What the state could not count closes the second table, one note in parentheses a
    /// count that is not zero, as the HTML page says it.
    @Test func theStateNotesCloseTheUsersTable() throws {
        var report = SampleReports.small
        report.senders?.deliveriesWithoutSender = 17
        report.senders?.evictedMessages = 3
        report.senders?.namesOverflowed = 2
        let text = ScanTextRenderer.render(report)
        let users = try #require(text.split(separator: "Authenticated users (").last)
        let notes = users.split(separator: "\n").filter { $0.hasPrefix("  (") }
        #expect(
            notes == [
                "  (17 deliveries of messages whose sender the log does not say)",
                "  (3 open messages dropped by the state's bound)",
                "  (2 names past the state's bound counted as other)",
            ])
        report.senders?.evictedMessages = 0
        let two = ScanTextRenderer.render(report)
        #expect(!two.contains("open messages dropped"))
        #expect(two.contains("  (2 names past the state's bound counted as other)\n"))
        #expect(!ScanTextRenderer.render(SampleReports.small).contains("the state's bound"))
    }
}
