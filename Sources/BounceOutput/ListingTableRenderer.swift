import BounceCore

/// The table `check-listing` prints: one line per list and target, with the verdict, what the
/// list's answer means (or why the lookup failed) and, for a listing, the delisting page.
public enum ListingTableRenderer {
    public static func render(_ rows: [ListingCheck.Row]) -> String {
        var table = TextTable([
            ("LIST", .left), ("TARGET", .left), ("STATUS", .left), ("MEANING", .left),
            ("DELIST", .left),
        ])
        for row in rows {
            let status: String
            let meaning: String
            var delist = "-"
            switch row.result.status {
            case .listed(let answers):
                status = "listed"
                meaning = answers.map { "\($0.code) \($0.meaning)" }.joined(separator: "; ")
                if !row.list.delist.isEmpty { delist = row.list.delist }
            case .clean:
                status = "clean"
                meaning = "-"
            case .error(let error):
                status = "error: \(error.reason.rawValue)"
                meaning = error.detail
            }
            table.add([row.list.id, row.target.description, status, meaning, delist])
        }
        let listed = rows.filter(\.result.isListed).count
        let errors = rows.filter { $0.result.error != nil }.count
        return table.render(indent: "")
            + "\(rows.count) lookups: \(listed) listed, \(errors) errors, "
            + "\(rows.count - listed - errors) clean\n"
    }
}
