/// Turns what the resolver brought back into a verdict, by the list's documented answers.
///
/// Only an `A` answer in the list's listing range is a listing. Refusal codes, response codes
/// other than NOERROR and NXDOMAIN, timeouts and unreadable responses are errors.
public enum ListingInterpreter {
    public static func interpret(
        _ outcome: DNSTransportOutcome, list: DNSBLList, queryName: String
    ) -> ListingResult {
        let response: DNSResponse
        switch outcome {
        case .timeout:
            return ListingResult(status: .error(ListingError(.timeout, "no answer")))
        case .failure(let why):
            return ListingResult(status: .error(ListingError(.unreachable, why)))
        case .response(let bytes):
            do {
                response = try DNSResponse.parse(bytes, question: queryName)
            } catch {
                return ListingResult(
                    status: .error(ListingError(.malformed, "unreadable response (\(error))")))
            }
        }
        switch response.responseCode {
        case 0:
            return interpret(addresses: response.addresses, list: list, ttl: response.ttl)
        case 3:
            return ListingResult(status: .clean, ttl: response.ttl)
        case 2:
            return ListingResult(status: .error(ListingError(.servfail, "SERVFAIL")))
        case 5:
            return ListingResult(status: .error(ListingError(.dnsRefused, "REFUSED")))
        default:
            return ListingResult(
                status: .error(
                    ListingError(.dnsError, "response code \(response.responseCode)")))
        }
    }

    /// The verdict for the addresses of a NOERROR answer; none is clean (NODATA).
    static func interpret(addresses: [[UInt8]], list: DNSBLList, ttl: UInt32?) -> ListingResult {
        guard !addresses.isEmpty else { return ListingResult(status: .clean, ttl: ttl) }
        var answers: [ListingResult.Answer] = []
        for address in addresses {
            let text = address.map { String($0) }.joined(separator: ".")
            if let refusal = list.refusals.first(where: { $0.address == address }) {
                return ListingResult(
                    status: .error(ListingError(.refused, "\(text): \(refusal.meaning)")))
            }
            if address[0] == 127, address[1] == 255, address[2] == 255 {
                return ListingResult(
                    status: .error(ListingError(.refused, "\(text): \(refusalMeaning(address[3]))"))
                )
            }
            let value = DNSBLList.address(address[0], address[1], address[2], address[3])
            guard list.listingRange.contains(value) else {
                return ListingResult(
                    status: .error(
                        ListingError(.unexpectedAnswer, "\(text) is not one of the list's answers")
                    ))
            }
            answers.append(ListingResult.Answer(code: text, meaning: meaning(address, list)))
        }
        return ListingResult(status: .listed(answers), ttl: ttl)
    }

    /// The meaning of a listing code; each bit of a bitmask list's last octet is one sub-list.
    static func meaning(_ address: [UInt8], _ list: DNSBLList) -> String {
        if let code = list.codes.first(where: { $0.address == address }) { return code.meaning }
        if list.bitmask {
            let parts = list.codes.filter { code in
                code.address[0..<3] == address[0..<3] && code.address[3] & address[3] != 0
                    && code.address[3].nonzeroBitCount == 1
            }
            if !parts.isEmpty { return parts.map(\.meaning).joined(separator: "; ") }
        }
        return "listed (code not documented by the list)"
    }

    /// Spamhaus's documented refusal codes; other lists use the same range the same way.
    static func refusalMeaning(_ last: UInt8) -> String {
        switch last {
        case 252: return "query refused: the query name is wrong (typo in the zone or key)"
        case 254: return "query refused: the resolver is public or open"
        case 255: return "query refused: too many queries from this resolver"
        default: return "query refused by the list"
        }
    }
}
