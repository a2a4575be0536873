/// The block list and listed address a matching event names, cut to the engine's limits as
/// `AlertMatchRecord` keeps them, built once per event and read by every rule through a
/// pointer (`AlertProbe.listing`): the probe stays a trivial value, so an event naming a block
/// list is counted from the line's bytes without decoding a whole `AlertEvent`.
struct AlertListing {
    let blocklist: Blocklist?
    let listedIP: String?

    init(_ classification: Classification, in line: UnsafeBufferPointer<UInt8>) {
        blocklist = classification.blocklist.map {
            Blocklist(
                name: UTF8Prefix.string($0.name, atMost: AlertLimits.textBytes),
                delistURL: $0.delistURL.map {
                    UTF8Prefix.string($0, atMost: AlertLimits.textBytes)
                })
        }
        let listed = classification.listedIP
        listedIP =
            listed.isEmpty
            ? nil : UTF8Prefix.string(listed.slice(of: line), atMost: AlertLimits.textBytes)
    }

    /// Whether `classification` names a block list or a listed address.
    @inline(__always)
    static func named(by classification: Classification?) -> Bool {
        guard let classification else { return false }
        return classification.blocklist != nil || !classification.listedIP.isEmpty
    }
}
