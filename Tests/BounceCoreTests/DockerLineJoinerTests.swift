import BounceTestSupport
import Testing

@testable import BounceCore

/// What one physical line or a series of them yields, copied out of the joiner's callback.
private struct Taken: Equatable {
    var lines: [[UInt8]] = []
    var times: [String] = []
    var problems: [DockerRecordProblem] = []
}

private func take(_ physical: [UInt8], into joiner: inout DockerLineJoiner, _ taken: inout Taken) {
    // Split into physical lines the way a file reader does (no LF).
    for line in physical.split(separator: 0x0A, omittingEmptySubsequences: true) {
        Array(line).withUnsafeBufferPointer { bytes in
            joiner.take(bytes) { piece in collect(piece, &taken) }
        }
    }
}

private func collect(_ piece: DockerLineJoiner.Piece, _ taken: inout Taken) {
    switch piece {
    case .line(let text, let time):
        taken.lines.append(Array(text))
        taken.times.append(String(decoding: time, as: UTF8.self))
    case .problem(let problem):
        taken.problems.append(problem)
    }
}

private func joined(_ physical: [UInt8], maxLineLength: Int = 64 * 1024) -> Taken {
    var joiner = DockerLineJoiner(maxLineLength: maxLineLength)
    var taken = Taken()
    take(physical, into: &joiner, &taken)
    return taken
}

private func text(_ bytes: String) -> [UInt8] { Array(bytes.utf8) }

@Suite struct DockerLineJoinerTests {
    static let postfixLine =
        "Dec  6 10:00:01 mail postfix/smtp[137]: 73EBC8B09: to=<a&b@example.com>, "
        + "relay=mx.example.com[192.0.2.1]:25, delay=1, dsn=5.1.1, status=bounced "
        + "(host said: 550 5.1.1 \"<a&b@example.com>\": no such user)"

    @Test func readsTheLineDockerWrote() {
        let taken = joined(DockerJSONFile.records(for: Self.postfixLine))
        #expect(taken.problems == [])
        #expect(taken.lines == [text(Self.postfixLine)])
        #expect(taken.times == ["2026-12-06T10:00:01.5Z"])
    }

    /// Docker's own escapes, byte for byte as its writer produces them.
    @Test func unescapesDockersEscapes() {
        let physical = text(
            #"{"log":"\u003cq\u003e \u0026 \"quoted\" back\\slash tab\u0009 nul\u0000 ls\u2028 \ufffd\n","stream":"stdout","time":"2026-12-06T10:00:01Z"}"#
        )
        let taken = joined(physical)
        #expect(
            taken.lines == [
                text("<q> & \"quoted\" back\\slash tab\t nul\0 ls\u{2028} \u{FFFD}")
            ])
    }

    @Test func unescapesEveryJSONEscape() {
        let physical = text(
            #"{"log":"\/ \b\f\r\t \u00e9 \ud83d\udce7 lone:\ud800x \udc00 \u00E9\n","time":"2026-12-06T10:00:01Z"}"#
        )
        let taken = joined(physical)
        #expect(taken.lines == [text("/ \u{8}\u{C}\r\t é 📧 lone:\u{FFFD}x \u{FFFD} é")])
    }

    /// Docker writes invalid UTF-8 as `\ufffd`; a record written by another tool may carry the
    /// raw bytes, which are kept as they are.
    @Test func keepsInvalidUTF8Bytes() {
        var physical = text(#"{"log":"to=<"#)
        physical += [0xFF, 0xC3, 0x28, 0xE2, 0x82]
        physical += text(#"@example.com>\n","stream":"stdout","time":"2026-12-06T10:00:01Z"}"#)
        let taken = joined(physical)
        #expect(
            taken.lines == [text("to=<") + [0xFF, 0xC3, 0x28, 0xE2, 0x82] + text("@example.com>")])
        let docker = joined(DockerJSONFile.records(for: text("a") + [0xFF] + text("b")))
        #expect(docker.lines == [text("a\u{FFFD}b")])
    }

    /// A line longer than 16 KiB comes as several records; they are one line again, whatever
    /// escaping made each record longer.
    @Test(arguments: [16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 40_000, 50_000])
    func joinsLinesDockerSplit(length: Int) {
        let pattern = text("<&> \"x\" é ")
        let line = (0..<length).map { pattern[$0 % pattern.count] }
        let physical = DockerJSONFile.records(for: line)
        let records = physical.split(separator: 0x0A).count
        #expect(records == (length + DockerJSONFile.pieceSize - 1) / DockerJSONFile.pieceSize)
        let taken = joined(physical)
        #expect(taken.problems == [])
        #expect(taken.lines == [line])
    }

    @Test func joinsEachStreamApart() {
        let out = Array(repeating: UInt8(ascii: "o"), count: 20_000)
        let err = Array(repeating: UInt8(ascii: "e"), count: 20_000)
        let outRecords = DockerJSONFile.records(
            for: out, stream: "stdout", time: "2026-12-06T10:00:01Z"
        )
        .split(separator: 0x0A).map { Array($0) + [0x0A] }
        let errRecords = DockerJSONFile.records(
            for: err, stream: "stderr", time: "2026-12-06T10:00:02Z"
        )
        .split(separator: 0x0A).map { Array($0) + [0x0A] }
        let interleaved = outRecords[0] + errRecords[0] + outRecords[1] + errRecords[1]
        let taken = joined(interleaved)
        #expect(taken.lines == [out, err])
        #expect(taken.times == ["2026-12-06T10:00:01Z", "2026-12-06T10:00:02Z"])
    }

    @Test func cutsAJoinedLineAtTheLimitAndCountsIt() {
        let line = Array(repeating: UInt8(ascii: "x"), count: 40_000)
        var joiner = DockerLineJoiner(maxLineLength: 20_000)
        var taken = Taken()
        take(
            DockerJSONFile.records(for: line) + DockerJSONFile.records(for: "next"), into: &joiner,
            &taken)
        #expect(taken.lines == [Array(line[0..<20_000]), text("next")])
        #expect(joiner.truncatedLines == 1)
        #expect(!joiner.hasPending)
    }

    @Test func aLineOfExactlyTheLimitIsWhole() {
        let line = Array(repeating: UInt8(ascii: "x"), count: 1_000)
        var joiner = DockerLineJoiner(maxLineLength: 1_000)
        var taken = Taken()
        take(DockerJSONFile.records(for: line), into: &joiner, &taken)
        #expect(taken.lines == [line])
        #expect(joiner.truncatedLines == 0)
    }

    @Test func holdsAPieceUntilItsEndAndFlushesIt() {
        var joiner = DockerLineJoiner(maxLineLength: 1_000)
        var taken = Taken()
        take(
            text(#"{"log":"first half, ","stream":"stdout","time":"2026-12-06T10:00:01Z"}"#),
            into: &joiner, &taken)
        #expect(taken.lines == [])
        #expect(joiner.hasPending)
        joiner.flush { collect($0, &taken) }
        #expect(taken.lines == [text("first half, ")])
        #expect(!joiner.hasPending)
    }

    @Test func skipsAttributesAndUnknownKeys() {
        let physical = text(
            #"{"log":"x\n","stream":"stdout","attrs":{"tag":"a}\"b","n":[1,-2.5e3,true,null,{"k":[]}]},"extra":false,"time":"2026-12-06T10:00:01.123456789Z"}"#
        )
        let taken = joined(physical)
        #expect(taken.problems == [])
        #expect(taken.lines == [text("x")])
        #expect(taken.times == ["2026-12-06T10:00:01.123456789Z"])
    }

    @Test func aTimeThatIsNoStampIsLeftOut() {
        let taken = joined(text(#"{"log":"x\n","time":"yesterday"}"#))
        #expect(taken.lines == [text("x")])
        #expect(taken.times == [""])
    }

    @Test(arguments: [
        (#"plain text line"#, DockerRecordProblem.notAnObject),
        (#"{"stream":"stdout","time":"2026-12-06T10:00:01Z"}"#, .missingLog),
        (#"{"log":"a\n","log":"b\n"}"#, .duplicateKey("log")),
        (#"{"log":"a\q"}"#, .badEscape(offset: 8)),
        (#"{"log":"a\u00zz"}"#, .badEscape(offset: 8)),
        (#"{"log":"a\n"} trailing"#, .malformed(offset: 14)),
        (#"{"log":"a\n" "stream":"stdout"}"#, .malformed(offset: 13)),
        (#"{"log":1}"#, .malformed(offset: 7)),
        (#"{log:"a"}"#, .malformed(offset: 1)),
        (#"{"log":"a\n","attrs":}"#, .malformed(offset: 21)),
    ])
    func refusesWhatIsNoRecord(line: String, problem: DockerRecordProblem) {
        let taken = joined(text(line))
        #expect(taken.lines == [])
        #expect(taken.problems == [problem])
    }

    @Test func refusesNestingBeyondTheCap() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let taken = joined(text(#"{"log":"a\n","attrs":"# + deep + "}"))
        #expect(taken.problems == [.tooDeep])
    }

    /// Every cut of a record is refused as truncated, and a failed record leaves a line being
    /// joined as it was.
    @Test func everyTruncatedRecordIsAProblemAndChangesNothing() {
        let record = Array(
            DockerJSONFile.records(for: "tail <of> the line").dropLast())
        var joiner = DockerLineJoiner(maxLineLength: 1_000)
        var taken = Taken()
        take(
            text(#"{"log":"head, ","stream":"stdout","time":"2026-12-06T10:00:01Z"}"#),
            into: &joiner, &taken)
        for cut in 1..<record.count {
            take(Array(record[0..<cut]), into: &joiner, &taken)
        }
        #expect(taken.lines == [])
        #expect(taken.problems.count == record.count - 1)
        #expect(taken.problems.allSatisfy { $0 == .truncated })
        take(record, into: &joiner, &taken)
        #expect(taken.lines == [text("head, tail <of> the line")])
    }

    @Test func anEmptyObjectHasNoLog() {
        #expect(joined(text("{}")).problems == [.missingLog])
        #expect(joined(text("   ")).problems == [.notAnObject])
    }
}

@Suite struct StampedLineTests {
    private func parse(_ line: String, time: String) -> (LineOutcome, String, LogTimestamp?) {
        var stamped = StampedLine()
        var event = RawEvent.unparsed()
        var result: (LineOutcome, String, LogTimestamp?) = (.unrecognized, "", nil)
        Array(line.utf8).withUnsafeBufferPointer { bytes in
            Array(time.utf8).withUnsafeBufferPointer { stamp in
                stamped.parse(bytes, time: stamp, with: LineParser(), into: &event) {
                    outcome, parsed, text in
                    result = (outcome, String(decoding: text, as: UTF8.self), parsed.timestamp)
                }
            }
        }
        return result
    }

    @Test func aLineWithoutAStampTakesTheDriversTime() {
        let (outcome, text, stamp) = parse(
            "postfix/smtp[137]: 73EBC8B09: to=<u@example.com>, relay=none, delay=1, dsn=4.4.1, "
                + "status=deferred (connect to mx.example.com[192.0.2.1]:25: Connection refused)",
            time: "2026-12-06T10:00:01.5Z")
        #expect(outcome == .event)
        #expect(text.hasPrefix("2026-12-06T10:00:01.5Z postfix/smtp[137]: "))
        #expect(stamp?.year == 2026 && stamp?.hour == 10 && stamp?.utcOffsetSeconds == 0)
    }

    @Test func aLineWithItsOwnStampKeepsIt() {
        let line =
            "2026-12-05T09:00:00+01:00 mail postfix/smtp[137]: 73EBC8B09: to=<u@example.com>, "
            + "relay=none, delay=1, dsn=4.4.1, status=deferred (connect to mx.example.com"
            + "[192.0.2.1]:25: Connection refused)"
        let (outcome, text, stamp) = parse(line, time: "2026-12-06T10:00:01.5Z")
        #expect(outcome == .event)
        #expect(text == line)
        #expect(stamp?.day == 5 && stamp?.utcOffsetSeconds == 3600)
    }

    @Test func aLineThatIsNoLogLineStaysUnrecognized() {
        #expect(
            parse("random output of the entrypoint", time: "2026-12-06T10:00:01Z").0
                == .unrecognized)
        #expect(parse("postfix/smtp[1]: no stamp and no time", time: "").0 == .unrecognized)
    }
}

/// Damaged records by the thousand (bytes flipped, cut, duplicated, in a seeded order): each
/// is a line or a problem, never a crash, and no line is longer than the limit.
@Suite struct DockerLineJoinerDamageTests {
    /// A small deterministic generator, so a failure replays.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    @Test func damagedRecordsAreLinesOrProblems() {
        var random = SplitMix(state: 20_261_206)
        let limit = 2_000
        let source =
            DockerJSONFile.records(
                for: Array(repeating: UInt8(ascii: "x"), count: 16_400) + Array("<&>".utf8))
            + DockerJSONFile.records(
                for: "to=<a\u{1F4E7}@example.com> \"q\" \\ \u{2028}", stream: "stderr")
            + Array(
                #"{"log":"x\ud83d\udce7\n","attrs":{"a":[1,{"b":"}"}]},"time":"2026-12-06T10:00:01Z"}"#
                    .utf8)
            + [0x0A]
        let records = source.split(separator: 0x0A).map { Array($0) }
        let alphabet = Array(#"{}[]":,\u0123456789abcdefn "#.utf8) + [0x00, 0xFF, 0xC3, 0x0D]
        var joiner = DockerLineJoiner(maxLineLength: limit)
        var lines = 0
        var problems = 0
        for _ in 0..<2_000 {
            var record = records[random.below(records.count)]
            for _ in 0..<random.below(4) where !record.isEmpty {
                let at = random.below(record.count)
                switch random.below(3) {
                case 0: record[at] = alphabet[random.below(alphabet.count)]
                case 1: record.removeSubrange(at...)
                default: record.insert(alphabet[random.below(alphabet.count)], at: at)
                }
            }
            record.withUnsafeBufferPointer { bytes in
                joiner.take(bytes) { piece in
                    switch piece {
                    case .line(let text, let time):
                        #expect(text.count <= limit)
                        #expect(time.count <= DockerRecord.maximumTimeLength)
                        lines += 1
                    case .problem:
                        problems += 1
                    }
                }
            }
        }
        joiner.flush { _ in lines += 1 }
        #expect(lines > 100)
        #expect(problems > 100)
    }
}
