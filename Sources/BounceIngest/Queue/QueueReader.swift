import BounceCore
import BounceSystem

/// Reads the MTA's queue into a `QueueSummary`: Postfix through its `showq` service, Exim
/// through its spool files.
///
/// Postfix: `public/showq` under the queue directory is the socket `postqueue` talks to; its
/// directory is reachable only by the `postdrop` group. Speaking the protocol here, rather than
/// running `postqueue -j`, needs no set-group-ID program (which `NoNewPrivileges=` would
/// defeat) and no child process. Exim: `input/*-H` and `msglog/*` are readable by the
/// `Debian-exim` group; reading them needs no `exim -bp`, which is set-user-ID root and
/// restricted to admin users.
public enum QueueReader {
    /// Why the queue could not be read at all.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The queue at `location`, read at `now` (seconds since the epoch).
    public static func read(
        _ location: QueueLocation, now: Int64, reasons: QueueReasonClassifier
    ) throws(Failure) -> QueueSummary {
        var summary = QueueSummary(mta: location.mta, now: now, reasons: reasons)
        switch location.mta {
        case .postfix: try PostfixQueueReader.read(location.directory, into: &summary)
        case .exim: try EximSpoolReader.read(location.directory, into: &summary)
        }
        return summary
    }
}

/// Postfix's queue, listed by its `showq` service.
enum PostfixQueueReader {
    static func read(_ directory: String, into summary: inout QueueSummary) throws(QueueReader
        .Failure)
    {
        let socket = Path.join(directory, "public/showq")
        var decoder = ShowqDecoder()
        var pending: [UInt8] = []
        var local = summary
        do {
            try UnixStreamSocket.readAll(socket) { piece in
                pending.append(contentsOf: piece)
                let used = pending.withUnsafeBufferPointer { bytes in
                    decoder.consume(bytes) { local.add($0) }
                }
                pending.removeFirst(used)
                return !decoder.finished && decoder.failure == nil
            }
        } catch {
            throw QueueReader.Failure(
                description: "\(error)"
                    + (DirectoryEntries.isDenied(error)
                        ? " (the user needs the postdrop group)" : ""))
        }
        decoder.finish(leftover: pending.count)
        if let failure = decoder.failure {
            throw QueueReader.Failure(description: "\(socket): \(failure)")
        }
        local.problems.merge(decoder.problems)
        summary = local
    }
}
