import Testing

@testable import BounceCore

/// A window's first event becomes its newest bucket at once (`AlertWindow.add`'s shortcut);
/// held to the plain ring for fresh windows and for windows a far-future line was forgotten
/// from, at times around bucket edges, before 1970 included, followed by a second event.
@Suite struct AlertWindowFirstEventTests {
    @Test func firstEventCountsAsInThePlainRing() {
        for windowSeconds in [1, 59, 60, 61, 900, 3600] {
            let width = Int64(max(1, windowSeconds / 60))
            for first: Int64 in [-width - 1, -1, 0, 1, width - 1, width, 1_796_639_197] {
                for second in [first, first + 1, first + width, first - width, first + 3600] {
                    for forgetting in [false, true] {
                        var window = AlertWindow(windowSeconds: windowSeconds)
                        var reference = AlertWindowInlineTests.ReferenceWindow(
                            windowSeconds: windowSeconds)
                        if forgetting {
                            // A line far ahead, forgotten: the window is empty again.
                            _ = window.add(
                                time: first + 1_000_000, matched: true, denominator: true)
                            window.forgetFarFuture(at: first)
                        }
                        for (time, matched) in [(first, true), (second, false)] {
                            let counted = window.add(
                                time: time, matched: matched, denominator: true)
                            let expected = reference.add(
                                time: time, matched: matched, denominator: true)
                            #expect(counted == expected, "\(windowSeconds) \(first) \(second)")
                        }
                        for now in [first, second, first + Int64(windowSeconds), second + 60] {
                            #expect(
                                window.totals(at: now) == reference.totals(at: now),
                                "\(windowSeconds) \(first) \(second) \(now)")
                            #expect(
                                window.oldestMatchedStart(at: now)
                                    == reference.oldestMatchedStart(at: now))
                        }
                    }
                }
            }
        }
    }
}
