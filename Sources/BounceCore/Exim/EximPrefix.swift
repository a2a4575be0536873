/// What precedes the decisive words of an Exim line: stamp, syslog host and program, pid and
/// message id. Kept apart from `RawEvent` so that lines without an event never build one.
struct EximPrefix {
    var timestamp: LogTimestamp?
    var host: ByteRange = .none
    var program: ByteRange = .none
    var pid: Int?
    var queueID: ByteRange = .none

    /// A new event carrying this prefix.
    @inline(__always)
    func event(_ kind: EventKind, _ status: DeliveryStatus) -> RawEvent {
        var event = RawEvent(mta: .exim, kind: kind, status: status, timestamp: timestamp)
        event.host = host
        event.program = program
        event.pid = pid
        event.queueID = queueID
        return event
    }
}
