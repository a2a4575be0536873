import BounceCore
import Testing

@testable import BounceNotify

/// Remote replies, program output and log values become one bounded printable line.
@Suite("Text sanitizer and alert log line")
struct TextSanitizerTests {
    @Test(arguments: [
        ("550 5.7.1 blocked\r\nX-Injected: yes", "550 5.7.1 blocked X-Injected: yes"),
        ("  tabs\tand\u{0}nul \u{7F} ", "tabs and nul"),
        ("line\u{2028}separator\u{85}next", "line separator next"),
        ("", ""),
    ])
    func oneLine(input: String, expected: String) {
        #expect(TextSanitizer.line(input) == expected)
    }

    @Test func longTextIsCut() {
        let text = String(repeating: "a", count: 1000)
        #expect(TextSanitizer.line(text, limit: 10) == "aaaaaaaaaa...")
        #expect(
            TextSanitizer.line(Array("\u{FF}\u{FE}ok".utf8) + [0xFF]) == "\u{FF}\u{FE}ok\u{FFFD}")
    }

    @Test func alertLogLineQuotesHostileValues() {
        var notice = SampleNotices.deferralStorm()
        notice.group = [AlertLabel("destination", "evil\"domain\nx=1")]
        #expect(
            AlertLogLine.format(notice)
                == "alert rule=deferral-storm state=firing destination=\"evil\\\"domain x=1\" "
                + "count=40 ratio=0.4 of=100 window=30m destinations=1 top_destination=outlook.com")
    }
}
