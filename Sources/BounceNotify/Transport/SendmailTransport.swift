/// Hands a finished message to the local MTA's sendmail program on standard input.
///
/// The program runs from its configured path with the configured arguments only (no shell, no
/// log text on the command line); with `-t` it takes the recipients from the `To:` header.
/// A non-zero exit, a signal, or a program that stops before reading the whole message is a
/// failure whose error quotes the program's output.
struct SendmailTransport {
    /// How long the program may take before it is killed.
    static let defaultTimeoutSeconds = 60

    var path: String
    var arguments: [String]
    var timeoutSeconds = SendmailTransport.defaultTimeoutSeconds

    func send(_ message: [UInt8], cancellation: DeliveryCancellation? = nil) throws(DeliveryError) {
        guard path.hasPrefix("/") else {
            throw DeliveryError("sendmail path '\(path)' is not absolute")
        }
        let runner = ProgramRunner(path: path, arguments: arguments, timeoutSeconds: timeoutSeconds)
        let outcome = try runner.run(
            input: Self.localLineEndings(message), cancellation: cancellation)
        let output = ProgramRunner.outputSuffix(outcome.output)
        if let signal = outcome.signal {
            throw DeliveryError("\(path) was killed by signal \(signal)\(output)")
        }
        guard outcome.exitStatus == 0 else {
            throw DeliveryError("\(path) exited with status \(outcome.exitStatus ?? -1)\(output)")
        }
        guard outcome.consumedInput else {
            throw DeliveryError("\(path) exited before reading the whole message\(output)")
        }
    }

    /// sendmail reads a message in the local convention, LF line ends; a CR left before each
    /// LF would end up in the queued message.
    static func localLineEndings(_ message: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(message.count)
        for (index, byte) in message.enumerated() {
            if byte == 0x0D, index + 1 < message.count, message[index + 1] == 0x0A { continue }
            result.append(byte)
        }
        return result
    }
}
