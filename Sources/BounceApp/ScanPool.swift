import BounceCore
import BounceIngest
import BounceSystem

/// How `scan` and `digest` read their inputs: each input, and each piece of about `pieceBytes` of a large
/// plain file, is read into aggregates of its own, and these are merged in log order (see
/// `ScanAggregator.merge`). With more than one job the pieces are read at once on `jobs`
/// threads; with one they are read in turn. Where files are cut and the order of merging
/// depend on the inputs only, so the report is the same, byte for byte, whatever `--jobs` is;
/// and while no bounded table overflows it is exactly the report of a single pass.
///
/// A piece's totals, once merged, go back to the workers, which reset them for their next piece
/// (`PieceReading.reuse`) rather than build new ones: the tables' pages are already touched.
///
/// Memory stays bounded: workers run at most `2 × jobs` pieces ahead of the merge. A file
/// whose pieces cannot be read apart (Docker records that continue on the next line, a
/// repeated local hour at a piece's start whose reading depends on the lines before) is read
/// again in one pass, so the answer never depends on where a file was cut.
///
/// Generic over what is counted (`PieceReading`): `scan`'s report, `digest`'s two periods.
final class ScanPool<Reader: PieceReading>: @unchecked Sendable {
    /// Input `input`, whole, or only the byte range `range` of it.
    private struct Piece {
        let input: Int
        let range: Range<Int>?
    }

    /// What a worker made of a piece.
    private struct Done {
        var totals: Reader.Totals
        var scanned: InputScan
    }

    private let runner: Reader
    private let providers: ProviderTable
    private let pieces: [Piece]
    /// The pieces of each input, as indices into `pieces`.
    private let piecesOfInput: [Range<Int>]
    private let window: Int
    /// The state of pieces read on the caller's thread (each worker thread has its own:
    /// `LocalZone` caches, and so does the scan's memory of verdicts).
    private var inlineWorker: Reader.Worker
    /// Guards `results`, `next`, `taken` and `spare`.
    private let condition = ThreadCondition()
    private var results: [Done?]
    /// Totals of pieces already merged, for the next pieces to reuse.
    private var spare: [Reader.Totals] = []
    /// The next piece a worker starts.
    private var next = 0
    /// Pieces merged so far.
    private var taken = 0
    /// Threads started; none reads the pieces in turn on the caller's thread.
    private var workers = 0

    /// Plans the pieces of `runner`'s inputs and, with more than one job, starts the workers.
    init(runner: Reader, providers: ProviderTable) {
        self.runner = runner
        self.providers = providers
        var pieces: [Piece] = []
        var piecesOfInput: [Range<Int>] = []
        for (input, name) in runner.inputs.enumerated() {
            let start = pieces.count
            let ranges =
                name == "-"
                ? nil
                : LineReader.pieces(of: name, pieceBytes: runner.pieceBytes)
            if let ranges {
                pieces += ranges.map { Piece(input: input, range: $0) }
            } else {
                pieces.append(Piece(input: input, range: nil))
            }
            piecesOfInput.append(start..<pieces.count)
        }
        self.pieces = pieces
        self.piecesOfInput = piecesOfInput
        window = runner.jobs * 2
        inlineWorker = runner.makeWorker()
        results = Array(repeating: nil, count: pieces.count)
        guard pieces.count > 1 else { return }
        // Every piece builds and frees aggregates of megabytes: let the next reuse the pages.
        HeapReuse.keepFreedBlocks()
        guard runner.jobs > 1 else { return }
        for number in 0..<Swift.min(runner.jobs, pieces.count) {
            do throws(SystemError) {
                // Not one worker: the pieces are read in turn instead, with the same result.
                try SystemThread.start(name: "scan-\(number)") { [self] in work() }
                workers += 1
            } catch {
                break
            }
        }
    }

    /// Merges every piece of input `index` into `totals`, in order, and returns what was
    /// learned about the input. Inputs must be asked for in order.
    ///
    /// Each piece is merged as soon as it is taken, so no more than the workers' window of
    /// pieces is held at once; `totals` as it stood before the input is kept aside (one copy),
    /// for the rare input that must be read again whole.
    func input(_ index: Int, into totals: inout Reader.Totals) -> InputScan {
        let range = piecesOfInput[index]
        let first = take(range.lowerBound)
        var scanned = first.scanned
        guard range.count > 1 else {
            runner.merge(first.totals, into: &totals)
            recycle(consume first, piece: range.lowerBound)
            return scanned
        }
        let before = totals
        var readWhole = first.scanned.sawRecords
        if !readWhole { runner.merge(first.totals, into: &totals) }
        recycle(consume first, piece: range.lowerBound)
        for pieceIndex in range.dropFirst() {
            // Every piece is taken, even when its work is not needed, so the workers go on.
            let piece = take(pieceIndex)
            if readWhole {
                recycle(consume piece, piece: pieceIndex)
                continue
            }
            if piece.scanned.sawRecords || piece.scanned.orderedWithoutHistory {
                readWhole = true
                recycle(consume piece, piece: pieceIndex)
                continue
            }
            // Reading stops at an error, as it does in one pass: later pieces are not counted.
            if scanned.error == nil {
                runner.merge(piece.totals, into: &totals)
                scanned.append(piece.scanned)
            }
            recycle(consume piece, piece: pieceIndex)
        }
        guard readWhole else { return scanned }
        totals = before
        let whole = read(Piece(input: index, range: nil), worker: &inlineWorker)
        runner.merge(whole.totals, into: &totals)
        return whole.scanned
    }

    /// Hands the totals of piece `index`, merged or not needed, to the pieces still to be read;
    /// once none is, the spare totals are let go.
    private func recycle(_ done: consuming Done, piece index: Int) {
        condition.lock()
        defer { condition.unlock() }
        let more = workers > 0 ? next < pieces.count : index + 1 < pieces.count
        if more {
            spare.append(done.totals)
        } else {
            spare.removeAll()
        }
    }

    /// Totals with nothing counted: a merged piece's, reset, when one is spare.
    private func emptyTotals() -> Reader.Totals {
        condition.lock()
        var kept = spare.popLast()
        condition.unlock()
        guard kept != nil else { return runner.emptyTotals(providers) }
        runner.reuse(&kept!, providers: providers)
        return kept!
    }

    private func take(_ index: Int) -> Done {
        guard workers > 0 else { return read(pieces[index], worker: &inlineWorker) }
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        // Checked just above.
        let done = results[index]!
        results[index] = nil
        taken = index + 1
        condition.broadcast()
        return done
    }

    private func read(_ piece: Piece, worker: inout Reader.Worker) -> Done {
        var totals = emptyTotals()
        let scanned = runner.scanInput(
            runner.inputs[piece.input], range: piece.range, into: &totals, worker: &worker)
        return Done(totals: totals, scanned: scanned)
    }

    /// A worker: reads pieces in order until none is left.
    private func work() {
        var worker = runner.makeWorker()
        while true {
            condition.lock()
            while next < pieces.count && next >= taken + window { condition.wait() }
            guard next < pieces.count else {
                condition.unlock()
                return
            }
            let index = next
            next += 1
            condition.unlock()
            let done = read(pieces[index], worker: &worker)
            condition.lock()
            results[index] = done
            condition.broadcast()
            condition.unlock()
        }
    }
}
