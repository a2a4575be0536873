import Testing

@testable import BounceCore

/// `ArchiveSkip`: rotated files whose lines all lie outside the period are not read.
private let day = 86_400

@Suite struct ArchiveSkipTests {
    /// Daily files, given newest first as `mail.log*` globs list them: day 3, 2, 1, 0.
    private static let firsts: [Int?] = [3 * day + 5, 2 * day + 1, day + 7, 0 + 2]

    @Test func oneDayReadsTheFilesThatCanHoldIt() {
        let period = ReportPeriod(start: 2 * day, end: 3 * day)
        // Day 1's file runs until day 2's first stamp, after the start: it may hold lines
        // of the period. Day 3's starts after the end; day 0's ends before day 1's start.
        #expect(
            ArchiveSkip.skipped(firstStamps: Self.firsts, period: period)
                == [true, false, false, true])
    }

    @Test func aFileEndingExactlyAtTheStartIsSkipped() {
        let period = ReportPeriod(start: 2 * day + 1, end: nil)
        #expect(
            ArchiveSkip.skipped(firstStamps: Self.firsts, period: period)
                == [false, false, true, true])
    }

    @Test func unknownStampsAndOpenPeriodsReadEverything() {
        #expect(
            ArchiveSkip.skipped(firstStamps: [nil, 5, nil], period: ReportPeriod(start: 10))
                == [false, false, false])
        #expect(
            ArchiveSkip.skipped(firstStamps: Self.firsts, period: ReportPeriod())
                == [false, false, false, false])
    }

    @Test func theNewestFileIsReadWhileItStartsBeforeTheEnd() {
        #expect(
            ArchiveSkip.skipped(firstStamps: [3 * day], period: ReportPeriod(start: 4 * day))
                == [false])
        #expect(
            ArchiveSkip.skipped(
                firstStamps: [3 * day], period: ReportPeriod(start: 0, end: 3 * day)) == [true])
    }
}
