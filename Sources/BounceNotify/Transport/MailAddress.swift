/// Checks on configured mail addresses before they reach an SMTP command or a header.
enum MailAddress {
    /// An address is `local@domain` or a bare local name, printable ASCII or UTF-8 without
    /// spaces, angle brackets or control characters, at most 254 bytes.
    static func check(_ address: String, role: String) throws(DeliveryError) {
        let bytes = Array(address.utf8)
        let bad = bytes.contains { $0 <= 0x20 || $0 == 0x7F || $0 == 0x3C || $0 == 0x3E }
        guard !bytes.isEmpty, bytes.count <= 254, !bad else {
            throw DeliveryError(
                "invalid \(role) address '\(TextSanitizer.line(address, limit: 80))'")
        }
    }
}
