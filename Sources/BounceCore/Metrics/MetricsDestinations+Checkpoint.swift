/// The checkpoint records of a family of labelled names (`MetricsStore+Checkpoint` lists
/// them): destinations, and the sender families with their family name after the record's.
extension MetricsDestinations {
    /// The record names of one family, and what follows each record name.
    struct RecordNames {
        var label: String
        var cell: String
        var candidate: String

        static let destinations = RecordNames(
            label: "destination", cell: "cell", candidate: "candidate")

        /// `sender FAMILY`, `scell FAMILY`, `scandidate FAMILY`.
        static func sender(_ family: String) -> RecordNames {
            RecordNames(
                label: "sender \(family)", cell: "scell \(family)",
                candidate: "scandidate \(family)")
        }
    }

    /// Each labelled name's label and cells, by name, then `other`'s cells.
    func appendLabelLines(_ records: RecordNames, to lines: inout [String]) {
        for slot in slotsByName {
            let label = labels[slot]!
            let name = MetricsCheckpointToken.text(label.name)
            lines.append(
                "\(records.label) \(name) \(label.promotedAt) \(label.lastEvent) \(label.current) "
                    + "\(label.previous)")
            MetricsCell.appendCheckpointLines(
                record: records.cell, name: name, row(slot), to: &lines)
        }
        MetricsCell.appendCheckpointLines(
            record: records.cell, name: MetricsCheckpointToken.absent, other[...], to: &lines)
    }

    /// The strongest `candidateMemory` candidates of the previous and the current window.
    func appendCandidateLines(_ records: RecordNames, to lines: inout [String]) {
        let windows = [
            ("previous", previousStrength),
            ("current", currentCandidates().mapValues(\.strength)),
        ]
        for (window, strengths) in windows {
            let kept = Self.strongest(strengths, candidateMemory)
            for name in kept.keys.sorted() {
                lines.append(
                    "\(records.candidate) \(window) \(MetricsCheckpointToken.text(name)) "
                        + "\(kept[name]!)")
            }
        }
    }
}
