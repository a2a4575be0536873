import Foundation
import Testing

@testable import BounceCore

/// Provider detection scored on `accuracy/providers.tsv` (the set `make accuracy` reports): at
/// least 200 lines over the providers, each decided by relay, signature or domain, and at
/// least 98% of them given the right provider.
struct ProviderAccuracyTests {
    struct Case {
        var provider: String
        var basis: String
        var line: String
    }

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("accuracy/providers.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { raw in
            let parts = raw.split(separator: "\t", maxSplits: 2).map(String.init)
            return parts.count == 3
                ? Case(provider: parts[0], basis: parts[1], line: parts[2]) : nil
        }
    }()

    static func decide(_ line: String) -> (provider: String, basis: String) {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var event = RawEvent.unparsed()
            guard LineParser().parse(buffer, into: &event) == .event,
                let match = ProviderTable.standard.decide(event, in: buffer)
            else { return ("-", "-") }
            let basis =
                switch match.basis {
                case .relay: "relay"
                case .signature: "signature"
                case .domain: "domain"
                }
            return (ProviderTable.standard.providers[match.index].name, basis)
        }
    }

    @Test func setIsLargeAndCoversEveryBasis() {
        #expect(Self.cases.count >= 200, "accuracy/providers.tsv has \(Self.cases.count) lines")
        #expect(Set(Self.cases.map(\.basis)) == ["relay", "signature", "domain", "-"])
        #expect(Set(Self.cases.map(\.provider)).count >= 25)
        let known = Set(Provider.standard.map(\.name))
        for item in Self.cases where item.provider != "-" {
            #expect(known.contains(item.provider), "\(item.provider) is a provider")
        }
        let samples = Set(Provider.standard.map(\.sample))
        for item in Self.cases { #expect(!samples.contains(item.line), "a sample: \(item.line)") }
    }

    @Test func providerAccuracyIsAtLeast98Percent() {
        let right = Self.cases.filter { Self.decide($0.line).provider == $0.provider }.count
        #expect(right * 100 >= 98 * Self.cases.count, "\(right) of \(Self.cases.count) right")
    }
}
