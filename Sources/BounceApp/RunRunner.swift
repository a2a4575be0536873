import BounceConfig
import BounceCore
import BounceDaemon
import BounceSystem
import Dispatch
import Logging
import ServiceLifecycle

/// `bouncewatch run`: the daemon, until SIGTERM or SIGINT.
///
/// Exit status: 0 after a graceful shutdown; 78 (`EX_CONFIG`) when the configuration does not
/// load, the checkpoint cannot be read back or another daemon writes the same textfile (all
/// need the administrator; the packaged unit keeps systemd from restarting in a loop with
/// `RestartPreventExitStatus=78`); 1 on other failures, a final checkpoint that could not be
/// written and a state lock lost while running among them.
public struct RunRunner {
    /// The exit status for a problem only the administrator can fix.
    public static let configurationFailure: Int32 = 78

    public var configPath: String

    public init(configPath: String = ConfigLoader.defaultPath) {
        self.configPath = configPath
    }

    /// Keeps a SIGHUP that arrives before the daemon listens from ending the process; the
    /// reload it asked for is done once the daemon runs. Call first thing at start.
    public static func installEarlySignalHandling() {
        EarlyHangup.install()
    }

    /// Runs the daemon and returns the exit status.
    public func run() -> Int32 {
        Self.installEarlySignalHandling()
        let configuration: Configuration
        do {
            configuration = try ConfigLoader.load(path: configPath)
        } catch {
            reportError(error.description)
            return Self.configurationFailure
        }
        RunLogging.bootstrap()
        let logger = Logger(label: "bouncewatch")
        let path = configPath
        let options = DaemonOptions(
            configuration: configuration, version: BuildInfo.version,
            makeAlerts: DaemonAlerts.factory(logger: logger), logger: logger)
        let outcome = RunOutcome()
        let done = DispatchSemaphore(value: 0)
        // The command line is synchronous; the service group runs on the concurrency pool
        // while this thread waits.
        Task {
            outcome.set(await Self.serve(options: options, path: path, logger: logger))
            done.signal()
        }
        done.wait()
        return outcome.status
    }

    private static func serve(options: DaemonOptions, path: String, logger: Logger) async -> Int32 {
        do {
            let service = try DaemonService(options: options) {
                try ConfigLoader.load(path: path)
            }
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [service], gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger))
            try await group.run()
            return 0
        } catch let error as DaemonError {
            logger.critical("\(error.description)")
            switch error {
            case .unreadableCheckpoint, .metricsNotRestored, .textfileBusy:
                return configurationFailure
            default: return 1
            }
        } catch {
            logger.critical("\(error)")
            return 1
        }
    }
}

/// The exit status, handed from the async side to the waiting thread.
private final class RunOutcome: @unchecked Sendable {
    // Written once before the semaphore is signalled and read after the wait, which orders
    // the two accesses.
    private(set) var status: Int32 = 1

    func set(_ status: Int32) { self.status = status }
}
