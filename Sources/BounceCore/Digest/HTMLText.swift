/// Text from anywhere, made safe to place between HTML tags or in a quoted attribute: the one
/// HTML escaping of the digest mail and the HTML report.
public enum HTMLText {
    /// Control, format (bidi overrides, zero-width) and separator characters become visible
    /// escapes first (`UntrustedText`), then `& < > " '` become character references, so the
    /// result is never markup and never reorders the text around it. At most `limit`
    /// characters of the original are kept, `...` marking a cut.
    public static func escape(_ text: String, limit: Int = 300) -> String {
        var result = ""
        for scalar in UntrustedText.inline(text, limit: limit).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
