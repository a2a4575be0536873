import BounceCore
import BounceSystem

/// What one of `scan`'s worker threads keeps from one piece to the next: its zone and its
/// memory of verdicts.
///
/// A piece used to build its own `CachingClassifier` (about a megabyte zeroed, and every reply
/// classified afresh until the memory filled again): on a 165 MB log cut into 19 pieces, 60 M
/// of its 1,597 M instructions and 8% of its page faults. A verdict is remembered under
/// everything it depends on, so a memory filled by earlier pieces, even of other inputs, answers
/// exactly as a fresh one would (`ScanWorkerTests`).
struct ScanWorker {
    /// Year-less stamps are placed in this zone; `LocalZone` caches, so one per thread.
    let zone: LocalZone
    /// The memory of verdicts, lent to each piece's `ScanLineCounter` and handed back.
    private(set) var classifier: CachingClassifier?

    init(zone: LocalZone = LocalZone()) {
        self.zone = zone
    }

    /// The memory of verdicts for the next piece, built the first time: taken out, so that the
    /// piece's counter holds the only reference and updates it in place.
    mutating func lendClassifier() -> CachingClassifier {
        let lent = classifier ?? CachingClassifier(Classifier.standard)
        classifier = nil
        return lent
    }

    /// Takes the memory back from a piece's counter.
    mutating func giveBack(_ lent: CachingClassifier) {
        classifier = lent
    }
}

extension ScanLineCounter {
    /// A counter with no lines yet that classifies through `classifier`, a memory kept from
    /// earlier pieces (see `ScanWorker`).
    init(reusing classifier: CachingClassifier) {
        self.classifier = classifier
    }
}
