import Testing

@testable import BounceCore

@Suite struct ShowqDecoderTests {
    @Test func decodesTheRealStream() {
        let messages = QueueFixtures.postfixMessages()
        #expect(messages.count == 3)
        #expect(
            messages.first
                == QueuedMessage(
                    queue: .deferred, id: "00A25F802F5", arrival: 1_796_592_513, size: 333,
                    sender: "shop@sender.example",
                    recipients: [
                        QueuedRecipient(
                            address: "full-1@example.net",
                            reason: QueueFixtures.fullReply("full-1@example.net")),
                        QueuedRecipient(
                            address: "full-9@example.org",
                            reason: QueueFixtures.fullReply("full-9@example.org")),
                    ]))
        #expect(messages.map(\.queue) == [.deferred, .deferred, .hold])
        #expect(messages.map(\.id) == ["00A25F802F5", "0F9E6F801AF", "19FC5F802F7"])
        #expect(messages[2].recipients.map(\.address) == ["grey-1@example.org"])
        #expect(messages[2].recipients[0].reason.contains("450 4.7.1"))
    }

    @Test func endsAndReportsNothingOnTheRealStream() {
        var decoder = ShowqDecoder()
        let used = QueueFixtures.showq.withUnsafeBufferPointer { decoder.consume($0) { _ in } }
        #expect(used == QueueFixtures.showq.count)
        #expect(decoder.finished)
        #expect(decoder.failure == nil)
        #expect(decoder.problems.skipped == 0)
    }

    /// The socket delivers pieces of any size: every split gives the same messages.
    @Test(arguments: [1, 2, 7, 64, 1000])
    func decodesInPieces(_ size: Int) {
        var decoder = ShowqDecoder()
        var messages: [QueuedMessage] = []
        var pending: [UInt8] = []
        var offset = 0
        let stream = QueueFixtures.showq
        while offset < stream.count {
            pending += stream[offset..<min(offset + size, stream.count)]
            offset += size
            let used = pending.withUnsafeBufferPointer {
                decoder.consume($0) { messages.append($0) }
            }
            pending.removeFirst(used)
        }
        #expect(messages == QueueFixtures.postfixMessages())
        #expect(decoder.finished)
    }

    @Test func aStreamCutShortIsAFailure() {
        var decoder = ShowqDecoder()
        let cut = Array(QueueFixtures.showq.dropLast(40))
        let used = cut.withUnsafeBufferPointer { decoder.consume($0) { _ in } }
        #expect(!decoder.finished)
        decoder.finish(leftover: cut.count - used)
        #expect(decoder.failure?.contains("ended before its last record") == true)
    }

    @Test func anotherServiceIsRefused() {
        var decoder = ShowqDecoder()
        let stream = Array("protocol\0something_else\0\0".utf8)
        var count = 0
        _ = stream.withUnsafeBufferPointer { decoder.consume($0) { _ in count += 1 } }
        #expect(decoder.failure == "the socket does not speak the showq protocol")
        #expect(count == 0)
    }

    @Test func badRecordsAreCountedAndSkipped() {
        let records = [
            "queue_name\0nowhere\0queue_id\0ABC\0time\01\0\0",  // unknown queue
            "queue_name\0deferred\0queue_id\0A<B>\0time\01\0\0",  // bad id
            "queue_name\0deferred\0queue_id\0ABC\0time\0soon\0\0",  // bad time
            "queue_name\0deferred\0queue_id\0ABC\0time\01\0reason\0x\0\0",  // reason first
            "queue_name\0active\0queue_id\0DEF\0time\05\0size\09\0sender\0\0"
                + "recipient\0a\u{1B}[2J@example.com\0future_attribute\0x\0\0",
        ]
        let stream = Array(
            ("protocol\0mail_queue_list_protocol\0\0" + records.joined() + "\0").utf8)
        var decoder = ShowqDecoder()
        var messages: [QueuedMessage] = []
        _ = stream.withUnsafeBufferPointer { decoder.consume($0) { messages.append($0) } }
        #expect(decoder.finished)
        #expect(decoder.problems.skipped == 4)
        #expect(decoder.problems.messages[0] == "showq record ABC: unknown queue_name nowhere")
        #expect(decoder.problems.messages[1] == "showq record without a valid queue_id")
        #expect(messages.count == 1)
        #expect(messages.first?.queue == .active)
        // A control character from an SMTP client never survives decoding.
        #expect(messages.first?.recipients.first?.address == "a [2J@example.com")
    }

    @Test func anEndlessRecordStopsTheDecoding() {
        var stream = Array("protocol\0mail_queue_list_protocol\0\0queue_name\0".utf8)
        stream += [UInt8](repeating: UInt8(ascii: "x"), count: 4097)
        var decoder = ShowqDecoder(maximalRecordBytes: 4096)
        let used = stream.withUnsafeBufferPointer { decoder.consume($0) { _ in } }
        #expect(used < stream.count)
        #expect(decoder.failure?.contains("longer than") == true)
    }

    /// Mutations of the real stream (bytes replaced, removed, NULs inserted) never trap; each
    /// ends in messages, counted problems or a failure.
    @Test func mutatedStreamsNeverTrap() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let original = QueueFixtures.showq
        for _ in 0..<2_000 {
            var stream = original
            for _ in 0..<(1 + next() % 4) {
                let index = next() % stream.count
                switch next() % 3 {
                case 0: stream[index] = UInt8(truncatingIfNeeded: next())
                case 1: stream.remove(at: index)
                default: stream.insert(0, at: index)
                }
            }
            var decoder = ShowqDecoder()
            var count = 0
            let used = stream.withUnsafeBufferPointer { decoder.consume($0) { _ in count += 1 } }
            decoder.finish(leftover: stream.count - used)
            #expect(decoder.finished || decoder.failure != nil)
        }
    }
}
