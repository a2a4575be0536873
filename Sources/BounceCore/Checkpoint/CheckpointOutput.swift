/// Where the text of a checkpoint goes piece by piece (`Checkpoint.write(to:)`): a file being
/// written, or a string being collected.
public protocol CheckpointOutput {
    /// Takes the next bytes of the text, in order.
    mutating func write(_ bytes: UnsafeRawBufferPointer)
}
