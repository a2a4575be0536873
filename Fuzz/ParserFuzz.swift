// libFuzzer target for the parsers and the classifier.
//
// Built by `make fuzz-build` together with every BounceCore source file in one module (no
// `import BounceCore`), with `-sanitize=fuzzer,address`. The input is split into lines; each line
// is copied into an allocation of exactly its size, so that AddressSanitizer reports a parser
// that reads one byte past the end of a line.

/// Parses every line of the fuzzer's input in each log format and checks the results.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParsers(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: data, count: size)
    var lineStart = 0
    for index in 0...size where index == size || input[index] == UInt8(ascii: "\n") {
        checkLine(UnsafeBufferPointer(rebasing: input[lineStart..<index]))
        lineStart = index + 1
    }
    return 0
}

private let parsers = [
    LineParser(format: .auto), LineParser(format: .postfix), LineParser(format: .exim),
]

/// Runs each parser on an exact-size copy of `line`.
private func checkLine(_ line: UnsafeBufferPointer<UInt8>) {
    let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: line.count)
    defer { copy.deallocate() }
    _ = copy.initialize(from: line)
    let exact = UnsafeBufferPointer(copy)
    for parser in parsers {
        if case .event(let event) = parser.parse(exact) {
            check(event, in: exact)
        }
    }
    // `scan` and `classify` drop a `docker compose logs` prefix first.
    let stripped = ComposePrefix.stripped(exact)
    precondition(stripped.count <= exact.count, "compose prefix longer than the line")
    if stripped.count != exact.count, case .event(let event) = parsers[0].parse(stripped) {
        check(event, in: stripped)
    }
    checkDockerRecord(exact)
}

/// Reads `line` as a Docker json-file record (what `scan` does with a line starting with `{`):
/// a line it yields stays within the limit and parses like any other.
private func checkDockerRecord(_ line: UnsafeBufferPointer<UInt8>) {
    let limit = 4096
    var joiner = DockerLineJoiner(maxLineLength: limit)
    var stamped = StampedLine()
    var event = RawEvent.unparsed()
    let body: (DockerLineJoiner.Piece) -> Void = { piece in
        guard case .line(let text, let time) = piece else { return }
        precondition(text.count <= limit, "joined line beyond its limit")
        precondition(time.count <= DockerRecord.maximumTimeLength, "time beyond its limit")
        stamped.parse(text, time: time, with: parsers[0], into: &event) { outcome, parsed, bytes in
            if outcome == .event { check(parsed, in: bytes) }
        }
    }
    joiner.take(line, body)
    joiner.flush(body)
}

/// Decodes every field and classifies, trapping (a crash libFuzzer saves) on a broken invariant.
private func check(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) {
    var decoded = 0
    let ranges = [
        event.host, event.program, event.queueID, event.recipient, event.originalRecipient,
        event.domain, event.relay, event.reply, event.client, event.clientIP, event.saslUsername,
    ]
    for range in ranges {
        precondition(
            range.isEmpty || (range.start >= 0 && range.end <= line.count),
            "field range \(range.start)..<\(range.end) outside a line of \(line.count) bytes")
        decoded &+= range.string(in: line)?.utf8.count ?? 0
    }
    precondition(
        event.replyCode == 0 || (200...599).contains(event.replyCode),
        "reply code \(event.replyCode)")
    for code in [event.replyDSN, event.mtaDSN, event.dsn].compactMap({ $0 }) {
        precondition([2, 4, 5].contains(code.statusClass), "enhanced code \(code)")
        decoded &+= code.description.utf8.count
    }
    if let stamp = event.timestamp {
        precondition((1...12).contains(stamp.month), "month \(stamp.month)")
        precondition((1...31).contains(stamp.day), "day \(stamp.day)")
        precondition((0...23).contains(stamp.hour), "hour \(stamp.hour)")
        precondition((0...59).contains(stamp.minute), "minute \(stamp.minute)")
        precondition((0...60).contains(stamp.second), "second \(stamp.second)")
    }
    decoded &+= event.mta.identifier.utf8.count + event.kind.identifier.utf8.count
    decoded &+= event.status.identifier.utf8.count + event.stage.identifier.utf8.count
    if event.status != .sent {
        let verdict = Classifier.standard.classify(event, in: line)
        let listed = verdict.listedIP
        precondition(
            listed.isEmpty || (listed.start >= 0 && listed.end <= line.count),
            "listed IP range outside the line")
        decoded &+= verdict.cause.identifier.utf8.count + verdict.ruleID.utf8.count
        decoded &+= verdict.blocklist?.name.utf8.count ?? 0
        decoded &+= listed.string(in: line)?.utf8.count ?? 0
    }
    // Keeps the decoding from being optimised away.
    precondition(decoded >= 0)
}
