/// The period a scan was limited to (`scan --since/--until`), as the report states it.
public struct ScanPeriod: Sendable, Equatable {
    /// The first moment counted, in the local offset of that moment; nil when open.
    public var start: LogInstant?
    /// The first moment no longer counted; nil when open.
    public var end: LogInstant?
    /// Events left out because they lie outside the period or carry no time to place them:
    /// they are in no other count of the report (not even its lines).
    public var eventsOutside: Int

    public init(start: LogInstant? = nil, end: LogInstant? = nil, eventsOutside: Int = 0) {
        self.start = start
        self.end = end
        self.eventsOutside = eventsOutside
    }
}
