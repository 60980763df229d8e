import Foundation

/// Reads and validates rows on threads of their own while the import's write transaction stores
/// the ones before them: the machine's other cores parse while one writes (issue 15).
///
/// Each parsing thread takes the next ``batchSize`` rows from the file (reading is one at a time,
/// in file order), parses them with its own ``ProductRowParser`` and files the batch under its
/// number; the writer takes batches strictly by number. At most about ``capacity`` batches are
/// read ahead of the writer, so memory stays flat however large the file, and the writer sees rows
/// exactly as a single loop would: the outcome is the same for any number of threads.
final class ParsePipeline: @unchecked Sendable {  // shared state is guarded by `condition`
    /// One row as the parser left it.
    struct Item {
        var line: Int
        var outcome: ParseOutcome
    }

    static let batchSize = 256
    static let capacity = 8

    /// Parsing threads for an import on this machine: two where there are two cores or more (the
    /// parser was the import's bottleneck with one), else one. `GIFTWISE_IMPORT_PARSERS=N`
    /// overrides it (1–8), to measure the difference.
    static var defaultWorkers: Int {
        if let text = ProcessInfo.processInfo.environment["GIFTWISE_IMPORT_PARSERS"], let count = Int(text),
            (1...8).contains(count)
        {
            return count
        }
        return ProcessInfo.processInfo.activeProcessorCount >= 2 ? 2 : 1
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var parsed: [Int: [Item]] = [:]
    private var nextToHand = 0
    private var batchesRead = 0
    private var lastBatch: Int?
    private var cancelled = false
    private var running = 0
    private var problem: FileProblem?
    /// Batches the writer has stored, freed by a parsing thread: freeing a batch's strings and
    /// vectors was 3 % of the import's CPU, on the writer, the busier thread.
    private var spent: [[Item]] = []
    /// The file's bytes read once each batch not yet handed over was read.
    private var bytesReadThrough: [Int: Int64] = [:]
    /// The file's bytes read once the batch last handed to the writer was read (writer only).
    private(set) var bytesReadThroughHanded: Int64 = 0
    private var otherError: (any Error)?
    private var parsers: [ProductRowParser]
    private let finished = DispatchGroup()

    // Guarded by `reading`: the file, in order.
    private let reading = NSLock()
    private let rows: any RowSource
    private let clock: ProgressClock
    private var rowCount = 0
    private var endOfFile = false

    /// Parse on the calling thread instead, one batch per ``next()`` (to measure the difference).
    private let inline: Bool
    private var inlineDone = false

    init(
        rows: any RowSource, parser: ProductRowParser, clock: ProgressClock, parallel: Bool = true,
        workers: Int = ParsePipeline.defaultWorkers
    ) {
        self.rows = rows
        self.clock = clock
        self.inline = !parallel
        parsers = Array(repeating: parser, count: parallel ? max(1, workers) : 1)
    }

    /// Starts parsing on threads of its own.
    func start() {
        if inline { return }
        running = parsers.count
        for index in parsers.indices {
            finished.enter()
            let thread = Thread { [self] in produce(parser: index) }
            thread.name = "giftwise-import-parse-\(index + 1)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private func produce(parser index: Int) {
        var parser = parsers[index]
        var raw: [RawRow] = []
        raw.reserveCapacity(Self.batchSize)
        while let number = read(into: &raw) {
            var batch: [Item] = []
            batch.reserveCapacity(raw.count)
            for row in raw { batch.append(Item(line: row.line, outcome: parser.parse(row))) }
            condition.lock()
            parsed[number] = batch
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        parsers[index] = parser
        running -= 1
        let last = running == 0
        condition.broadcast()
        condition.unlock()
        if last {
            clock.finish(rows: rowCount)
            ImportTimings.shared.mark("parsers done")
        }
        ImportTimings.shared.addThreadCPU("parsing threads")
        finished.leave()
    }

    /// Reads the next batch of rows into `raw` once the writer is near enough; its number, or
    /// nil when the file is done or the writer gave up. The batch holding the file's end (or a
    /// problem that stops reading) is the last one numbered.
    private func read(into raw: inout [RawRow]) -> Int? {
        condition.lock()
        let freed = spent
        spent = []
        if batchesRead - nextToHand >= Self.capacity && !cancelled {
            ImportTimings.shared.measure("parsers wait for the writer") {
                while batchesRead - nextToHand >= Self.capacity && !cancelled { condition.wait() }
            }
        }
        let stop = cancelled
        condition.unlock()
        withExtendedLifetime(freed) {}  // freed here, outside the lock
        if stop { return nil }

        reading.lock()
        defer { reading.unlock() }
        if endOfFile { return nil }
        raw.removeAll(keepingCapacity: true)
        var stoppedBy: (any Error)?
        do {
            while raw.count < Self.batchSize {
                guard let row = try rows.next() else {
                    endOfFile = true
                    break
                }
                rowCount += 1
                clock.tick(rows: rowCount)
                raw.append(row)
            }
        } catch {
            endOfFile = true
            stoppedBy = error
        }
        let bytes = rows.bytesRead
        condition.lock()
        let number = batchesRead
        bytesReadThrough[number] = bytes
        batchesRead += 1
        if endOfFile { lastBatch = number }
        switch stoppedBy {
        case let fileProblem as FileProblem: problem = fileProblem
        case let error?: otherError = error
        case nil: break
        }
        condition.unlock()
        return number
    }

    /// The next batch in file order, waiting for it; `nil` once every row has been handed over.
    func next() -> [Item]? {
        if inline { return nextInline() }
        condition.lock()
        defer { condition.unlock() }
        while true {
            if !isReady {
                ImportTimings.shared.measure("writer waits for the parsers") {
                    while !isReady { condition.wait() }
                }
            }
            guard let batch = parsed.removeValue(forKey: nextToHand) else { return nil }
            bytesReadThroughHanded = bytesReadThrough.removeValue(forKey: nextToHand) ?? bytesReadThroughHanded
            nextToHand += 1
            condition.broadcast()
            if !batch.isEmpty { return batch }
        }
    }

    /// Takes back a batch the writer is done with, for a parsing thread to free.
    func recycle(_ batch: consuming [Item]) {
        if inline { return }
        condition.lock()
        spent.append(batch)
        condition.unlock()
    }

    /// Whether the next batch is parsed, or every batch has been handed over (under `condition`).
    private var isReady: Bool {
        if parsed[nextToHand] != nil { return true }
        if let lastBatch, nextToHand > lastBatch { return true }
        // Every thread stopped without reaching the end: a batch that will never come.
        return running == 0
    }

    /// Whether ``next()`` would return without waiting for the parsing threads.
    var hasBatchReady: Bool {
        if inline { return true }
        condition.lock()
        defer { condition.unlock() }
        return isReady
    }

    private func nextInline() -> [Item]? {
        guard !inlineDone else { return nil }
        var batch: [Item] = []
        do {
            while batch.count < Self.batchSize, let row = try rows.next() {
                rowCount += 1
                clock.tick(rows: rowCount)
                batch.append(Item(line: row.line, outcome: parsers[0].parse(row)))
            }
        } catch let fileProblem as FileProblem {
            problem = fileProblem
        } catch {
            otherError = error
        }
        bytesReadThroughHanded = rows.bytesRead
        if batch.count < Self.batchSize {
            inlineDone = true
            clock.finish(rows: rowCount)
        }
        return batch.isEmpty ? nil : batch
    }

    /// Waits for the parsing threads to stop (stopping them early if the writer failed) and hands
    /// back what only they may touch while they run: the parser (with what every thread's parser
    /// noted, in file order), the row count and any file problem.
    func finish(cancelling: Bool) throws -> (parser: ProductRowParser, rows: Int, problem: FileProblem?) {
        if cancelling {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
        if !inline { finished.wait() }
        if let otherError { throw otherError }
        return (ProductRowParser.merging(parsers), rowCount, problem)
    }
}
