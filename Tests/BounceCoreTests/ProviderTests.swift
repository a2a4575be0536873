import Testing

@testable import BounceCore

/// Parses `line` and hands its event and bytes to `body`; fails the test if it is no event.
private func withEvent<T>(
    _ line: String, _ body: (RawEvent, UnsafeBufferPointer<UInt8>) -> T
) -> T? {
    let bytes = Array(line.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
        var event = RawEvent.unparsed()
        guard LineParser(format: .auto).parse(buffer, into: &event) == .event else {
            Issue.record("not an event: \(line)")
            return nil
        }
        return body(event, buffer)
    }
}

private func decide(_ line: String, _ table: ProviderTable = .standard) -> (String, ProviderBasis)?
{
    withEvent(line) { event, buffer in
        table.decide(event, in: buffer).map { (table.providers[$0.index].name, $0.basis) }
    } ?? nil
}

private let postfixStamp = "Nov 26 10:14:03 mx1"

private func delivery(_ recipient: String, relay: String, reply: String = "550 5.1.1 User unknown")
    -> String
{
    SampleLine.postfix(recipient, relay: relay, dsn: "5.1.1", said: reply)
}

@Test func providerTableIsWellFormed() {
    let providers = Provider.standard
    #expect(providers.count >= 40)
    #expect(Set(providers.map(\.name)).count == providers.count, "provider names are unique")
    for provider in providers {
        #expect(ProviderSpec.problem(withName: provider.name) == nil, "\(provider.name)")
        #expect(!provider.relaySuffixes.isEmpty, "\(provider.name) has relay suffixes")
        for name in provider.relaySuffixes + provider.domains {
            #expect(ProviderSpec.problem(withHostName: name) == nil, "\(provider.name): \(name)")
        }
    }
    for family in [
        "google", "microsoft", "yahoo", "tencent", "netease", "sina", "sohu", "aliyun",
        "mailru", "yandex", "proofpoint", "mimecast", "cisco", "barracuda",
    ] {
        #expect(providers.contains { $0.name == family }, "\(family) is built in")
    }
}

/// Every provider carries a sample line, and the table decides that provider for it.
@Test(arguments: Provider.standard)
func providerSampleDecidesItsProvider(_ provider: Provider) {
    #expect(!provider.sample.isEmpty, "\(provider.name) has a sample line")
    guard let (name, _) = decide(provider.sample) else {
        Issue.record("\(provider.name): no provider for its sample")
        return
    }
    #expect(name == provider.name)
}

@Test func samplesExerciseEveryBasis() {
    let bases = Set(Provider.standard.compactMap { decide($0.sample)?.1 })
    #expect(bases == Set(ProviderBasis.allCases))
}

@Test(arguments: [
    ("aspmx.l.google.com[142.250.27.26]:25", "google"),
    ("ALT1.ASPMX.L.GOOGLE.COM[142.250.153.27]:25", "google"),
    ("gmail-smtp-in.l.google.com.[142.250.102.27]:25", "google"),
    ("contoso-com.mail.protection.outlook.com[52.101.41.3]:25", "microsoft"),
    ("outlook-com.olc.protection.outlook.com[52.101.68.14]:25", "microsoft"),
    ("mta6.am0.yahoodns.net[67.195.204.72]:25", "yahoo"),
    ("mxbiz1.qq.com[43.163.178.93]:25", "tencent"),
    ("hzmx01.mxmail.netease.com[103.129.252.44]:25", "netease"),
    ("mx0b-001ab301.pphosted.com[148.163.156.1]:25", "proofpoint"),
    ("eu-smtp-inbound-1.mimecast.com[195.130.217.221]:25", "mimecast"),
    ("esa1.example.iphmx.com[68.232.129.1]:25", "cisco"),
])
func relayDecides(_ relay: String, _ expected: String) {
    let verdict = decide(delivery("a@example-corp.com", relay: relay))
    #expect(verdict?.0 == expected)
    #expect(verdict?.1 == .relay)
}

@Test func relaySuffixMatchesWholeLabelsOnly() {
    // `notgoogle.com` ends with the bytes of `google.com` but is another domain.
    #expect(decide(delivery("a@example-corp.com", relay: "mx.notgoogle.com[192.0.2.1]:25")) == nil)
    #expect(
        decide(delivery("a@example-corp.com", relay: "google.com.evil.example[192.0.2.1]:25"))
            == nil)
    // Exim's `H=` form: host name, space, address.
    let exim = SampleLine.exim(
        "a@example-corp.com", host: "aspmx.l.google.com [142.250.27.26]", reply: "550 5.1.1 no")
    #expect(decide(exim)?.0 == "google")
}

@Test func relayBeatsSignatureBeatsDomain() {
    // Mail to a gmail.com address relayed through a Proofpoint gateway: the relay decides.
    let relayed = delivery(
        "x@gmail.com", relay: "mx0a-1.pphosted.com[148.163.150.10]:25",
        reply: "550 5.7.1 rejected - gsmtp")
    #expect(decide(relayed)! == ("proofpoint", .relay))
    // A server without a name in DNS, signing as Gmail, for a Microsoft domain.
    let signed = delivery(
        "x@hotmail.com", relay: "142.250.27.26[142.250.27.26]:25",
        reply: "550-5.7.26 Unauthenticated email is not accepted 550 5.7.26 abc - gsmtp")
    #expect(decide(signed)! == ("google", .signature))
    let outlookStamp = delivery(
        "x@example-corp.com", relay: "52.101.41.3[52.101.41.3]:25",
        reply: "550 5.7.1 Service unavailable, Client host [192.0.2.25] blocked using Spamhaus. "
            + "(S3130) [AM2PEPF0001C70B.eurprd02.prod.outlook.com]")
    #expect(decide(outlookStamp)! == ("microsoft", .signature))
    let byDomain = delivery("x@QQ.COM", relay: "smarthost.example.net[192.0.2.80]:25")
    #expect(decide(byDomain)! == ("tencent", .domain))
    #expect(decide(delivery("x@sub.qq.com", relay: "none")) == nil, "domains match exactly")
}

@Test func ownWordingIsNoSignature() {
    // Postfix's own text names the host it tried; only a remote's reply can be signed.
    let line = SampleLine.postfixOwn(
        "x@example-corp.com", dsn: "4.4.1",
        text: "connect to gmail-smtp-in.l.google.com[142.250.102.27]:25: Connection timed out gsmtp"
    )
    #expect(decide(line) == nil)
}

@Test func hostileRelaysDecideNothing() {
    let long = String(repeating: "a.", count: 200) + "google.com"
    #expect(decide(delivery("x@example-corp.com", relay: "\(long)[192.0.2.1]:25")) == nil)
    #expect(decide(delivery("x@example-corp.com", relay: "...[192.0.2.1]:25")) == nil)
    #expect(decide(delivery("x@example-corp.com", relay: "none")) == nil)
}

@Test func configuredProvidersExtendAndOverride() {
    let table = ProviderTable.standard.layered(with: [
        ProviderSpec(
            name: "hostco", relaySuffixes: ["mx.hostco.example"], domains: ["hostco.example"]),
        // A Google Workspace customer whose MX records are Google's, but counted apart.
        ProviderSpec(name: "partner", relaySuffixes: ["partner-mx.l.google.com"]),
        ProviderSpec(name: "google", domains: ["example-workspace.com"]),
    ])
    #expect(table.providers.count == Provider.standard.count + 2)
    #expect(
        decide(delivery("a@x.com", relay: "in1.mx.hostco.example[192.0.2.9]:25"), table)!
            == ("hostco", .relay))
    #expect(decide(delivery("a@hostco.example", relay: "none"), table)! == ("hostco", .domain))
    #expect(
        decide(delivery("a@x.com", relay: "alt.partner-mx.l.google.com[192.0.2.9]:25"), table)!
            == ("partner", .relay))
    #expect(
        decide(delivery("a@x.com", relay: "aspmx.l.google.com[192.0.2.9]:25"), table)!
            == ("google", .relay))
    #expect(
        decide(delivery("a@example-workspace.com", relay: "none"), table)!
            == ("google", .domain))
    // Without the configuration, none of these is known.
    #expect(decide(delivery("a@hostco.example", relay: "none")) == nil)
}

@Test func providerSpecChecks() {
    #expect(ProviderSpec.problem(withName: "hostco") == nil)
    #expect(ProviderSpec.problem(withName: "Host Co") != nil)
    #expect(ProviderSpec.problem(withName: "other") != nil)
    #expect(ProviderSpec.problem(withName: "") != nil)
    #expect(ProviderSpec.problem(withHostName: "example.com") == nil)
    #expect(ProviderSpec.problem(withHostName: "com") != nil)
    #expect(ProviderSpec.problem(withHostName: "a..com") != nil)
    #expect(ProviderSpec.problem(withHostName: "exa mple.com") != nil)
}
