extension AlertRule {
    /// How a group of `provider_or_destination` keeps a provider apart from a domain that
    /// happens to have the same text: the group value is this prefix and the provider's name.
    static let providerGroupPrefix = "provider:"

    /// The labels of a group whose `group_by` values are `values`, in the rule's order. A
    /// `provider_or_destination` value becomes a `provider` or a `destination` label.
    func groupLabels(_ values: [String]) -> [AlertLabel] {
        zip(groupBy, values).map { dimension, value in
            guard dimension == .providerOrDestination else {
                return AlertLabel(dimension.rawValue, value)
            }
            if value.hasPrefix(Self.providerGroupPrefix) {
                return AlertLabel(
                    AlertDimension.provider.rawValue,
                    String(value.dropFirst(Self.providerGroupPrefix.count)))
            }
            return AlertLabel(AlertDimension.destination.rawValue, value)
        }
    }
}
