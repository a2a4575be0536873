/// Failed deliveries by cause, and block-list hits by list, per hour of a scan: the data of the
/// HTML report's charts over time.
///
/// Bounded whatever the input: the buckets span at most `maximumBuckets`, from the earliest
/// counted moment to the latest. When a moment would stretch the span further, the buckets
/// widen (1 h, 2 h, 6 h, 12 h, 1 day, then doubling), each wider bucket the sum of whole
/// narrower ones, so counts stay exact. Block lists are kept by name up to `blocklistLimit`;
/// the rest count as `other`. Buckets are aligned to UTC.
public struct FailureTimeline: Sendable {
    /// The most buckets between the first and the last (a chart stays readable).
    public static let maximumBuckets = 400
    /// Block lists charted by name.
    public static let blocklistLimit = 8
    private static let causeCount = Cause.allCases.count

    /// Seconds per bucket.
    public private(set) var bucketSeconds = 3600
    private var failures: [Int: [Int]] = [:]
    private var hits: [Int: [Int]] = [:]
    private var listNames: [String] = []
    private var listIndex: [String: Int] = [:]
    private var firstBucket = Int.max
    private var lastBucket = Int.min

    public init() {}

    /// Counts a failed delivery of `cause` at `unixSeconds`.
    public mutating func addFailure(at unixSeconds: Int, cause: Cause) {
        let bucket = place(unixSeconds)
        failures[bucket, default: Array(repeating: 0, count: Self.causeCount)][
            Int(cause.rawValue)] += 1
    }

    /// Counts a failed delivery whose reply named block list `list` at `unixSeconds`.
    public mutating func addBlocklistHit(at unixSeconds: Int, list: String) {
        let bucket = place(unixSeconds)
        let slot = slot(of: list)
        hits[bucket, default: Array(repeating: 0, count: Self.blocklistLimit + 1)][slot] += 1
    }

    /// The slot of block list `list`, given one while there is room; `blocklistLimit` (other)
    /// after that.
    private mutating func slot(of list: String) -> Int {
        if let known = listIndex[list] { return known }
        guard listNames.count < Self.blocklistLimit else { return Self.blocklistLimit }
        listIndex[list] = listNames.count
        listNames.append(list)
        return listNames.count - 1
    }

    /// Adds the counts of `other`, a timeline of later lines of the same logs, so that the
    /// result is the timeline one pass over both gives: the buckets widen to what the whole
    /// span needs (each width divides the next, so the sums stay exact), and block lists keep
    /// their slots in the order first seen. A list `other` already counted as `other` stays
    /// there.
    public mutating func merge(_ other: FailureTimeline) {
        guard other.firstBucket <= other.lastBucket else { return }
        var other = other
        while true {
            while other.bucketSeconds < bucketSeconds { other.widen() }
            _ = place(other.firstBucket * other.bucketSeconds)
            _ = place(other.lastBucket * other.bucketSeconds)
            if other.bucketSeconds == bucketSeconds { break }
        }
        for (bucket, counts) in other.failures {
            var merged = failures[bucket] ?? Array(repeating: 0, count: Self.causeCount)
            for index in counts.indices { merged[index] += counts[index] }
            failures[bucket] = merged
        }
        let slots = (0...Self.blocklistLimit).map { index in
            index < other.listNames.count ? slot(of: other.listNames[index]) : Self.blocklistLimit
        }
        for (bucket, counts) in other.hits {
            var merged = hits[bucket] ?? Array(repeating: 0, count: Self.blocklistLimit + 1)
            for (index, count) in counts.enumerated() { merged[slots[index]] += count }
            hits[bucket] = merged
        }
    }

    /// The series, with each bucket's start placed in the local zone by `utcOffset`. Causes
    /// and lists are ordered by their totals, largest first (ties by declaration order or
    /// name); nil when nothing was counted.
    public func report(utcOffset: (Int) -> Int) -> FailureTimelineReport? {
        guard firstBucket <= lastBucket else { return nil }
        let range = firstBucket...lastBucket
        let starts = range.map { bucket in
            let unix = bucket * bucketSeconds
            return LogInstant(unixSeconds: unix, utcOffsetSeconds: utcOffset(unix))
        }
        let causeSeries = Cause.allCases.map { cause in
            TimelineSeries(
                name: cause.identifier,
                counts: range.map { failures[$0]?[Int(cause.rawValue)] ?? 0 })
        }
        let names = listNames + ["other"]
        let listSeries = names.indices.map { slot in
            TimelineSeries(name: names[slot], counts: range.map { hits[$0]?[slot] ?? 0 })
        }
        return FailureTimelineReport(
            bucketSeconds: bucketSeconds, bucketStarts: starts,
            failures: Self.ranked(causeSeries, byName: false),
            blocklistHits: Self.ranked(listSeries, byName: true))
    }

    private static func ranked(_ series: [TimelineSeries], byName: Bool) -> [TimelineSeries] {
        series.filter { $0.total > 0 }.enumerated()
            .sorted { first, second in
                if first.element.total != second.element.total {
                    return first.element.total > second.element.total
                }
                return byName
                    ? first.element.name < second.element.name : first.offset < second.offset
            }
            .map(\.element)
    }

    /// The bucket of `unixSeconds`, widening the buckets first when the span would grow past
    /// `maximumBuckets`.
    private mutating func place(_ unixSeconds: Int) -> Int {
        while true {
            let bucket = floorDivision(unixSeconds, bucketSeconds)
            let low = Swift.min(firstBucket, bucket)
            let high = Swift.max(lastBucket, bucket)
            if high - low < Self.maximumBuckets {
                firstBucket = low
                lastBucket = high
                return bucket
            }
            widen()
        }
    }

    private mutating func widen() {
        let wider: Int
        switch bucketSeconds {
        case 3600: wider = 7200
        case 7200: wider = 21_600
        case 21_600: wider = 43_200
        case 43_200: wider = 86_400
        default: wider = bucketSeconds * 2
        }
        let factor = wider / bucketSeconds
        failures = Self.merge(failures, factor: factor)
        hits = Self.merge(hits, factor: factor)
        bucketSeconds = wider
        if firstBucket <= lastBucket {
            firstBucket = floorDivision(firstBucket, factor)
            lastBucket = floorDivision(lastBucket, factor)
        }
    }

    private static func merge(_ buckets: [Int: [Int]], factor: Int) -> [Int: [Int]] {
        var merged: [Int: [Int]] = [:]
        for (bucket, counts) in buckets {
            let key = floorDivision(bucket, factor)
            if var existing = merged[key] {
                for index in counts.indices { existing[index] += counts[index] }
                merged[key] = existing
            } else {
                merged[key] = counts
            }
        }
        return merged
    }
}
