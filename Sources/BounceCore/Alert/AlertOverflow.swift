/// What a summary notice reports when a rule had more groups firing than it may mail about
/// (`AlertNoticeCeiling`): how many, and the largest of those that got no notice of their own.
public struct AlertOverflow: Sendable, Equatable {
    /// Groups of the rule firing when the summary was decided, with or without a notice.
    public var firingGroups: Int
    /// Groups that started firing without a notice of their own since the last summary.
    public var groupsWithoutNotice: Int
    /// The largest of those, by matching events in the window, most first (at most
    /// `AlertNoticeCeiling.largestListed`); names are the `group_by` values, untrusted text.
    public var largest: [NamedCount]

    public init(firingGroups: Int, groupsWithoutNotice: Int, largest: [NamedCount]) {
        self.firingGroups = firingGroups
        self.groupsWithoutNotice = groupsWithoutNotice
        self.largest = largest
    }
}
