import Testing

@testable import BounceCore

/// `StampCache` answers what the stamp parsers answer: a line read after any other line (same
/// stamp bytes or not, broken or not) gets the stamp and the end the parser gives it alone.
@Suite struct StampCacheTests {
    /// Every variant of the stamps `WordReaderTests` uses, and each with a second tail, so that
    /// lines share their first bytes with lines whose later bytes differ.
    static func lines(_ stamps: [String]) -> [[UInt8]] {
        stamps.flatMap { stamp in
            WordReaderTests.variants(of: stamp)
                + WordReaderTests.variants(of: stamp, tail: ".5 mx2 postfix/smtp[2]: other")
        }
    }

    /// The lines a cache is primed with: each stamp as written, and the same stamps one
    /// second or one fraction digit apart.
    static func previous(_ stamps: [String]) -> [[UInt8]] {
        stamps.flatMap { stamp in
            [
                Array((stamp + " host prog[1]: text").utf8),
                Array((stamp + ".25 host prog[1]: text").utf8),
                Array((stamp + "9 host prog[1]: text").utf8),
            ]
        }
    }

    @Test func bsdStampsAgreeWithTheParser() {
        let lines = Self.lines(WordReaderTests.bsdStamps)
        var misses: [[UInt8]] = []
        for first in Self.previous(WordReaderTests.bsdStamps) {
            var cache = StampCache()
            first.withUnsafeBufferPointer { line in
                var index = 0
                _ = cache.bsd(line, at: &index)
            }
            for bytes in lines {
                bytes.withUnsafeBufferPointer { line in
                    var cachedEnd = 0
                    var parsedEnd = 0
                    var copy = cache
                    let cached = copy.bsd(line, at: &cachedEnd)
                    let parsed = TimestampParser.bsd(line, at: &parsedEnd)
                    if cached != parsed || cachedEnd != parsedEnd { misses.append(bytes) }
                }
            }
        }
        let missCount = misses.count
        let firstMisses = misses.prefix(3).map { String(decoding: $0, as: UTF8.self) }
        #expect(missCount == 0, "\(firstMisses)")
    }

    @Test func dateTimeStampsAgreeWithTheParser() {
        let lines = Self.lines(WordReaderTests.dateTimeStamps)
        var misses: [[UInt8]] = []
        for first in Self.previous(WordReaderTests.dateTimeStamps) {
            var cache = StampCache()
            first.withUnsafeBufferPointer { line in
                var index = 0
                _ = cache.rfc3339(line, at: &index)
                index = 0
                _ = cache.exim(line, at: &index)
            }
            for bytes in lines {
                bytes.withUnsafeBufferPointer { line in
                    var copy = cache
                    var cachedEnd = 0
                    var parsedEnd = 0
                    let cached = copy.rfc3339(line, at: &cachedEnd)
                    let parsed = TimestampParser.rfc3339(line, at: &parsedEnd)
                    if cached != parsed || cachedEnd != parsedEnd { misses.append(bytes) }
                    copy = cache
                    cachedEnd = 0
                    parsedEnd = 0
                    let cachedExim = copy.exim(line, at: &cachedEnd)
                    let parsedExim = TimestampParser.exim(line, at: &parsedEnd)
                    if cachedExim != parsedExim || cachedEnd != parsedEnd { misses.append(bytes) }
                }
            }
        }
        let missCount = misses.count
        let firstMisses = misses.prefix(3).map { String(decoding: $0, as: UTF8.self) }
        #expect(missCount == 0, "\(firstMisses)")
    }

    /// Exim lines whose stamp differs from the entry's in the second only, or in bytes that
    /// look like it: each gets what the parser gives it, and the entry keeps agreeing after it.
    @Test func eximSecondsAgreeWithTheParser() {
        let seconds =
            (0...61).map { $0 < 10 ? "0\($0)" : "\($0)" }
            + ["99", "6x", "x5", " 5", "-5", "5:", "\u{FF}5"]
        let texts =
            ["2026-11-26 10:00:01 a"] + seconds.map { "2026-11-26 10:00:\($0) a" }
            + ["2026-11-26 10:00;07 a", "2026-11-26 10:01:07 a", "2026-11-26 10:00:07.5 a"]
        var cache = StampCache()
        var misses: [String] = []
        for text in texts {
            Array(text.utf8).withUnsafeBufferPointer { line in
                var cachedEnd = 0
                var parsedEnd = 0
                let cached = cache.exim(line, at: &cachedEnd)
                let parsed = TimestampParser.exim(line, at: &parsedEnd)
                if cached != parsed || cachedEnd != parsedEnd { misses.append(text) }
            }
        }
        #expect(misses.isEmpty, "\(misses)")
    }

    /// A whole log read with one cache parses as each line read alone, header and all.
    @Test func headersAgreeAcrossALog() {
        let log = [
            "Nov 26 10:00:01 mx1 postfix/smtpd[1]: connect from a[192.0.2.1]",
            "Nov 26 10:00:01 mx1 postfix/smtpd[1]: disconnect from a[192.0.2.1]",
            "Nov 26 10:00:01.5 mx1 postfix/smtpd[1]: connect from a[192.0.2.1]",
            "Nov 26 10:00:01 mx2 postfix/qmgr[2]: 4F2A81C0A1: removed",
            "Nov 26 10:00:02 mx2 postfix/qmgr[2]: 4F2A81C0A1: removed",
            "2026-11-26T10:00:02.123456+00:00 mx1 postfix/smtp[3]: note",
            "2026-11-26T10:00:02.654321+01:00 mx1 postfix/smtp[3]: note",
            "2026-11-26T10:00:02Z mx1 postfix/smtp[3]: note",
            "2026-11-26T10:00:02.123456789-05:30 mx1 postfix/smtp[3]: note",
            "2026-11-26T10:00:02 mx1 postfix/smtp[3]: note",
        ]
        var cache = StampCache()
        for text in log {
            Array(text.utf8).withUnsafeBufferPointer { line in
                let alone = SyslogHeader.parse(line)
                let cached = SyslogHeader.parse(line, stamps: &cache)
                #expect(alone?.timestamp == cached?.timestamp, "\(text)")
                #expect(alone?.messageStart == cached?.messageStart, "\(text)")
            }
        }
    }
}
