/// Why a text is not a YAML document the configuration reader accepts, and on which line.
struct YAMLProblem: Error, Sendable, Equatable {
    /// 1-based; nil when no line can be named.
    let line: Int?
    let message: String
}
