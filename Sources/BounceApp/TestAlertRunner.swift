import BounceConfig
import BounceCore
import BounceNotify
import BounceSystem

/// `bouncewatch test-alert`: a test notice through every configured notifier, one result line
/// each (`sendmail: sent`, `smtp: failed: ...`).
///
/// Exit status: 0 when every notifier succeeded, 1 when one failed, the configuration could
/// not be loaded, or no notifier is configured.
public struct TestAlertRunner {
    /// The configuration file read when `--config` is not given.
    public static let defaultConfigPath = ConfigLoader.defaultPath

    public var configPath: String
    /// Used instead of loading `configPath` when set (tests).
    public var configuration: Configuration?

    public init(configPath: String = ConfigLoader.defaultPath, configuration: Configuration? = nil)
    {
        self.configPath = configPath
        self.configuration = configuration
    }

    public func run(output: BufferedOutput = BufferedOutput()) -> Int32 {
        let loaded: Configuration
        if let configuration {
            loaded = configuration
        } else {
            do {
                loaded = try ConfigLoader.load(path: configPath)
            } catch {
                reportError(error.description)
                return 1
            }
        }
        guard !loaded.notifiers.isEmpty else {
            reportError("no notifier configured")
            return 1
        }
        let hostname = HostName.resolve(loaded.hostname)
        let now = Clocks.wallSeconds()
        let notice = TestNotification.notice(hostname: hostname, now: now)
        var failed = false
        for notifier in loaded.notifiers {
            let error = TestNotification.send(
                notice, via: notifier, hostname: hostname, now: now,
                log: { reportError("warning: \($0)") })
            if let error {
                failed = true
                output.write("\(notifier.name): failed: \(error)\n")
            } else {
                output.write("\(notifier.name): sent\n")
            }
            output.flush()
        }
        return failed ? 1 : 0
    }
}
