import Testing

@testable import BounceCore

@Suite struct AggregatorShapeTests {
    @Test func unclassifiedRepliesAreListedByShapeWithTheEarliestExample() {
        var aggregator = ScanAggregator(topDestinations: 10)
        aggregator.add(
            SampleEvent(
                status: .deferred, domain: "example.net",
                reply: "451 Busy on mx1.example.net, try in 5 minutes"))
        aggregator.add(
            SampleEvent(
                status: .deferred, domain: "example.org",
                reply: "451 Busy on mx7.example.org, try in 10 minutes"))
        aggregator.add(SampleEvent(status: .bounced, domain: "example.org", reply: "550 Nope"))
        let report = aggregator.report()
        #expect(report.unclassifiedShapes.total == 3)
        #expect(
            report.unclassifiedShapes.shapes == [
                ShapeCount(
                    shape: "451 busy on <host>, try in # minutes", count: 2,
                    example: "451 Busy on mx1.example.net, try in 5 minutes"),
                ShapeCount(shape: "550 nope", count: 1, example: "550 Nope"),
            ])
    }

    @Test func explainedFailuresAndDeliveriesAreNotShaped() {
        var aggregator = ScanAggregator(topDestinations: 10)
        aggregator.add(
            SampleEvent(
                status: .bounced, cause: .recipientUnknown, domain: "example.net",
                reply: "550 5.1.1 User unknown"), times: 5)
        aggregator.add(SampleEvent(status: .sent, domain: "example.net", reply: "250 2.0.0 Ok"))
        let report = aggregator.report()
        #expect(report.unclassifiedShapes == ShapeReport())
    }

    @Test func theListIsCappedAndOrderedByCountThenShape() {
        var aggregator = ScanAggregator(topDestinations: 10)
        for index in 0..<(ScanAggregator.topShapes + 5) {
            let letters = String(index, radix: 26).map { character in
                Character(
                    UnicodeScalar(UInt8(ascii: "a") + (UInt8(String(character), radix: 26) ?? 0)))
            }
            aggregator.add(
                SampleEvent(status: .deferred, reply: "451 word \(String(letters))"),
                times: index % 3 + 1)
        }
        let shapes = aggregator.report().unclassifiedShapes.shapes
        #expect(shapes.count == ScanAggregator.topShapes)
        #expect(
            shapes.map(\.count) == shapes.map(\.count).sorted(by: >),
            "largest first")
        for (first, second) in zip(shapes, shapes.dropFirst()) where first.count == second.count {
            #expect(first.shape < second.shape)
        }
    }
}
