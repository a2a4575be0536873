import BounceCore
import BounceSystem
import Logging
import ServiceLifecycle
import UnixSignals

/// The daemon as a swift-service-lifecycle `Service`.
///
/// `run()` starts the loop on a thread of its own (it blocks in `poll(2)`, which must never
/// happen on the cooperative pool) and waits for it. A graceful shutdown (SIGTERM, SIGINT)
/// wakes the loop, which reads what is left, writes the textfile and the checkpoint and ends.
/// SIGHUP reloads the configuration through `reloadConfiguration`: a configuration that does
/// not load is refused with a log line and the running one stays.
///
/// SIGHUP comes through `UnixSignalsSequence` rather than a signalfd in the loop: a signalfd
/// only works when the signal is blocked in every thread, and the Swift runtime's threads
/// exist before the daemon could block it, so SIGHUP would still kill the process now and
/// then. The service group already handles SIGTERM the same way.
public final class DaemonService: Service, Sendable {
    private let options: DaemonOptions
    private let reloadConfiguration: @Sendable () throws -> Configuration
    private let control: LoopControl
    private let notifier = SystemdNotifier()

    /// `reloadConfiguration` reads and validates the configuration file again on SIGHUP.
    public init(
        options: DaemonOptions,
        reloadConfiguration: @escaping @Sendable () throws -> Configuration
    ) throws(DaemonError) {
        self.options = options
        self.reloadConfiguration = reloadConfiguration
        control = try LoopControl()
    }

    /// Runs until a graceful shutdown; throws when the daemon cannot start.
    public func run() async throws {
        let control = self.control
        let logger = options.logger
        // Trapped before the loop can report READY=1, after which systemd may send SIGHUP.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        // A SIGHUP that came before the trap was noted (EarlyHangup) and is answered now.
        let owedReload = EarlyHangup.takeReceived()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withGracefulShutdownHandler {
                    try await self.runLoop()
                } onGracefulShutdown: {
                    logger.info("stopping: reading what is left, then writing the checkpoint")
                    self.notifier.stopping()
                    control.requestStop()
                }
            }
            group.addTask {
                if owedReload { await self.reload() }
                for await _ in hangups {
                    if Task.isCancelled { return }
                    await self.reload()
                }
            }
            // The loop ends first (stop or failure); the hangup listener then goes too.
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Starts the loop's thread and waits for it to end.
    private func runLoop() async throws {
        let options = self.options
        let control = self.control
        try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Void, any Error>) in
            do throws(SystemError) {
                try SystemThread.start(name: "bouncewatch-loop") {
                    do {
                        let loop = try DaemonLoop(options: options, control: control)
                        loop.run()
                        if let failure = loop.stopFailure {
                            continuation.resume(throwing: failure)
                        } else {
                            continuation.resume()
                        }
                    } catch {
                        control.finish()
                        continuation.resume(throwing: error)
                    }
                }
            } catch {
                control.finish()
                continuation.resume(throwing: DaemonError.failed(error))
            }
        }
    }

    private func reload() async {
        let logger = options.logger
        notifier.reloading(monotonicMicroseconds: Clocks.monotonicMicroseconds())
        defer { notifier.ready() }
        logger.info("SIGHUP: reloading the configuration")
        let configuration: Configuration
        do {
            configuration = try await ReloadRead.configuration(reloadConfiguration)
        } catch is CancellationError {
            logger.info("stopping: the reload is dropped")
            return
        } catch {
            logger.error("configuration refused, keeping the running one: \(error)")
            return
        }
        let outcome = await control.reload(configuration)
        for note in outcome.deferred { logger.warning("\(note)") }
        logger.info("configuration reloaded")
    }
}
