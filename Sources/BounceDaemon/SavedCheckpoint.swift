import BounceCore

/// What the daemon remembers of the checkpoint it wrote last, to tell whether the next one
/// would be the same: everything but the alert lines, which are kept only as a fingerprint.
/// The alert state is the bulk of a busy daemon's checkpoint (tens of megabytes at the rules'
/// group limits), and a copy of it would be held for as long as the daemon runs.
///
/// Two different alert states with the same fingerprint (FNV-1a 64) would leave a changed
/// checkpoint unwritten until `DaemonLoop.unchangedCheckpointSeconds` have passed; the
/// positions and counters are compared exactly.
struct SavedCheckpoint {
    var sources: [String: SourceCheckpoint]
    /// The metrics store's lines, reused while only its clock moves.
    var metrics: [String]
    /// The fingerprint of the alert lines (`CheckpointHash.of(lines:)`).
    var alerts: CheckpointHash
    var digest: [String]
}
