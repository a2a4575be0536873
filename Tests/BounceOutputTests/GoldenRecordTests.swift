import BounceTestSupport
import Foundation
import Testing

@Suite struct GoldenRecordTests {
    /// Record mode writes the file and is a problem, so the run fails and a re-record is
    /// always looked at.
    @Test func recordingRewritesTheFileAndFails() throws {
        let scratch = try TemporaryDirectory()
        let recorded = Golden.problem(
            "new text\n", against: "report.txt", recording: true, in: scratch.url)
        #expect(recorded?.contains("report.txt rewritten") == true)
        #expect(try scratch.read("report.txt") == "new text\n")
        #expect(
            Golden.problem("new text\n", against: "report.txt", recording: false, in: scratch.url)
                == nil)
        let changed = Golden.problem(
            "other\n", against: "report.txt", recording: false, in: scratch.url)
        #expect(changed?.hasPrefix("report.txt differs at line 1") == true)
        #expect(
            Golden.problem("x", against: "absent.txt", recording: false, in: scratch.url)?
                .contains("missing") == true)
    }
}
