import BounceConfig
import BounceCore
import Testing

/// Loads `yaml` as `bouncewatch.yml`, with `/var/log/mail.log` present unless told otherwise.
func load(_ yaml: String, existing: Set<String> = ["/var/log/mail.log"]) throws(ConfigError)
    -> Configuration
{
    try ConfigLoader.load(yaml: yaml, origin: "bouncewatch.yml", fileExists: existing.contains)
}

/// The error loading `yaml` throws, or nil when it loads.
func loadError(_ yaml: String) -> ConfigError? {
    do {
        _ = try load(yaml)
        return nil
    } catch {
        return error
    }
}

/// The problems `yaml` has, or none when it loads.
func problems(_ yaml: String) -> [ConfigError] {
    loadError(yaml)?.problems ?? []
}
