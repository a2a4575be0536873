/// The mail transfer agent that wrote a line.
public enum MTA: UInt8, Sendable, CaseIterable {
    case postfix
    case exim

    /// The identifier used in JSON output and metric labels.
    public var identifier: String {
        switch self {
        case .postfix: "postfix"
        case .exim: "exim"
        }
    }
}
