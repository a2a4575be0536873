import Foundation
import Testing

@testable import BounceCore

/// `accuracy/labelled.tsv` (see accuracy/README.md): the classifier's measured accuracy must not
/// drop below the floors, and the set, like the held-out `accuracy/heldout.tsv`, must stay apart
/// from the rules' samples and the fixtures.
@Suite struct AccuracyTests {
    /// The measured figure is 99.6% (525 of 527); the floor leaves room for a few lines.
    static let overallFloor = 0.97
    /// Causes with at least this many lines must keep 85% recall; smaller groups (the three
    /// `unclassified` lines) are reported by `make accuracy` but too small to hold a floor.
    static let recallSupport = 10
    static let recallFloor = 0.85

    struct Case {
        var cause: String
        var line: String
        var number: Int
    }

    static let cases = load("labelled.tsv")
    static let heldOut = load("heldout.tsv")

    static func load(_ name: String) -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("accuracy/\(name)")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var cases: [Case] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        where !raw.isEmpty && !raw.hasPrefix("#") {
            let parts = raw.split(separator: "\t", maxSplits: 1)
            cases.append(
                Case(
                    cause: String(parts[0]), line: parts.count > 1 ? String(parts[1]) : "",
                    number: index + 1))
        }
        return cases
    }

    /// The cause the parser and classifier give `line`, or nil when it is not a failure event.
    static func cause(of line: String, classifier: Classifier = .standard) -> String? {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { mutable in
            let buffer = UnsafeBufferPointer(mutable)
            guard case .event(let event) = LineParser().parse(buffer), event.status != .sent else {
                return nil
            }
            return classifier.classify(event, in: buffer).cause.identifier
        }
    }

    @Test func theSetHasThreeHundredLabelledLinesOfKnownCauses() {
        #expect(Self.cases.count >= 300, "accuracy/labelled.tsv has \(Self.cases.count) lines")
        let known = Set(Cause.allCases.map(\.identifier))
        for item in Self.cases {
            #expect(known.contains(item.cause), "line \(item.number): unknown cause \(item.cause)")
            #expect(!item.line.isEmpty, "line \(item.number) has no log line")
        }
        #expect(Set(Self.cases.map(\.line)).count == Self.cases.count, "no line is labelled twice")
    }

    @Test func noLabelledLineIsARuleSampleOrAFixtureLine() {
        let samples = Dictionary(
            Classifier.standard.rules.map { ($0.sample, $0.id) }, uniquingKeysWith: { a, _ in a })
        var fixtures = Set<String>()
        for name in ["causes.fixture", "postfix.fixture", "exim.fixture"] {
            for fixture in FixtureFile.load(name) { fixtures.insert(fixture.line) }
        }
        #expect(fixtures.count > 300, "the fixtures were read")
        #expect(Self.heldOut.count >= 150, "accuracy/heldout.tsv has \(Self.heldOut.count) lines")
        let labelled = Set(Self.cases.map(\.line))
        for (name, set) in [("labelled", Self.cases), ("heldout", Self.heldOut)] {
            for item in set {
                #expect(
                    samples[item.line] == nil,
                    "\(name) line \(item.number) is the sample of \(samples[item.line] ?? "")")
                #expect(
                    !fixtures.contains(item.line), "\(name) line \(item.number) is a fixture line")
            }
        }
        for item in Self.heldOut {
            #expect(!labelled.contains(item.line), "heldout line \(item.number) is also labelled")
        }
    }

    @Test func accuracyStaysAboveItsFloors() {
        var support: [String: Int] = [:]
        var correct: [String: Int] = [:]
        var misses: [String] = []
        for item in Self.cases {
            let got = Self.cause(of: item.line) ?? "(no event)"
            support[item.cause, default: 0] += 1
            if got == item.cause {
                correct[item.cause, default: 0] += 1
            } else {
                misses.append("line \(item.number): \(item.cause) -> \(got)")
            }
        }
        let total = Self.cases.count
        let right = correct.values.reduce(0, +)
        let overall = total == 0 ? 0 : Double(right) / Double(total)
        #expect(
            overall >= Self.overallFloor,
            "overall accuracy \(right)/\(total) under \(Self.overallFloor); misses: \(misses)")
        for (cause, count) in support.sorted(by: { $0.key < $1.key })
        where count >= Self.recallSupport {
            let recall = Double(correct[cause] ?? 0) / Double(count)
            #expect(recall >= Self.recallFloor, "\(cause) recall \(recall) of \(count) lines")
        }
    }

    /// The floor can fail: a classifier without the recipient rules misses those lines.
    @Test func theFloorCatchesALostRule() {
        let weakened = Classifier(
            rules: Rule.standard.filter { $0.cause != .recipientUnknown && $0.cause != .spam })
        let right = Self.cases.filter { Self.cause(of: $0.line, classifier: weakened) == $0.cause }
        #expect(Double(right.count) / Double(Self.cases.count) < Self.overallFloor)
    }
}
