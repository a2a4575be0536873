import CCurl

/// POSTs a JSON body with libcurl and accepts only a 2xx answer.
struct HTTPPoster {
    var url: String
    var timeoutSeconds: Int
    /// The libcurl to load; another name only in tests.
    var curlLibrary = CurlLibrary.standardName

    func post(json body: [UInt8], cancellation: DeliveryCancellation? = nil) throws(DeliveryError) {
        let transfer = try CurlTransfer(cancellation: cancellation, library: curlLibrary)
        try transfer.set(CURLOPT_URL, url)
        try transfer.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try transfer.set(CURLOPT_FOLLOWLOCATION, 0)
        try transfer.set(CURLOPT_HTTPHEADER, list: ["Content-Type: application/json"])
        try transfer.set(CURLOPT_CONNECTTIMEOUT, max(1, timeoutSeconds))
        try transfer.set(CURLOPT_TIMEOUT, max(1, timeoutSeconds))
        try transfer.setPostBody(body)
        try transfer.perform(what: "POST \(url)")
        let status = transfer.responseCode
        guard (200..<300).contains(status) else {
            let answer = TextSanitizer.line(transfer.response)
            throw DeliveryError(
                "POST \(url): HTTP status \(status)" + (answer.isEmpty ? "" : ": \(answer)"))
        }
    }
}
