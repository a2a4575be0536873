import CCurl

/// One libcurl transfer: an easy handle created, used and cleaned up by the calling thread.
///
/// Handles are never shared or reused across threads: each delivery attempt builds its own, so
/// no lock is needed and no option of an earlier transfer leaks into the next. Alerts are rare,
/// so the lost connection reuse costs nothing that matters.
final class CurlTransfer {
    /// Most bytes of a response body kept for an error message.
    static let responseLimit = 4096
    /// Most reply lines kept, the newest last.
    static let replyLineLimit = 16

    private let curl: CurlLibrary
    private let handle: UnsafeMutableRawPointer
    private let cancellation: DeliveryCancellation?
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    /// libcurl keeps these two pointers for the transfer, so they are allocated, not arrays.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var postBody: UnsafeMutableRawPointer?
    private var upload: [UInt8] = []
    private var uploadOffset = 0
    /// The start of the response body, up to `responseLimit` bytes.
    private(set) var response: [UInt8] = []
    /// Lines the server sent (SMTP replies, HTTP status and headers), the newest last.
    private(set) var replyLines: [String] = []
    private var partialLine: [UInt8] = []

    /// Loads libcurl on the first transfer (`CurlLibrary`); `library` is its file name.
    init(cancellation: DeliveryCancellation?, library: String = CurlLibrary.standardName)
        throws(DeliveryError)
    {
        let curl = try CurlLibrary.named(library)
        guard let handle = curl.easyInit() else {
            throw DeliveryError("libcurl could not create a transfer handle")
        }
        self.curl = curl
        self.handle = handle
        self.cancellation = cancellation
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let context = Unmanaged.passUnretained(self).toOpaque()
        // Threads: no signal-based DNS timeouts (SIGALRM would hit any thread).
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        try set(CURLOPT_VERBOSE, 1)
        try check(
            bw_curl_setopt_debug_callback(curl.setopt, handle, curlDebug), "CURLOPT_DEBUGFUNCTION")
        try set(CURLOPT_DEBUGDATA, pointer: context)
        try check(
            bw_curl_setopt_callback(curl.setopt, handle, CURLOPT_WRITEFUNCTION, curlWrite),
            "CURLOPT_WRITEFUNCTION")
        try set(CURLOPT_WRITEDATA, pointer: context)
        try check(
            bw_curl_setopt_callback(curl.setopt, handle, CURLOPT_READFUNCTION, curlRead),
            "CURLOPT_READFUNCTION")
        try set(CURLOPT_READDATA, pointer: context)
        try set(CURLOPT_NOPROGRESS, 0)
        try check(
            bw_curl_setopt_progress_callback(curl.setopt, handle, curlProgress),
            "CURLOPT_XFERINFOFUNCTION")
        try set(CURLOPT_XFERINFODATA, pointer: context)
    }

    deinit {
        curl.easyCleanup(handle)
        errorBuffer.deallocate()
        postBody?.deallocate()
        for list in lists { curl.slistFreeAll(list) }
    }

    func set(_ option: CURLoption, _ value: Int) throws(DeliveryError) {
        try check(bw_curl_setopt_long(curl.setopt, handle, option, value), option)
    }

    /// libcurl copies string options (all but POSTFIELDS), so the Swift string may go.
    func set(_ option: CURLoption, _ value: String) throws(DeliveryError) {
        try check(bw_curl_setopt_string(curl.setopt, handle, option, value), option)
    }

    func set(_ option: CURLoption, list values: [String]) throws(DeliveryError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let extended = curl.slistAppend(list, value) else {
                if let list { curl.slistFreeAll(list) }
                throw DeliveryError(
                    "libcurl could not allocate a list for option \(option.rawValue)")
            }
            list = extended
        }
        if let list { lists.append(list) }
        try check(bw_curl_setopt_slist(curl.setopt, handle, option, list), option)
    }

    /// The bytes the read callback hands to libcurl (the SMTP message).
    func setUpload(_ bytes: [UInt8]) throws(DeliveryError) {
        upload = bytes
        uploadOffset = 0
        try set(CURLOPT_UPLOAD, 1)
    }

    /// An HTTP POST body, kept alive by this object for the transfer.
    func setPostBody(_ bytes: [UInt8]) throws(DeliveryError) {
        postBody?.deallocate()
        let body = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        bytes.withUnsafeBytes { source in
            if let start = source.baseAddress {
                body.copyMemory(from: start, byteCount: source.count)
            }
        }
        postBody = body
        try set(CURLOPT_POST, 1)
        try set(CURLOPT_POSTFIELDSIZE, bytes.count)
        try set(CURLOPT_POSTFIELDS, pointer: body)
    }

    /// Runs the transfer; on failure the error names libcurl's reason, its detail and the
    /// server's last reply.
    func perform(what: String) throws(DeliveryError) {
        let code = curl.easyPerform(handle)
        guard code != CURLE_OK else { return }
        if code == CURLE_ABORTED_BY_CALLBACK, cancellation?.isCancelled == true {
            throw DeliveryError("\(what): cancelled because bouncewatch is stopping")
        }
        var text = "\(what): " + curl.describe(code)
        let detail = TextSanitizer.line(String(cString: errorBuffer))
        if !detail.isEmpty { text += " (\(detail))" }
        if let reply = lastReply { text += "; server said: \(reply)" }
        throw DeliveryError(text)
    }

    /// The status of the last response: an SMTP reply code or an HTTP status.
    var responseCode: Int {
        var code = 0
        _ = bw_curl_getinfo_long(curl.getinfo, handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// The server's last error reply (4xx or 5xx), else its last reply, with the lines of a
    /// multi-line reply joined by ` / `. An error is often followed by the reply to QUIT.
    var lastReply: String? {
        var replies: [[String]] = []
        var current: [String] = []
        for line in replyLines {
            current.append(line)
            if !Self.isContinuation(line) {
                replies.append(current)
                current = []
            }
        }
        if !current.isEmpty { replies.append(current) }
        let failed = replies.last { reply in
            reply.last.map { $0.hasPrefix("4") || $0.hasPrefix("5") } ?? false
        }
        return (failed ?? replies.last)?.joined(separator: " / ")
    }

    private static func isContinuation(_ line: String) -> Bool {
        let bytes = Array(line.utf8.prefix(4))
        return bytes.count == 4 && bytes[0...2].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            && bytes[3] == UInt8(ascii: "-")
    }

    private func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(DeliveryError)
    {
        try check(bw_curl_setopt_pointer(curl.setopt, handle, option, pointer), option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(DeliveryError) {
        try check(code, "option \(option.rawValue)")
    }

    private func check(_ code: CURLcode, _ what: String) throws(DeliveryError) {
        guard code == CURLE_OK else {
            throw DeliveryError(
                "libcurl refused \(what): " + curl.describe(code))
        }
    }

    fileprivate func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, upload.count - uploadOffset)
        guard count > 0 else { return 0 }
        upload.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(
                from: source.baseAddress! + uploadOffset, byteCount: count)
        }
        uploadOffset += count
        return count
    }

    fileprivate func received(_ bytes: UnsafeBufferPointer<UInt8>) {
        let room = Self.responseLimit - response.count
        if room > 0 { response.append(contentsOf: bytes.prefix(room)) }
    }

    fileprivate func serverSent(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            if byte == 0x0A {
                let line = TextSanitizer.line(partialLine)
                partialLine.removeAll(keepingCapacity: true)
                guard !line.isEmpty else { continue }
                replyLines.append(line)
                if replyLines.count > Self.replyLineLimit { replyLines.removeFirst() }
            } else if partialLine.count < 1024 {
                partialLine.append(byte)
            }
        }
    }

    fileprivate var shouldAbort: Bool { cancellation?.isCancelled ?? false }
}

private func transfer(_ context: UnsafeMutableRawPointer?) -> CurlTransfer? {
    guard let context else { return nil }
    return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
}

private let curlRead: bw_curl_data_callback = { buffer, size, count, context in
    guard let buffer, let transfer = transfer(context) else { return 0 }
    return transfer.read(into: buffer, capacity: size * count)
}

private let curlWrite: bw_curl_data_callback = { buffer, size, count, context in
    let total = size * count
    guard let buffer, let transfer = transfer(context) else { return total }
    buffer.withMemoryRebound(to: UInt8.self, capacity: total) { start in
        transfer.received(UnsafeBufferPointer(start: start, count: total))
    }
    return total
}

private let curlDebug: bw_curl_debug_callback = { _, type, data, size, context in
    guard type == CURLINFO_HEADER_IN, let data, let transfer = transfer(context) else { return 0 }
    data.withMemoryRebound(to: UInt8.self, capacity: size) { start in
        transfer.serverSent(UnsafeBufferPointer(start: start, count: size))
    }
    return 0
}

private let curlProgress: bw_curl_progress_callback = { context, _, _, _, _ in
    transfer(context)?.shouldAbort == true ? 1 : 0
}
