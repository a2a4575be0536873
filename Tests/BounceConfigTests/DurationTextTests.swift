import Testing

@testable import BounceConfig

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("30s", 30), ("15m", 900), ("4h", 14_400), ("1d", 86_400), ("1h30m", 5_400),
        ("1d2h3m4s", 93_784), ("0", 0), ("86400", 86_400), ("90m", 5_400),
    ])
    func reads(_ text: String, _ seconds: Int) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(arguments: [
        "", "s", "15x", "1h30", "30m1h", "1h1h", "-5s", "1.5h", "15 m", " 15m", "1w",
        "99999999999s", "4000d",
    ])
    func refuses(_ text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    @Test(arguments: [
        (0, "0s"), (1, "1s"), (60, "1m"), (90, "1m30s"), (3_600, "1h"), (5_400, "1h30m"),
        (86_400, "1d"), (93_784, "1d2h3m4s"), (14_400, "4h"),
    ])
    func writesTheShortestText(_ seconds: Int, _ text: String) {
        #expect(DurationText.text(seconds) == text)
        #expect(DurationText.seconds(text) == seconds)
    }
}
