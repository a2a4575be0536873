import BounceCore

/// Feeds log lines to a metrics store the way the daemon does when it follows messages: a
/// message line is noted in the book, an event is counted by destination and, when the book
/// knows its message, by sender.
public enum DaemonLineFeed {
    /// Feeds `lines` in order; returns those that were neither a message line nor an event
    /// (the tests expect none).
    public static func feed(
        _ lines: [String], into store: inout MetricsStore, book: inout MessageBook
    ) -> [String] {
        let parser = LineParser()
        var unread: [String] = []
        for text in lines {
            var bytes = Array(text.utf8)
            bytes.withUnsafeMutableBufferPointer { mutable in
                let line = UnsafeBufferPointer(mutable)
                var event = RawEvent.unparsed()
                switch parser.parse(line, into: &event) {
                case .message: book.note(event, in: line)
                case .event:
                    store.add(event, nil, in: line, source: "mail.log", time: nil)
                    if let facts = book.facts(for: event, in: line) {
                        store.countSender(event, nil, facts: facts, names: book.names)
                    }
                default: unread.append(text)
                }
            }
        }
        return unread
    }
}
