import Testing

@testable import BounceCore

/// A group keeps a single label apart from an array (`soleLabel`): its labels read back as
/// given, groups of one and of several labels stay apart, and the checkpoint's order
/// (`labelsPrecede`) is the order of the label arrays.
@Suite struct AlertGroupLabelsTests {
    static let keys: [[String]] = [
        [], [""], ["a"], ["b"], ["a", "b"], ["a", ""], ["b", "a"], ["ab"], ["é"], ["Z"],
        ["a", "b", "c"], ["provider:google"], ["provider:google", "x"],
    ]

    @Test func labelsReadBackAsGiven() {
        for labels in Self.keys {
            let group = AlertGroup(labels: labels, windowSeconds: 60)
            #expect(group.labels == labels)
            #expect(group.soleLabel == (labels.count == 1 ? labels[0] : nil))
            #expect(group.hash == AlertGroupHash.of(labels: labels))
        }
    }

    @Test func orderAndEqualityFollowTheLabelArrays() {
        for left in Self.keys {
            for right in Self.keys {
                let one = AlertGroup(labels: left, windowSeconds: 60)
                let other = AlertGroup(labels: right, windowSeconds: 60)
                #expect(
                    one.labelsPrecede(other) == left.lexicographicallyPrecedes(right),
                    "\(left) \(right)")
                #expect((one == other) == (left == right), "\(left) \(right)")
            }
        }
    }

    /// A group of one value made from the event that starts it equals the same group made
    /// from its label array (the checkpoint's way).
    @Test func aSoleLabelGroupEqualsTheArrayOne() {
        let made = AlertGroup(soleLabel: "example.org", hash: 7, windowSeconds: 60)
        let restored = AlertGroup(labels: ["example.org"], hash: 7, windowSeconds: 60)
        #expect(made == restored)
        #expect(made.labels == ["example.org"])
    }
}
