extension MetricsCell {
    /// One checkpoint line per non-zero counter of `row`, in cell order:
    /// `RECORD NAME MTA STATUS CAUSE|- COUNT` (the `cell`, `pcell`, `hcell` and `scell` records).
    static func appendCheckpointLines(
        record: String, name: String, _ row: ArraySlice<Int>, to lines: inout [String]
    ) {
        for cell in all {
            let count = row[row.startIndex + cell.index]
            guard count > 0 else { continue }
            lines.append(
                "\(record) \(name) \(cell.mta.identifier) \(cell.status.identifier) "
                    + "\(cell.cause?.identifier ?? MetricsCheckpointToken.absent) \(count)")
        }
    }
}
