/// One classification rule: the evidence it needs and the cause it gives.
///
/// Rules are data (see `Rule.standard`). The classifier tries them tier by tier, in table order
/// inside a tier, and the first rule whose every condition holds decides.
public struct Rule: Sendable {
    /// Where a rule sits in the decision order of CAUSES.md.
    public enum Tier: UInt8, Sendable, CaseIterable, Comparable {
        /// The event itself decides: `status=expired`, a SASL failure.
        case event
        /// The administrator's rules from the configuration (`Classifier.layering`), tried before
        /// every built-in rule that reads the reply.
        case user
        /// Text that names the problem: blocklists, provider codes, greylisting, clear phrases.
        case text
        /// The enhanced status code, from the reply text first and Postfix's `dsn=` second.
        case enhancedCode
        /// The basic reply code and the SMTP stage.
        case replyCode
        /// The MTA's own wording when the remote said nothing useful.
        case mtaWording

        public var identifier: String {
            switch self {
            case .event: "event"
            case .user: "user"
            case .text: "text"
            case .enhancedCode: "enhanced_code"
            case .replyCode: "reply_code"
            case .mtaWording: "mta_wording"
            }
        }

        public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A stable id such as `microsoft.s3150` or `esc.5.1.1`; user rules override by id.
    public var id: String
    public var cause: Cause
    public var tier: Tier
    /// One line for `bouncewatch rules` and `--explain`.
    public var summary: String
    /// At least one of these phrases must occur in the reply (case-insensitive); empty: no need.
    public var anyPhrase: [String]
    /// Every one of these phrases must occur as well.
    public var allPhrases: [String]
    /// None of these may occur.
    public var noPhrase: [String]
    /// The enhanced code (see `Tier.enhancedCode` for which one) must match one of these.
    public var codes: [CodePattern]
    /// The basic reply code must be one of these; empty: any.
    public var replyCodes: [Int]
    /// The SMTP stage must be one of these; empty: any.
    public var stages: [SMTPStage]
    /// Only for lines of this MTA.
    public var mta: MTA?
    /// Only for events of these kinds; empty: any.
    public var kinds: [EventKind]
    /// Only for events with these statuses; empty: any.
    public var statuses: [DeliveryStatus]
    /// The block list this rule names by itself (Microsoft S3150, Yahoo BL21), if any.
    public var blocklist: Blocklist?
    /// Recipient domains (lower-case) the rule is limited to, each with its sub-domains; empty:
    /// any destination.
    public var destinations: [String] = []
    /// When true, `codes` and `replyCodes` are alternatives (either may match) instead of both
    /// being required; user rules list enhanced and basic codes in one `codes:` list.
    public var eitherCode = false
    /// Report a permanent failure this rule decides as temporary (`Classification.temporary`).
    public var temporary = false
    /// A full log line that this rule decides; the fixtures hold it too. A user rule's sample may
    /// be a reply text only, and may be empty.
    ///
    /// Built when asked for: only `bouncewatch rules` and the tests read samples, and composing
    /// all of them would be paid by every start of the program.
    public var sample: String {
        get { makeSample() }
        set { makeSample = { newValue } }
    }
    private var makeSample: @Sendable () -> String

    public init(
        _ id: String, _ cause: Cause, tier: Tier = .text, summary: String,
        any anyPhrase: [String] = [], all allPhrases: [String] = [], none noPhrase: [String] = [],
        codes: [String] = [], replyCodes: [Int] = [], stages: [SMTPStage] = [], mta: MTA? = nil,
        kinds: [EventKind] = [], statuses: [DeliveryStatus] = [], blocklist: Blocklist? = nil,
        destinations: [String] = [], sample: @autoclosure @escaping @Sendable () -> String
    ) {
        self.id = id
        self.cause = cause
        self.tier = tier
        self.summary = summary
        self.anyPhrase = anyPhrase
        self.allPhrases = allPhrases
        self.noPhrase = noPhrase
        self.codes = codes.map { text in
            guard let pattern = CodePattern(text) else {
                preconditionFailure("rule \(id): bad code pattern \(text)")
            }
            return pattern
        }
        self.replyCodes = replyCodes
        self.stages = stages
        self.mta = mta
        self.kinds = kinds
        self.statuses = statuses
        self.blocklist = blocklist
        self.destinations = destinations
        self.makeSample = sample
    }
}
