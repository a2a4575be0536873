import BounceCore
import BounceSystem

/// A command whose inputs `ScanPool` reads: each input, or each byte range of a large plain
/// file, is read into totals of its own, and these are merged in log order. `scan` and
/// `digest` count different things but read their inputs the same way.
///
/// `SendableMetatype`: the pool's worker threads run generic code over the reader's type.
protocol PieceReading: SendableMetatype {
    /// What reading a piece counts.
    associatedtype Totals
    /// What a worker thread keeps from one piece to the next (its zone, its memories).
    associatedtype Worker

    /// Input names; `-` is standard input.
    var inputs: [String] { get }
    /// Pieces read at once; 1 reads them in turn on the caller's thread.
    var jobs: Int { get }
    /// The size of the pieces a large plain file is cut into.
    var pieceBytes: Int { get }

    /// Nothing counted yet.
    func emptyTotals(_ providers: ProviderTable) -> Totals
    /// Adds what a later piece counted to `totals`.
    func merge(_ later: Totals, into totals: inout Totals)
    /// Makes `totals`, a piece's totals already merged, count as `emptyTotals(providers)`'s
    /// would, keeping what memory it can for the next piece (see `ScanPool`).
    func reuse(_ totals: inout Totals, providers: ProviderTable)
    /// A worker's state before its first piece; each thread makes its own.
    func makeWorker() -> Worker
    /// Reads input `name`, or only the piece `range` of it (a plain file), into `totals`.
    func scanInput(
        _ name: String, range: Range<Int>?, into totals: inout Totals, worker: inout Worker
    ) -> InputScan
}

extension PieceReading {
    /// Readers with nothing to keep start the next piece from new totals.
    func reuse(_ totals: inout Totals, providers: ProviderTable) {
        totals = emptyTotals(providers)
    }
}
