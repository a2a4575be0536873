extension RawEvent {
    /// A delivery that succeeded: there is no failure to classify.
    @inlinable public var isSuccessfulDelivery: Bool { status == .sent && kind == .delivery }

    /// The cause that reports, metrics and alerts count for this event: none for a successful
    /// delivery, the classifier's verdict otherwise, `unclassified` when it gave none.
    @inlinable public func countedCause(_ classification: Classification?) -> Cause? {
        isSuccessfulDelivery ? nil : (classification?.cause ?? .unclassified)
    }
}
