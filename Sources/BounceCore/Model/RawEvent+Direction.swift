extension RawEvent {
    /// Who started the exchange the line is about: a delivery is our own sending, a reject is a
    /// client of ours refused, and an authentication failure is inbound when the line names a
    /// client of ours and outbound (our login at a relay) otherwise.
    ///
    /// Reports, metrics and alerts use it to keep this server's own checks on strangers apart
    /// from what receivers say about us.
    @inlinable public var direction: TrafficDirection {
        switch kind {
        case .delivery: .outbound
        case .reject: .inbound
        case .authFailure: client.isEmpty ? .outbound : .inbound
        }
    }
}
