import Testing

@testable import BounceCore

extension MetricsFixture {
    /// Text that has broken line-based formats before.
    static let hostileNames = [
        "quote\"d.example", "back\\slash.example", "new\nline.example", "space d.example",
        "per%cent.example", "s:prefix.example", "-", "", "tab\tand\rcr.example", "é✓.example",
        String(repeating: "x", count: 10_000), "end 3", "bouncewatch-metrics 1",
    ]

    /// A store with a bit of everything, hostile names included.
    static func hostileStore() -> MetricsStore {
        var store = MetricsStore(topDestinations: 20, policy: MetricsFixture.quickPolicy)
        let spamhaus = Blocklist(name: "zen.spam\"haus\n.org", delistURL: nil)
        for (index, name) in MetricsFixture.hostileNames.enumerated() {
            store.add(
                MetricsFixture.sent(name), times: index + 1, source: name, time: Int64(index) - 5)
            store.add(
                SampleEvent(
                    mta: .exim, status: .bounced, cause: .blacklisted, domain: name,
                    blocklist: spamhaus))
            store.countLine(.unrecognized, source: name)
            store.countTruncatedLine(source: name)
        }
        store.add(
            SampleEvent(status: .bounced, domainBytes: [0xFF, 0xC3, 0x0A, 0x00], replyBytes: nil))
        store.add(SampleEvent(kind: .reject, status: .rejected, cause: .spam), times: 4)
        store.add(SampleEvent(mta: .exim, kind: .authFailure, status: .rejected), times: 2)
        store.rebalance()
        for name in MetricsFixture.hostileNames {
            store.add(MetricsFixture.bounced(name), times: 2)
        }
        store.add(MetricsFixture.sent("candidate.example"), times: 3)
        return store
    }

    static func restored(_ store: MetricsStore, top: Int = 20) throws -> MetricsStore {
        try MetricsStore(
            topDestinations: top, policy: store.policy, checkpointLines: store.checkpointLines())
    }
}

@Suite struct MetricsStoreCheckpointTests {
    @Test func anEmptyStoreRoundTrips() throws {
        let store = MetricsStore(topDestinations: 5)
        let copy = try MetricsFixture.restored(store)
        #expect(copy.snapshot() == store.snapshot())
        #expect(copy.checkpointLines() == store.checkpointLines())
    }

    @Test func anIdleRebalanceChangesOnlyTheClock() {
        // The default policy: windows move every 20 rebalances, so the next ones are idle.
        var store = MetricsStore(topDestinations: 5)
        store.add(MetricsFixture.sent("example.org"), times: 3, source: "mail.log", time: 1)
        store.rebalance()
        let before = store.checkpointLines()
        store.rebalance()
        let idle = store.checkpointLines()
        #expect(before != idle)
        #expect(MetricsStore.sameExceptClock(before, idle))
        store.add(MetricsFixture.sent("candidate.example"))
        #expect(!MetricsStore.sameExceptClock(idle, store.checkpointLines()))
        store.countLine(.unrecognized, source: "mail.log")
        #expect(!MetricsStore.sameExceptClock(idle, store.checkpointLines()))
    }

    @Test func hostileNamesRoundTripOnOneLineEach() throws {
        let store = MetricsFixture.hostileStore()
        let lines = store.checkpointLines()
        for line in lines {
            #expect(!line.contains("\n") && !line.contains("\r"))
            #expect(line.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
            #expect(line.utf8.count <= MetricsCheckpointReader.lineLimit)
        }
        let copy = try MetricsFixture.restored(store)
        #expect(copy.snapshot() == store.snapshot())
        #expect(copy.checkpointLines() == lines)
        #expect(copy.labelNames.contains("new\nline.example"))
    }

    /// A MetricsFixture.restored store counts on exactly like the store it was taken from.
    @Test(arguments: [4, 5])
    func aRestoredStoreContinuesLikeTheOriginal(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        var original = MetricsStore(topDestinations: 10, policy: MetricsFixture.quickPolicy)
        var copy: MetricsStore?
        for round in 0..<120 {
            for _ in 0..<Int(random.next() % 40) {
                let domain =
                    random.next() % 2 == 0
                    ? "hot\((round / 30) * 4 + Int(random.next() % 8)).example"
                    : "tail\(random.next() % 3000).example"
                let sample =
                    random.next() % 3 == 0
                    ? MetricsFixture.bounced(domain, .mailboxFull) : MetricsFixture.sent(domain)
                let source = "s\(random.next() % 3)"
                let time = Int64(1_700_000_000 + round)
                original.add(sample, source: source, time: time)
                copy?.add(sample, source: source, time: time)
            }
            original.rebalance()
            copy?.rebalance()
            if round == 60 { copy = try MetricsFixture.restored(original, top: 10) }
            if let copy {
                #expect(copy.deliverySeries == original.deliverySeries, "round \(round)")
                #expect(copy.snapshot() == original.snapshot(), "round \(round)")
            }
        }
    }

    /// A reload that lowered `top_destinations` while the daemon was stopped: the restored
    /// store keeps every count and demotes down to the new limit at its first rebalance.
    @Test func aRestoreWithALowerTopDemotesAtTheNextRebalance() throws {
        var store = MetricsStore(topDestinations: 5)
        for index in 0..<5 { store.add(MetricsFixture.sent("d\(index).example"), times: index + 1) }
        store.rebalance()
        for index in 0..<5 {
            store.add(MetricsFixture.bounced("d\(index).example"), times: index + 1)
        }
        var copy = try MetricsStore(topDestinations: 2, checkpointLines: store.checkpointLines())
        #expect(copy.snapshot() == store.snapshot())
        #expect(copy.labelledDestinations == 5)
        copy.rebalance()
        #expect(copy.labelNames == ["d3.example", "d4.example"])
        #expect(copy.snapshot().deliveries == StatusCounts(sent: 15, bounced: 15))
    }

    @Test func aLargeStateRoundTrips() throws {
        var store = MetricsStore(topDestinations: 500)
        for index in 0..<600 {
            for status in [DeliveryStatus.deferred, .bounced, .expired] {
                for cause in Cause.allCases.prefix(6) {
                    store.add(
                        SampleEvent(
                            mta: index % 2 == 0 ? .postfix : .exim, status: status, cause: cause,
                            domain: "domain\(index).example"))
                }
            }
        }
        store.rebalance()
        for index in 0..<600 {
            store.add(MetricsFixture.bounced("domain\(index).example"), times: index % 7 + 1)
        }
        MetricsFixture.feedDistinctDomains(&store, count: 20_000, rebalanceEvery: 5_000)
        let lines = store.checkpointLines()
        #expect(lines.count > 500)
        let copy = try MetricsFixture.restored(store, top: 500)
        #expect(copy.snapshot() == store.snapshot())
        #expect(copy.checkpointLines() == lines)
    }

    @Test(arguments: [
        ([String](), 0, "empty"),
        (["hello"], 1, "not a bouncewatch metrics checkpoint"),
        (["bouncewatch-metrics 2", "end 1"], 1, "unsupported version '2'"),
        (["bouncewatch-metrics 1", "epoch 1"], 2, "incomplete"),
        (["bouncewatch-metrics 1", "epoch 1", "end 5"], 3, "incomplete"),
        (["bouncewatch-metrics 1", "end 1"], 0, "no 'epoch' line"),
        (["bouncewatch-metrics 1", "epoch 1", "epoch 2", "end 3"], 3, "second 'epoch'"),
        (["bouncewatch-metrics 1", "epoch -1", "end 2"], 2, "not a count"),
        (["bouncewatch-metrics 1", "epoch 99999999999999999999", "end 2"], 2, "not a count"),
        (["bouncewatch-metrics 1", "epoch 1", "frob 1", "end 3"], 3, "unknown record 'frob'"),
        (["bouncewatch-metrics 1", "epoch 1", "sasl postfix", "end 3"], 3, "needs 2 fields"),
        (["bouncewatch-metrics 1", "epoch 1", "sasl qmail 1", "end 3"], 3, "unknown MTA"),
        (["bouncewatch-metrics 1", "epoch 1", "reject exim nope 1", "end 3"], 3, "unknown cause"),
        (
            ["bouncewatch-metrics 1", "epoch 1", "sasl exim 1", "sasl exim 2", "end 4"], 4,
            "sasl given twice"
        ),
        (
            ["bouncewatch-metrics 1", "epoch 1", "cell s:a.example postfix sent - 1", "end 3"], 3,
            "undeclared destination"
        ),
        (
            ["bouncewatch-metrics 1", "epoch 1", "cell - postfix lost - 1", "end 3"], 3,
            "unknown status"
        ),
        (
            [
                "bouncewatch-metrics 1", "epoch 1", "cell - postfix sent - 1",
                "cell - postfix sent - 2", "end 4",
            ],
            4, "cell given twice"
        ),
        (
            ["bouncewatch-metrics 1", "epoch 1", "destination s:other 0 0 0 0", "end 3"], 3,
            "'other'"
        ),
        (
            ["bouncewatch-metrics 1", "epoch 1", "destination a.example 0 0 0 0", "end 3"], 3,
            "not encoded text"
        ),
        (
            ["bouncewatch-metrics 1", "epoch 1", "destination s:a%2 0 0 0 0", "end 3"], 3,
            "not encoded text"
        ),
        (
            ["bouncewatch-metrics 1", "epoch 1", "destination s:%FF 0 0 0 0", "end 3"], 3,
            "not encoded text"
        ),
        (
            ["bouncewatch-metrics 1", "epoch 1", "destination s:A 0 0 0 0", "end 3"], 3,
            "not lower-case"
        ),
        (
            ["bouncewatch-metrics 1", "epoch 1", "destination s:%01 0 0 0 0", "end 3"], 3,
            "not a valid label"
        ),
        (
            ["bouncewatch-metrics 1", "epoch 1", "destination s:a 5 5 0 0", "end 3"], 0,
            "from the future"
        ),
        (
            [
                "bouncewatch-metrics 1", "epoch 1", "destination s:a 0 0 0 0",
                "candidate current s:a 1", "end 4",
            ],
            0, "also a candidate"
        ),
        (["bouncewatch-metrics 1", "epoch 1", "candidate later s:a 1", "end 3"], 3, "window"),
        (
            ["bouncewatch-metrics 1", "epoch 1", "source s:x 1 2 3 4 yesterday", "end 3"], 3,
            "not a time"
        ),
        (["bouncewatch-metrics 1", "epoch 1", "blocklist s:z s:a 1", "end 3"], 3, "undeclared"),
        (
            ["bouncewatch-metrics 1", "epoch 1", "sasl postfix 9223372036854775807", "end 3"], 3,
            "larger than 2^53"
        ),
        (
            ["bouncewatch-metrics 1", "epoch 1", "source s:x 9007199254740993 0 0 0 -", "end 3"],
            3, "larger than 2^53"
        ),
        (["bouncewatch-metrics 1", "epoch  1", "end 2"], 2, "needs 1 fields"),
    ])
    func garbageIsRefusedWithAClearError(lines: [String], line: Int, reason: String) {
        do {
            _ = try MetricsStore(topDestinations: 5, checkpointLines: lines)
            Issue.record("accepted \(lines)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.reason.contains(reason), "\(error)")
            #expect(error.description.contains("metrics checkpoint"))
        }
    }

    /// Every counter at the largest count a checkpoint may hold: counting on, rebalancing
    /// (which folds demoted rows into `other`) and the totals over every cell never overflow,
    /// and sums stop at that count. (A capped sum that real lines then push past it would be
    /// refused at the next start, as a forged checkpoint should be.)
    @Test func countersAtTheLargestAllowedCountKeepCounting() throws {
        let largest = MetricsCheckpointFields.largestCount
        let lines = MetricsFixture.hostileStore().checkpointLines().map { line -> String in
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard let record = fields.first, ["cell", "sasl", "reject"].contains(record) else {
                return line
            }
            return (fields.dropLast().map(String.init) + [String(largest)]).joined(separator: " ")
        }
        #expect(lines.contains { $0.hasSuffix(" \(largest)") })
        var store = try MetricsStore(topDestinations: 20, checkpointLines: lines)
        store.setTopDestinations(1)
        store.rebalance()
        store.add(
            SampleEvent(mta: .exim, status: .deferred, cause: .network, domain: "new.example"),
            times: 3)
        store.countLine(.ignored, source: "x")
        let snapshot = store.snapshot()
        // Sums stop at the largest count, so the store's own checkpoint loads again.
        #expect(snapshot.deliveries.bounced == largest)
        #expect(snapshot.totalLines > 0)
        _ = try MetricsStore(topDestinations: 20, checkpointLines: store.checkpointLines())
    }

    @Test func tooManyDestinationsAreRefused() {
        var lines = ["bouncewatch-metrics 1", "epoch 1"]
        for index in 0...MetricsStore.maximumTopDestinations {
            lines.append("destination s:d\(index) 0 0 0 0")
        }
        lines.append("end \(lines.count)")
        #expect(throws: MetricsRestoreError.self) {
            try MetricsStore(topDestinations: 5, checkpointLines: lines)
        }
    }

    /// Every single-line mutation of a real checkpoint is either refused or restores to a store
    /// whose own checkpoint restores again: damage never crashes and never half-applies.
    @Test func damagedCheckpointsNeverCrash() throws {
        let lines = MetricsFixture.hostileStore().checkpointLines()
        var random = SplitMix64(state: 9)
        var refused = 0
        for _ in 0..<400 {
            var damaged = lines
            let index = Int(random.next() % UInt64(lines.count))
            var bytes = Array(damaged[index].utf8)
            switch random.next() % 4 {
            case 0: bytes.removeLast(Int(random.next() % UInt64(bytes.count + 1)))
            case 1 where !bytes.isEmpty:
                bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(
                    truncatingIfNeeded: random.next())
            case 2: damaged.remove(at: index)
            default: damaged.insert(damaged[index], at: index)
            }
            if damaged.count == lines.count, index < damaged.count {
                damaged[index] = String(decoding: bytes, as: UTF8.self)
            }
            do {
                let store = try MetricsStore(topDestinations: 20, checkpointLines: damaged)
                _ = try MetricsStore(topDestinations: 20, checkpointLines: store.checkpointLines())
            } catch {
                refused += 1
            }
        }
        #expect(refused > 200)
    }
}
