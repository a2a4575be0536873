import BounceConfig
import BounceCore
import BounceIngest
import BounceNotify
import BounceSystem

/// `bouncewatch check-config`: validates a configuration file and prints what it amounts to.
///
/// On success the effective configuration (every default filled in, `type: auto` sources
/// resolved on this machine) goes to standard output as YAML that loads back unchanged, what
/// this machine lacks for it goes to standard error as `warning:` lines, and the status is 0.
/// Otherwise each problem goes to standard error as `file:line: key: message`, the form
/// editors jump from, and the status is 1.
public struct CheckConfigRunner {
    /// Where the daemon reads its configuration: `/etc/bouncewatch/bouncewatch.yml`.
    public static let defaultConfigPath = ConfigLoader.defaultPath

    public var configPath: String

    public init(configPath: String = ConfigLoader.defaultPath) {
        self.configPath = configPath
    }

    /// Warnings about this machine as it is now, read through the file system.
    static var machineWarnings: CheckConfigWarnings {
        CheckConfigWarnings(
            exists: FileSystem.exists, isDirectory: FileSystem.isDirectory,
            isExecutable: FileSystem.isExecutable,
            passwordFileProblems: PasswordFile.problems,
            matchCount: { GlobFollower.matchCount($0) },
            containerProblem: { name, root in
                do throws(DockerContainers.LookupError) {
                    _ = try DockerContainers.logPath(of: name, root: root)
                    return nil
                } catch {
                    return error.description
                }
            })
    }

    /// Runs the check and returns the exit status.
    public func run(
        output: BufferedOutput = BufferedOutput(),
        errors: BufferedOutput = BufferedOutput(descriptor: 2)
    ) -> Int32 {
        let configuration: Configuration
        do {
            configuration = try ConfigLoader.load(path: configPath)
        } catch {
            errors.write(error.description + "\n")
            errors.flush()
            return 1
        }
        output.write(ConfigRenderer.render(configuration))
        output.flush()
        for warning in Self.machineWarnings.warnings(for: configuration) {
            errors.write("warning: \(warning)\n")
        }
        errors.flush()
        return 0
    }
}
