import Foundation
import Testing

@testable import BounceCore

/// Queue records produced by the real Postfix 3.7 and Exim 4.96 of the end-to-end tests
/// (scripts/testing/e2e_instances.py) relaying to the loopback sink, which answered
/// `452 4.2.2 Mailbox full` for `full-*` and `450 4.7.1 Greylisted` for `grey-*`:
///
/// - `queue/postfix-showq.bin`: the bytes read from `public/showq`: two deferred messages
///   (one with two recipients) and one put on hold with `postsuper -h`.
/// - `queue/exim-spool/`: `input/` and `msglog/` of a spool with three deferred messages, one
///   of them frozen with `exim -Mf`, and one bounce (`<>`) to three recipients of which two
///   were delivered.
enum QueueFixtures {
    static let directory = FixtureFile.directory.appendingPathComponent("queue")

    static func bytes(_ name: String) -> [UInt8] {
        let url = directory.appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("cannot read fixture \(url.path)")
            return []
        }
        return [UInt8](data)
    }

    static let showq = bytes("postfix-showq.bin")

    /// The Postfix messages, decoded in one piece.
    static func postfixMessages() -> [QueuedMessage] {
        var decoder = ShowqDecoder()
        var messages: [QueuedMessage] = []
        _ = showq.withUnsafeBufferPointer { decoder.consume($0) { messages.append($0) } }
        return messages
    }

    static let eximIDs = [
        "1xaJn1-0005Tq-3A", "1xaJn2-0005UH-1Q", "1xaJn2-0005Ux-2s", "1xaJnN-0005m9-37",
    ]

    /// The Exim message `id`, read as `EximSpoolReader` reads it.
    static func eximMessage(_ id: String) -> Result<QueuedMessage, EximSpoolMessage.Problem> {
        let header = bytes("exim-spool/input/\(id)-H")
        let data = Int64(bytes("exim-spool/input/\(id)-D").count)
        let log = bytes("exim-spool/msglog/\(id)")
        return header.withUnsafeBufferPointer { headerBytes in
            log.withUnsafeBufferPointer {
                EximSpoolMessage.parse(
                    id: id, header: headerBytes, dataBytes: data, messageLog: $0)
            }
        }
    }

    static func fullReply(_ address: String) -> String {
        "host 127.0.0.1[127.0.0.1] said: 452 4.2.2 <\(address)>: Mailbox full, try again later"
            + " (in reply to RCPT TO command)"
    }
}
