import BounceCore
import BounceSystem
import Logging

/// What the daemon is started with.
public struct DaemonOptions: Sendable {
    /// The validated configuration.
    public var configuration: Configuration
    /// The version shown in `bouncewatch_build_info`.
    public var version: String
    /// Builds the alert hook; the default does no alerting and keeps the saved alert state.
    public var makeAlerts: DaemonAlertHookFactory
    /// Builds the classifier from the configuration (its user rules over the built-in ones).
    public var makeClassifier: @Sendable (Configuration) -> Classifier
    /// False to wait with the timer fallback instead of inotify (tests of the fallback).
    public var useInotify: Bool
    /// How often to look at files without inotify, in milliseconds.
    public var fallbackIntervalMilliseconds: Int32
    public var logger: Logger
    /// Unix seconds on the wall clock: what the daemon judges alert windows and year-less
    /// stamps against. Tests step it; the default reads CLOCK_REALTIME.
    public var wallClock: @Sendable () -> Int64

    public init(
        configuration: Configuration, version: String,
        makeAlerts: @escaping DaemonAlertHookFactory = { _, saved in
            NoAlertHook(savedLines: saved)
        },
        makeClassifier: @escaping @Sendable (Configuration) -> Classifier = {
            // The configuration was validated, user rules included, when it was loaded.
            (try? Classifier.standard.layering($0.rules)) ?? .standard
        },
        useInotify: Bool = true, fallbackIntervalMilliseconds: Int32 = 1000,
        logger: Logger = Logger(label: "bouncewatch"),
        wallClock: (@Sendable () -> Int64)? = nil
    ) {
        self.configuration = configuration
        self.version = version
        self.makeAlerts = makeAlerts
        self.makeClassifier = makeClassifier
        self.useInotify = useInotify
        self.fallbackIntervalMilliseconds = fallbackIntervalMilliseconds
        self.logger = logger
        self.wallClock = wallClock ?? { Clocks.wallSeconds() }
    }
}
