/// What the resolver library brought back for one query: the response's bytes, to be read by
/// `DNSResponse`, or why there were none.
public enum DNSTransportOutcome: Sendable, Equatable {
    case response([UInt8])
    /// No answer within the timeout, after every retry.
    case timeout
    /// The query could not be sent or the server refused the connection; the text says why.
    case failure(String)
}
