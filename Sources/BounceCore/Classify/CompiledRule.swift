/// A `Rule` with its phrases turned into matcher ids, ready for the hot path.
struct CompiledRule: Sendable {
    var tier: Rule.Tier
    var anyPhrase: [UInt16]
    var allPhrases: [UInt16]
    var noPhrase: [UInt16]
    var codes: [CodePattern]
    var replyCodes: [Int]
    var stages: [SMTPStage]
    var mta: MTA?
    var kinds: [EventKind]
    var statuses: [DeliveryStatus]

    init(_ rule: Rule, intern: (String) -> UInt16) {
        tier = rule.tier
        anyPhrase = rule.anyPhrase.map(intern)
        allPhrases = rule.allPhrases.map(intern)
        noPhrase = rule.noPhrase.map(intern)
        codes = rule.codes
        replyCodes = rule.replyCodes
        stages = rule.stages
        mta = rule.mta
        kinds = rule.kinds
        statuses = rule.statuses
    }
}

/// What the rules look at, gathered once per event.
struct Context {
    var mta: MTA
    var kind: EventKind
    var status: DeliveryStatus
    var stage: SMTPStage
    /// The basic code: the parser's, else one quoted inside the MTA's wording.
    var replyCode: Int
    /// The enhanced code at the start of the reply, else the first one inside it.
    var replyESC: EnhancedStatusCode?
    /// Postfix `dsn=` unless it is `x.0.0`.
    var mtaDSN: EnhancedStatusCode?
    var phrases: BitSet1024

    init(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>, matcher: PhraseMatcher) {
        let reply = event.reply.slice(of: line)
        mta = event.mta
        kind = event.kind
        status = event.status
        stage = event.stage
        var code = event.replyCode
        if code == 0 {
            if let leading = ByteScan.fixedNumber(reply, at: 0, count: 3), leading >= 200,
                leading < 600, reply.count == 3 || reply[3] == 0x20 || reply[3] == 0x2D
            {
                code = leading
            } else {
                code = ReplyScan.quotedReplyCode(in: reply)
            }
        }
        replyCode = code
        replyESC = event.replyDSN ?? ReplyScan.firstEnhancedCode(in: reply)
        if let dsn = event.mtaDSN, !dsn.isUndetailed { mtaDSN = dsn }
        phrases = matcher.matches(in: reply)
    }
}
