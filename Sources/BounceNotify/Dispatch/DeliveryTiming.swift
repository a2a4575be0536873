/// How the dispatcher retries, gives up and re-posts. The defaults suit a mail server; tests
/// shorten them.
public struct DeliveryTiming: Sendable, Equatable {
    /// The wait after a first failed attempt; it doubles with every further failure.
    public var firstRetrySeconds: Double
    /// The longest wait between two attempts of one alert.
    public var maximumRetrySeconds: Double
    /// An alert still undelivered this long after it was submitted is dropped (and logged):
    /// news of two days ago no longer helps anybody.
    public var maximumAgeSeconds: Int64
    /// How often still-firing alerts are posted to Alertmanager again.
    public var repostSeconds: Double
    /// How far ahead of now a firing alert's `endsAt` lies; Alertmanager resolves it then
    /// unless it was posted again.
    public var firingValiditySeconds: Int64
    /// A firing alert that got no notice from the alert engine for this long is no longer
    /// re-posted (the engine repeats firing alerts every `repeat_interval`, 4 h by default).
    public var firingExpirySeconds: Int64

    public init(
        firstRetrySeconds: Double = 30, maximumRetrySeconds: Double = 30 * 60,
        maximumAgeSeconds: Int64 = 48 * 3600, repostSeconds: Double = 120,
        firingValiditySeconds: Int64 = 600, firingExpirySeconds: Int64 = 25 * 3600
    ) {
        self.firstRetrySeconds = firstRetrySeconds
        self.maximumRetrySeconds = maximumRetrySeconds
        self.maximumAgeSeconds = maximumAgeSeconds
        self.repostSeconds = repostSeconds
        self.firingValiditySeconds = firingValiditySeconds
        self.firingExpirySeconds = firingExpirySeconds
    }

    /// The wait before attempt `failures + 1`, after `failures` failed ones (at least one).
    public func retryDelay(afterFailures failures: Int) -> Double {
        let exponent = min(max(failures - 1, 0), 40)
        return min(firstRetrySeconds * Double(1 << exponent), maximumRetrySeconds)
    }
}
