/// Lines read from one source, and the time of its latest event.
public struct MetricsSourceCounters: Sendable, Equatable {
    /// The canonical `source` label value.
    public var name: String
    public var events = 0
    public var ignored = 0
    public var unrecognized = 0
    /// Lines cut at the reader's length limit.
    public var truncated = 0
    /// Epoch seconds of the event read last, by the event's own time; nil before one.
    public var lastEventTime: Int64?

    public init(
        name: String, events: Int = 0, ignored: Int = 0, unrecognized: Int = 0,
        truncated: Int = 0, lastEventTime: Int64? = nil
    ) {
        self.name = name
        self.events = events
        self.ignored = ignored
        self.unrecognized = unrecognized
        self.truncated = truncated
        self.lastEventTime = lastEventTime
    }

    /// Every line read.
    public var lines: Int { events.saturatingSum(ignored).saturatingSum(unrecognized) }
}
