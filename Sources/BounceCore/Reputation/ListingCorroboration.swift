/// What our own lookups say about a bounce's claim that an address of ours is on a list: the
/// `Lookup` row of a `blacklisted` alert mail.
public enum ListingCorroboration {
    /// The row for a notice naming `blocklist` and `listedIP`, from the lookups in `state`;
    /// nil when the notice names no address, or no configured list is the one it names.
    public static func row(blocklist: String?, listedIP: String?, state: ListingState)
        -> AlertLabel?
    {
        guard let blocklist, let listedIP, let target = ListingTarget(listedIP), target.isAddress
        else { return nil }
        let lists = state.lists.filter { ListingMentions.names(blocklist, $0) }
        guard !lists.isEmpty else { return nil }
        var confirmed: [String] = []
        var clean: [String] = []
        for list in lists {
            guard let entry = state.entries[list.id]?[target] else { continue }
            let at = ListingAlertText.clock(entry.checkedAt)
            if entry.listed {
                confirmed.append(
                    "\(list.zone) answers \(ListingAlertText.codes(entry.answers)) (lookup at \(at))"
                )
            } else {
                clean.append("\(list.zone) answers not listed (lookup at \(at))")
            }
        }
        if !confirmed.isEmpty {
            return AlertLabel(
                "Lookup", "confirms the listing of \(target): " + confirmed.joined(separator: "; "))
        }
        if !clean.isEmpty {
            return AlertLabel(
                "Lookup",
                "contradicts the bounce: \(target) is not listed, "
                    + clean.joined(separator: "; ")
                    + ". The receiver may use an older copy of the list or its own data, or "
                    + "name the wrong list.")
        }
        return AlertLabel(
            "Lookup",
            "\(target) on \(lists[0].zone) has no verdict yet (not looked up, or the list "
                + "answers with errors).")
    }
}
