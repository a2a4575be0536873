/// The fixed phrases of block-list lookup notices.
enum ListingAlertText {
    /// `127.0.0.2 (SBL ...), 127.0.0.4 (XBL ...)`.
    static func codes(_ answers: [ListingResult.Answer]) -> String {
        answers.map { $0.meaning.isEmpty ? $0.code : "\($0.code) (\($0.meaning))" }
            .joined(separator: ", ")
    }

    /// `No bounce`, `1 bounce`, `3 bounces`.
    static func bounces(_ count: Int) -> String {
        count == 0 ? "No bounce" : count == 1 ? "1 bounce" : "\(count) bounces"
    }

    /// A time in UTC, `2026-12-06 23:15:44 +0000`.
    static func clock(_ epoch: Int64) -> String {
        MailDate.readable(epoch, utcOffsetSeconds: 0)
    }

    /// A length of time to the minute: `less than a minute`, `12 min`, `5 h 3 min`, `2 d 4 h`.
    static func duration(_ seconds: Int64) -> String {
        let minutes = max(seconds, 0) / 60
        if minutes == 0 { return "less than a minute" }
        let days = minutes / 1_440
        let hours = minutes % 1_440 / 60
        if days > 0 { return hours > 0 ? "\(days) d \(hours) h" : "\(days) d" }
        if hours > 0 { return minutes % 60 > 0 ? "\(hours) h \(minutes % 60) min" : "\(hours) h" }
        return "\(minutes) min"
    }
}
