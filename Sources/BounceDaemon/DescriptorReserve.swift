import BounceIngest
import BounceSystem

/// Sets the descriptor budget of the followed files, leaving a reserve for everything else.
///
/// The soft `RLIMIT_NOFILE` is raised to the hard one first. The followed files may then hold
/// what is left after the descriptors open now and `reserve` more: the checkpoint's and
/// textfile's temporary files and directories, the notifiers' connections, the journal.
enum DescriptorReserve {
    /// Descriptors kept out of the followed files' reach.
    static let reserve = 64

    /// Applies the limit; returns it (the soft limit after raising, and the followed files'
    /// share of it) for the log.
    @discardableResult
    static func apply() -> (limit: Int, forFiles: Int) {
        guard let soft = DescriptorLimit.raiseToHard() else { return (0, .max) }
        guard soft != .max else { return (soft, .max) }
        let open = DescriptorLimit.openDescriptors()
        let forFiles = max(1, soft - open - reserve + FollowDescriptors.open)
        // Only ever raised: other daemons in the same process (tests) keep what they had.
        if forFiles > FollowDescriptors.limit || FollowDescriptors.limit == .max {
            FollowDescriptors.setLimit(forFiles)
        }
        return (soft, FollowDescriptors.limit)
    }
}
