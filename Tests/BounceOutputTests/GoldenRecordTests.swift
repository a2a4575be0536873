import BounceTestSupport
import Foundation
import Testing

@Suite struct GoldenRecordTests {
    /// Record mode writes the file and fails the run, so a re-record is always looked at.
    @Test func recordingRewritesTheFileAndFails() throws {
        let scratch = try TemporaryDirectory()
        withKnownIssue {
            Golden.check("new text\n", against: "report.txt", recording: true, in: scratch.url)
        }
        #expect(try scratch.read("report.txt") == "new text\n")
        Golden.check("new text\n", against: "report.txt", recording: false, in: scratch.url)
        withKnownIssue {
            Golden.check("other\n", against: "report.txt", recording: false, in: scratch.url)
        }
    }
}
