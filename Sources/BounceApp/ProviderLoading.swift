import BounceConfig
import BounceCore

/// The providers `scan` and `classify` count by: the built-in ones, with those of a
/// configuration file's `providers:` section layered over them when `--config` names one.
enum ProviderLoading {
    /// The exit status when the configuration cannot be used (sysexits' EX_CONFIG).
    static let configurationFailure: Int32 = 78

    /// The table, or nil after reporting why the configuration file cannot be used.
    static func table(configPath: String?) -> ProviderTable? {
        guard let configPath else { return .standard }
        do {
            let configuration = try ConfigLoader.load(path: configPath)
            return ProviderTable.standard.layered(with: configuration.providers)
        } catch {
            reportError(error.description)
            return nil
        }
    }
}
