/// The verdict of one lookup of one target on one list.
public struct ListingResult: Sendable, Equatable {
    /// Listed, clean, or an error, which is never a listing.
    public enum Status: Sendable, Equatable {
        case listed([Answer])
        case clean
        case error(ListingError)
    }

    /// One listing answer: the address returned and the list's meaning of it.
    public struct Answer: Sendable, Equatable {
        public var code: String
        public var meaning: String

        public init(code: String, meaning: String) {
            self.code = code
            self.meaning = meaning
        }
    }

    public var status: Status
    /// How long the answer may be cached (seconds), when the response said.
    public var ttl: UInt32?

    public init(status: Status, ttl: UInt32? = nil) {
        self.status = status
        self.ttl = ttl
    }

    public var isListed: Bool {
        if case .listed = status { return true }
        return false
    }

    public var error: ListingError? {
        if case .error(let error) = status { return error }
        return nil
    }
}

/// Why a lookup gave no verdict: the reason (a fixed word, the `reason` label) and details
/// for people.
public struct ListingError: Sendable, Equatable, Error {
    /// The kinds of failure, each counted apart.
    public enum Reason: String, Sendable, CaseIterable {
        /// The list answered with a refusal code (127.255.255.x, URIBL's 127.0.0.1): our
        /// resolver is public, over the limit, or the query was wrong.
        case refused
        /// The list's zone answers NXDOMAIN even for its test point: it is gone or renamed.
        case nxdomain
        /// The server answered SERVFAIL.
        case servfail
        /// The server answered REFUSED.
        case dnsRefused = "dns_refused"
        /// Another response code.
        case dnsError = "dns_error"
        /// No answer within the timeout, after every retry.
        case timeout
        /// The server could not be reached.
        case unreachable
        /// The response could not be read.
        case malformed
        /// An address outside the list's documented answers (a resolver that rewrites
        /// answers, or a list that changed).
        case unexpectedAnswer = "unexpected_answer"
    }

    public var reason: Reason
    public var detail: String

    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}
