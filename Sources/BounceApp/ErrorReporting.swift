import BounceSystem

/// Writes `bouncewatch: message` and a newline to standard error at once.
public func reportError(_ message: String) {
    let text = Array("bouncewatch: \(message)\n".utf8)
    // Nothing is left to tell of a standard error that cannot be written.
    _ = text.withUnsafeBytes { Descriptor.writeAll(2, $0) }
}
