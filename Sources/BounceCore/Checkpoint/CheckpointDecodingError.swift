/// Why a checkpoint could not be read back.
public enum CheckpointDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text does not start with `bouncewatch-checkpoint/`.
    case notACheckpoint
    /// Written by a version of the format this build does not know.
    case unsupportedVersion(String)
    /// The text ends before its `end` line: the file was cut short.
    case truncated
    /// The `end` line's hash does not match the text: the file was altered or damaged.
    case checksumMismatch
    /// A line that does not have the expected form.
    case malformed(line: Int, reason: String)

    public var description: String {
        switch self {
        case .notACheckpoint:
            "not a bouncewatch checkpoint (expected it to start with \"bouncewatch-checkpoint/\")"
        case .unsupportedVersion(let version):
            "checkpoint format version \"\(version.prefix(20))\" is not supported"
                + " (this build reads version 1)"
        case .truncated:
            "checkpoint is cut short (no end line)"
        case .checksumMismatch:
            "checkpoint is damaged (its checksum does not match its content)"
        case .malformed(let line, let reason):
            "checkpoint line \(line): \(reason)"
        }
    }
}
