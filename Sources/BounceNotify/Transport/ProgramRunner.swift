import BounceSystem

/// Runs a notifier's program (`ChildProcess`: an argv, never a shell) with the message on
/// standard input, within its timeout, and words what went wrong as a delivery error.
struct ProgramRunner {
    /// How a finished program ended.
    struct Outcome {
        /// The exit status, or nil when a signal ended it.
        var exitStatus: Int32?
        var signal: Int32?
        /// Standard output and error together, at most `outputLimit` bytes.
        var output: [UInt8]
        /// Whether the program read all of standard input before it ended.
        var consumedInput: Bool
    }

    /// Most bytes of output kept.
    static let outputLimit = 2048

    var path: String
    var arguments: [String]
    var timeoutSeconds: Int

    func run(input: [UInt8], cancellation: DeliveryCancellation? = nil) throws(DeliveryError)
        -> Outcome
    {
        let deadline = Clocks.monotonicSeconds() + Double(timeoutSeconds)
        let run: ChildProcess.Outcome
        do {
            run = try ChildProcess.run(
                path, arguments: arguments, input: input, deadline: deadline,
                outputLimit: Self.outputLimit, isCancelled: { cancellation?.isCancelled == true })
        } catch {
            switch error {
            case .system(let failure): throw DeliveryError("cannot run \(path): \(failure)")
            case .spawn(let reason): throw DeliveryError("cannot start \(path): " + reason)
            }
        }
        guard run.status != nil else {
            if cancellation?.isCancelled == true {
                throw DeliveryError("\(path): killed because bouncewatch is stopping")
            }
            throw DeliveryError(
                "\(path): no answer within \(timeoutSeconds) s, killed"
                    + Self.outputSuffix(run.output))
        }
        return Outcome(
            exitStatus: run.exitStatus, signal: run.signal, output: run.output,
            consumedInput: run.written == input.count)
    }

    /// `; output: ...` for an error message, or nothing when the program printed nothing.
    static func outputSuffix(_ output: [UInt8]) -> String {
        let text = TextSanitizer.line(output)
        return text.isEmpty ? "" : "; output: \(text)"
    }
}
