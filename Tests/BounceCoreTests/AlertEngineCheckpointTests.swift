import Testing

@testable import BounceCore

@Suite struct AlertEngineCheckpointTests {
    static let rule = AlertRule(
        name: "blacklisted", match: EventMatch(cause: [.blacklisted]), threshold: 2,
        windowSeconds: 900, groupBy: [.blocklist], repeatIntervalSeconds: 3600,
        groupWaitSeconds: 30)

    static func restored(
        _ engine: AlertEngine, rules: [AlertRule] = [rule]
    ) throws -> AlertEngine {
        try AlertEngine(rules: rules, checkpointLines: engine.checkpointLines())
    }

    @Test func restartKeepsFiringStateAndDoesNotResend() throws {
        var engine = AlertEngine(rules: [Self.rule])
        engine.observe(AlertFixture.blacklisted(1000))
        engine.observe(AlertFixture.blacklisted(1001, to: "yahoo.com"))
        #expect(AlertFixture.timeline(&engine, at: [1001, 1031]) == ["-", "firing"])

        var again = try Self.restored(engine)
        #expect(again.firing == ["blacklisted": 1])
        // Nothing new until the repeat is due, which is still counted from the first send.
        engine.observe(AlertFixture.blacklisted(1500))
        again.observe(AlertFixture.blacklisted(1500))
        #expect(AlertFixture.timeline(&again, at: [1100, 1500, 4630]) == ["-", "-", "-"])
        again.observe(AlertFixture.blacklisted(4600))
        again.observe(AlertFixture.blacklisted(4610))
        let notices = again.evaluate(now: 4631)
        #expect(notices.map(\.isRepeat) == [true])
        #expect(notices.first?.startedAt == 1000)
    }

    @Test func restartResolvesWithTheEvidenceOfTheAlertSentBeforeIt() throws {
        var engine = AlertEngine(rules: [Self.rule])
        engine.observe(AlertFixture.blacklisted(1000, ip: "198.51.100.7"))
        engine.observe(AlertFixture.blacklisted(1001))
        let sent = engine.evaluate(now: 1001) + engine.evaluate(now: 1031)
        var again = try Self.restored(engine)
        let resolved = again.evaluate(now: 1900) + again.evaluate(now: 1930)
        #expect(resolved.map(\.state) == [.resolved])
        #expect(resolved.first?.listedIP == sent.first?.listedIP)
        #expect(resolved.first?.samples == sent.first?.samples)
        #expect(resolved.first?.destinations == sent.first?.destinations)
        #expect(again.firing == ["blacklisted": 0])
    }

    @Test func countsAndPendingStateSurviveARestart() throws {
        var engine = AlertEngine(rules: [Self.rule])
        engine.observe(AlertFixture.blacklisted(1000))
        #expect(engine.evaluate(now: 1000).isEmpty)
        var again = try Self.restored(engine)
        again.observe(AlertFixture.blacklisted(1010))
        #expect(AlertFixture.timeline(&again, at: [1010, 1039, 1040]) == ["-", "-", "firing"])
        // Pending at the checkpoint: the wait goes on from where it was.
        var pending = AlertEngine(rules: [Self.rule])
        for time: Int64 in [2000, 2001] { pending.observe(AlertFixture.blacklisted(time)) }
        #expect(pending.evaluate(now: 2005).isEmpty)
        var resumed = try Self.restored(pending)
        #expect(AlertFixture.timeline(&resumed, at: [2034, 2035]) == ["-", "firing"])
    }

    @Test func checkpointRoundTripsHostileText() throws {
        var engine = AlertEngine(rules: [
            AlertRule(
                name: "odd name %20 =x", match: EventMatch(), threshold: 1, windowSeconds: 600,
                groupBy: [.destination, .blocklist], groupWaitSeconds: 0)
        ])
        let hostile = ["a b", "-", "=", "%41", "x\r\ny", "\u{0}", "é\u{202E}", "", " "]
        for (index, text) in hostile.enumerated() {
            engine.observe(
                AlertFixture.event(
                    1000 + Int64(index), to: "d\(index)" + text,
                    blocklist: Blocklist(name: "l" + text, delistURL: text), listedIP: text,
                    line: "line \(text)\n"))
        }
        _ = engine.evaluate(now: 1010)
        let lines = engine.checkpointLines()
        #expect(
            lines.allSatisfy { !$0.contains("\n") && !$0.contains("\r") && !$0.contains("\u{0}") })
        let again = try AlertEngine(rules: engine.rules, checkpointLines: lines)
        #expect(again.checkpointLines() == lines)
        #expect(again.firing == engine.firing)
    }

    @Test func ruleChangesOnRestore() throws {
        var engine = AlertEngine(rules: [Self.rule])
        for time: Int64 in [1000, 1001] { engine.observe(AlertFixture.blacklisted(time)) }
        _ = engine.evaluate(now: 1001) + engine.evaluate(now: 1031)

        // A rule that no longer exists: dropped.
        let other = AlertFixture.countRule("other", threshold: 1, window: 600)
        #expect(try Self.restored(engine, rules: [other]).firing == ["other": 0])

        // Threshold and repeat changed: state kept as is; no mail until the new repeat.
        var tuned = Self.rule
        tuned.threshold = 1
        tuned.repeatIntervalSeconds = 600
        var kept = try Self.restored(engine, rules: [tuned])
        #expect(kept.firing == ["blacklisted": 1])
        #expect(AlertFixture.timeline(&kept, at: [1100, 1631]) == ["-", "repeat"])

        // Grouped differently: the old groups mean nothing, start afresh.
        var regrouped = Self.rule
        regrouped.groupBy = [.destination]
        #expect(try Self.restored(engine, rules: [regrouped]).firing == ["blacklisted": 0])

        // Window changed: counts re-bucketed, still firing, still two events.
        var wider = Self.rule
        wider.windowSeconds = 3600
        var rebucketed = try Self.restored(engine, rules: [wider])
        #expect(rebucketed.firing == ["blacklisted": 1])
        #expect(AlertFixture.timeline(&rebucketed, at: [2000, 4000]) == ["-", "-"])
        #expect(rebucketed.states[0].groups.values.first?.window.totals(at: 2000).matched == 2)

        // Match changed: firing kept (nothing sent twice) but the old counts are gone, so the
        // alert resolves unless the new rule holds.
        var narrowed = Self.rule
        narrowed.match = EventMatch(status: [.bounced], cause: [.blacklisted])
        var changed = try Self.restored(engine, rules: [narrowed])
        #expect(changed.firing == ["blacklisted": 1])
        #expect(AlertFixture.timeline(&changed, at: [1040, 1070]) == ["-", "resolved"])
    }

    struct GarbageCase: Sendable, CustomTestStringConvertible {
        var lines: [String]
        var line: Int
        var testDescription: String { lines.joined(separator: " / ") }
    }

    static let header = AlertEngine.checkpointHeader

    @Test(arguments: [
        GarbageCase(lines: ["bouncewatch-alerts 2"], line: 1),
        GarbageCase(lines: ["garbage"], line: 1),
        GarbageCase(lines: [header, "rule =x 0 - 600", "bogus"], line: 3),
        GarbageCase(lines: [header, "group quiet"], line: 2),
        GarbageCase(lines: [header, "rule =x 0 - 0"], line: 2),
        GarbageCase(lines: [header, "rule =x 0 nonsense 600"], line: 2),
        GarbageCase(lines: [header, "rule x 0 - 600"], line: 2),
        GarbageCase(lines: [header, "rule =x 0 destination 600", "group quiet"], line: 3),
        GarbageCase(lines: [header, "rule =x 0 - 600", "group quiet =extra"], line: 3),
        GarbageCase(lines: [header, "rule =x 0 - 600", "group sleeping"], line: 3),
        GarbageCase(lines: [header, "rule =x 0 - 600", "group firing 1 2"], line: 3),
        GarbageCase(lines: [header, "rule =x 0 - 600", "slot 1 1 1"], line: 3),
        GarbageCase(lines: [header, "rule =x 0 - 600", "group quiet", "slot 1 -1 0"], line: 4),
        GarbageCase(
            lines: [header, "rule =x 0 - 600", "group quiet", "slot 1 99999999999 0"], line: 4),
        GarbageCase(
            lines: [header, "rule =x 0 - 600", "group quiet", "slot 99999999999999999999 1 0"],
            line: 4),
        GarbageCase(
            lines: [
                header, "rule =x 0 - 600", "group quiet", "match 1 sent delivery up - =a - - -",
            ],
            line: 4),
        GarbageCase(
            lines: [header, "rule =x 0 - 600", "group quiet", "sample 1 =bad%zz"], line: 4),
        GarbageCase(
            lines: [header, "rule =x 0 - 600", "group quiet", "sample 1 =%FF%FE"], line: 4),
        GarbageCase(
            lines: [header, "rule =x 0 - 600", "group quiet", "sample 1 =trailing%4"], line: 4),
        GarbageCase(
            lines: [header, "rule =x 0 - 600", "group quiet", "evidence 1 - 1 - - - - - - - -"],
            line: 4),
        GarbageCase(
            lines: [header, "rule =x 0 - 600", "group firing 1 2 -", "ecause nope 1"], line: 4),
        GarbageCase(lines: [header, "rule =x 0 - 600", "group quiet", ""], line: 4),
    ])
    func garbageIsAnErrorNamingTheLine(_ test: GarbageCase) {
        #expect(throws: AlertRestoreError.self) {
            _ = try AlertEngine(rules: [Self.rule], checkpointLines: test.lines)
        }
        do throws(AlertRestoreError) {
            _ = try AlertEngine(rules: [Self.rule], checkpointLines: test.lines)
        } catch {
            #expect(error.line == test.line)
        }
    }

    @Test func mutatedCheckpointsNeverCrash() {
        var engine = AlertEngine(rules: [Self.rule])
        for time: Int64 in [1000, 1001, 1002] {
            engine.observe(AlertFixture.blacklisted(time, to: "d\(time).example"))
        }
        _ = engine.evaluate(now: 1002) + engine.evaluate(now: 1032)
        let lines = engine.checkpointLines()
        var generator = SplitMix64(state: 5)
        var restored = 0
        var failed = 0
        for _ in 0..<400 {
            var mutated = lines
            let index = Int(generator.next() % UInt64(mutated.count))
            var bytes = Array(mutated[index].utf8)
            switch generator.next() % 4 {
            case 0 where !bytes.isEmpty:
                bytes.remove(at: Int(generator.next() % UInt64(bytes.count)))
            case 1:
                let position = Int(generator.next() % UInt64(bytes.count + 1))
                bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
            case 2 where !bytes.isEmpty:
                bytes[Int(generator.next() % UInt64(bytes.count))] =
                    Array(" -=%019".utf8)[
                        Int(generator.next() % 7)]
            default:
                mutated.swapAt(index, Int(generator.next() % UInt64(mutated.count)))
            }
            mutated[index] = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try AlertEngine(rules: [Self.rule], checkpointLines: mutated)
                restored += 1
            } catch {
                failed += 1
            }
        }
        // Both outcomes happen; neither crashes.
        #expect(restored > 0)
        #expect(failed > 0)
    }
}
