import Foundation

/// Reads and validates rows on a thread of its own while the import's write transaction stores
/// the ones before them: the machine's second core parses while the first writes (issue 15).
///
/// Rows travel in batches through a queue of at most ``capacity`` batches, so memory stays flat
/// however large the file. Order is kept: the writer sees rows exactly as a single loop would.
final class ParsePipeline: @unchecked Sendable {
    /// One row as the parser left it.
    struct Item {
        var line: Int
        var outcome: ParseOutcome
    }

    static let batchSize = 256
    static let capacity = 8

    private let condition = NSCondition()
    private var queue: [[Item]] = []
    private var producerDone = false
    private var cancelled = false
    private var problem: FileProblem?
    private var otherError: (any Error)?
    private let finished = DispatchSemaphore(value: 0)

    // Owned by the parsing thread until `finished` is signalled.
    private let rows: any RowSource
    private var parser: ProductRowParser
    private let clock: ProgressClock
    private var rowCount = 0

    /// Parse on the calling thread instead, one batch per ``next()`` (to measure the difference).
    private let inline: Bool
    private var inlineDone = false

    init(rows: any RowSource, parser: ProductRowParser, clock: ProgressClock, parallel: Bool = true) {
        self.rows = rows
        self.parser = parser
        self.clock = clock
        self.inline = !parallel
    }

    /// Starts parsing on its own thread.
    func start() {
        if inline { return }
        let thread = Thread { [self] in produce() }
        thread.name = "giftwise-import-parse"
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func produce() {
        var batch: [Item] = []
        batch.reserveCapacity(Self.batchSize)
        do {
            while let row = try rows.next() {
                rowCount += 1
                clock.tick(rows: rowCount)
                batch.append(Item(line: row.line, outcome: parser.parse(row)))
                if batch.count == Self.batchSize {
                    guard hand(batch) else { break }
                    batch.removeAll(keepingCapacity: true)
                }
            }
        } catch let fileProblem as FileProblem {
            condition.lock()
            problem = fileProblem
            condition.unlock()
        } catch {
            condition.lock()
            otherError = error
            condition.unlock()
        }
        if !batch.isEmpty { _ = hand(batch) }
        clock.finish(rows: rowCount)
        ImportTimings.shared.mark("parser done")
        condition.lock()
        producerDone = true
        condition.signal()
        condition.unlock()
        finished.signal()
    }

    /// Queues a batch, waiting while the queue is full; false when the writer has given up.
    private func hand(_ batch: [Item]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if queue.count >= Self.capacity && !cancelled {
            ImportTimings.shared.measure("parser waits for the writer") {
                while queue.count >= Self.capacity && !cancelled { condition.wait() }
            }
        }
        if cancelled { return false }
        queue.append(batch)
        condition.signal()
        return true
    }

    /// The next batch in file order, waiting for it; `nil` once every row has been handed over.
    func next() -> [Item]? {
        if inline { return nextInline() }
        condition.lock()
        defer { condition.unlock() }
        if queue.isEmpty && !producerDone {
            ImportTimings.shared.measure("writer waits for the parser") {
                while queue.isEmpty && !producerDone { condition.wait() }
            }
        }
        if queue.isEmpty { return nil }
        let batch = queue.removeFirst()
        condition.signal()
        return batch
    }

    /// Whether ``next()`` would return without waiting for the parsing thread.
    var hasBatchReady: Bool {
        if inline { return true }
        condition.lock()
        defer { condition.unlock() }
        return !queue.isEmpty || producerDone
    }

    private func nextInline() -> [Item]? {
        guard !inlineDone else { return nil }
        var batch: [Item] = []
        do {
            while batch.count < Self.batchSize, let row = try rows.next() {
                rowCount += 1
                clock.tick(rows: rowCount)
                batch.append(Item(line: row.line, outcome: parser.parse(row)))
            }
        } catch let fileProblem as FileProblem {
            problem = fileProblem
        } catch {
            otherError = error
        }
        if batch.count < Self.batchSize {
            inlineDone = true
            clock.finish(rows: rowCount)
        }
        return batch.isEmpty ? nil : batch
    }

    /// Waits for the parsing thread to stop (stopping it early if the writer failed) and hands
    /// back what only it may touch while it runs: the parser, the row count and any file problem.
    func finish(cancelling: Bool) throws -> (parser: ProductRowParser, rows: Int, problem: FileProblem?) {
        if cancelling {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
        if !inline { finished.wait() }
        if let otherError { throw otherError }
        return (parser, rowCount, problem)
    }
}
