/// Facts about this build, shown by `--version` and in `bouncewatch_build_info`.
public enum BuildInfo {
    public static let version = "0.1.0"
}
