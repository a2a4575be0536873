import BounceConfig
import BounceCore
import BounceIngest
import BounceOutput
import BounceSystem

/// `bouncewatch queue`: what the MTA's queue holds now, and why the deferred mail waits.
public struct QueueRunner {
    /// The exit status when the queue cannot be read (sysexits' EX_NOINPUT).
    public static let unreadable: Int32 = 66

    public var format: QueueOutputFormat
    /// `auto`: the configuration's `queue.mta`, else decided by the default directories.
    public var mta: QueueMTA
    /// nil: the configuration's `queue.directory`, else the MTA's default.
    public var directory: String?
    /// Destinations listed before the rest are merged into `other`.
    public var destinations: Int
    /// A configuration file for its `queue:`, `rules:` and `providers:` sections.
    public var configPath: String?

    public init(
        format: QueueOutputFormat = .text, mta: QueueMTA = .auto, directory: String? = nil,
        destinations: Int = 30, configPath: String? = nil
    ) {
        self.format = format
        self.mta = mta
        self.directory = directory
        self.destinations = destinations
        self.configPath = configPath
    }

    /// Prints the queue; returns 0, 66 when it cannot be read, 78 when the configuration
    /// cannot be used.
    public func run(output: BufferedOutput = BufferedOutput()) -> Int32 {
        var configuration: Configuration?
        if let configPath {
            do {
                configuration = try ConfigLoader.load(path: configPath)
            } catch {
                reportError(error.description)
                return ProviderLoading.configurationFailure
            }
        }
        let configured = configuration?.queue
        let location = QueueLocation.resolve(
            mta: mta.mta ?? configured?.mta, directory: directory ?? configured?.directory)
        let classifier =
            configuration.flatMap { try? Classifier.standard.layering($0.rules) } ?? .standard
        let providers = ProviderTable.standard.layered(with: configuration?.providers ?? [])
        let summary: QueueSummary
        do {
            summary = try QueueReader.read(
                location, now: Clocks.wallSeconds(),
                reasons: QueueReasonClassifier(classifier: classifier, providers: providers))
        } catch {
            reportError("cannot read the \(location.mta.identifier) queue: \(error)")
            return Self.unreadable
        }
        switch format {
        case .text:
            output.write(
                QueueTextRenderer.render(
                    summary, where: location.directory, destinations: destinations))
        case .json:
            output.write(
                QueueJSONRenderer.render(
                    summary, where: location.directory, destinations: destinations))
        }
        output.flush()
        return 0
    }
}
