/// Label values as the metrics store keeps them: the exact text a series is named by.
///
/// Remote-controlled text (recipient domains) and configured text (source names) both become
/// label values. The store canonicalises them once, when a series is created, so that two values
/// that would render the same in a textfile are the same series in the store: distinct invalid
/// byte sequences all decode to U+FFFD, and the encoder turns control characters into U+FFFD
/// too. Without this, two series could render identically and a scraper would reject the file,
/// or be merged at render time and jump backwards when one of them is demoted.
public enum MetricsLabel {
    /// The longest label value kept, in UTF-8 bytes; below `PrometheusText`'s own cap, so the
    /// encoder never cuts a canonical value a second time.
    public static let byteLimit = 255

    /// The `destination` value of everything that has no series of its own.
    public static let other = "other"

    /// `text` with invalid UTF-8 already repaired (it is a `String`), control characters other
    /// than newline replaced by U+FFFD, cut to `byteLimit` bytes at a character boundary.
    /// Newline stays: the encoder escapes it as `\n`, which keeps the value distinct.
    public static func canonical(_ text: String) -> String {
        if text.utf8.count <= byteLimit, !text.unicodeScalars.contains(where: isReplaced) {
            return text
        }
        var result = ""
        result.reserveCapacity(Swift.min(text.utf8.count, byteLimit))
        for scalar in text.unicodeScalars {
            let kept: Unicode.Scalar = isReplaced(scalar) ? "\u{FFFD}" : scalar
            guard result.utf8.count + UTF8.width(kept) <= byteLimit else { break }
            result.unicodeScalars.append(kept)
        }
        return result
    }

    /// Bytes from a log line: decoded (invalid UTF-8 repaired), ASCII lower-cased as DNS
    /// compares names, then made canonical. Only the first `4 * byteLimit` bytes are read, so a
    /// 10 MB field costs no more than a short one.
    public static func domain(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let prefix = UTF8Prefix.length(of: bytes, atMost: 4 * byteLimit)
        let lowered = UnsafeBufferPointer(rebasing: bytes[0..<prefix]).map(ByteScan.lower)
        return canonical(String(decoding: lowered, as: UTF8.self))
    }

    private static func isReplaced(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }
}
