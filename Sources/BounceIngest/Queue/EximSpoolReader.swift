import BounceCore
import BounceSystem

/// Exim's queue, read from its spool: every `input/ID-H` (or `input/X/ID-H` with
/// `split_spool_directory`), the size of its `-D` file and its message log.
enum EximSpoolReader {
    /// The most bytes read from the end of a message log: its last deferrals are there.
    static let messageLogTail = 1 << 20

    static func read(_ spool: String, into summary: inout QueueSummary) throws(QueueReader.Failure)
    {
        let input = Path.join(spool, "input")
        let names: [String]
        do {
            names = try DirectoryEntries.names(in: input)
        } catch {
            throw QueueReader.Failure(
                description: "\(error)"
                    + (DirectoryEntries.isDenied(error)
                        ? " (the user needs the Debian-exim group)" : ""))
        }
        for name in names.sorted() {
            if name.utf8.count == 1 {
                // A split spool: one subdirectory per id character.
                let sub = (try? DirectoryEntries.names(in: Path.join(input, name))) ?? []
                for file in sub.sorted() {
                    readMessage(spool, subdirectory: name, file: file, into: &summary)
                }
            } else {
                readMessage(spool, subdirectory: nil, file: name, into: &summary)
            }
        }
    }

    static func readMessage(
        _ spool: String, subdirectory: String?, file: String, into summary: inout QueueSummary
    ) {
        guard file.hasSuffix("-H"), file.utf8.count > 2 else { return }
        let id = String(file.dropLast(2))
        let inputDirectory = Path.join(spool, subdirectory.map { "input/" + $0 } ?? "input")
        let logDirectory = Path.join(spool, subdirectory.map { "msglog/" + $0 } ?? "msglog")
        let header: [UInt8]
        do {
            header = try RegularFile.read(
                Path.join(inputDirectory, file), limit: EximSpoolMessage.maximalHeaderBytes)
        } catch {
            // Delivered and removed between the listing and the read: not a problem.
            if case .system(let system) = error, DirectoryEntries.isGone(system) { return }
            summary.problems.skip("\(id)-H: \(describe(error))")
            return
        }
        let dataBytes = DirectoryEntries.size(of: Path.join(inputDirectory, id + "-D")) ?? 0
        let log = messageLog(Path.join(logDirectory, id))
        let result = header.withUnsafeBufferPointer { headerBytes in
            if let log {
                return log.withUnsafeBufferPointer {
                    EximSpoolMessage.parse(
                        id: id, header: headerBytes, dataBytes: dataBytes, messageLog: $0)
                }
            }
            return EximSpoolMessage.parse(
                id: id, header: headerBytes, dataBytes: dataBytes, messageLog: nil)
        }
        switch result {
        case .success(let message): summary.add(message)
        case .failure(let problem): summary.problems.skip(problem.text)
        }
    }

    /// The message log, or its last `messageLogTail` bytes from a line start; nil when absent.
    static func messageLog(_ path: String) -> [UInt8]? {
        guard let size = DirectoryEntries.size(of: path) else { return nil }
        guard size > messageLogTail else {
            return try? RegularFile.read(path, limit: messageLogTail)
        }
        guard let whole = try? RegularFile.read(path, limit: 16 * messageLogTail) else {
            return nil
        }
        var tail = Array(whole.suffix(messageLogTail))
        if let newline = tail.firstIndex(of: UInt8(ascii: "\n")) { tail.removeFirst(newline + 1) }
        return tail
    }

    static func describe(_ refusal: RegularFile.Refusal) -> String {
        switch refusal {
        case .system(let error): "\(error)"
        case .symbolicLink: "a symbolic link"
        case .notRegular: "not a regular file"
        case .tooLarge(let limit): "larger than \(limit) bytes"
        }
    }
}
