import Foundation

/// Reads one export on a second thread while the caller stores rows: decoding,
/// CSV parsing and the row checks overlap with SQLite's inserts (2 cores).
/// Rows arrive in batches, in file order; at most `capacity` batches wait, so
/// memory stays bounded whatever the file's size.
final class ParsedRowStream: @unchecked Sendable {
    typealias Batch = [Result<ParsedRow, RejectedRow>]

    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private let capacity: Int

    /// Starts reading. `reader` belongs to the stream's thread until `next()` has returned nil.
    init(reader: EntityFileReader, references: ReferenceCheck, batchSize: Int = 2048, capacity: Int = 8) {
        self.capacity = capacity
        let box = Unchecked(reader)
        let thread = Thread { [self] in self.produce(box.value, references, batchSize) }
        thread.name = "scorecard-reader"
        thread.start()
    }

    deinit { cancel() }

    /// The next batch, nil at the end of the file; rethrows the reader's error after the rows before it.
    func next() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if !queue.isEmpty {
            condition.broadcast()
            return queue.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reading thread (the caller failed and will not read on).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func produce(_ reader: EntityFileReader, _ references: ReferenceCheck, _ batchSize: Int) {
        var batch: Batch = []
        batch.reserveCapacity(batchSize)
        do {
            while let outcome = try reader.next() {
                switch outcome {
                case .success(var row):
                    if let rejected = references.check(&row, reader: reader) {
                        batch.append(.failure(rejected))
                    } else {
                        batch.append(.success(row))
                    }
                case .failure:
                    batch.append(outcome)
                }
                if batch.count == batchSize {
                    guard push(batch) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { guard push(batch) else { return } }
            finish(nil)
        } catch {
            if !batch.isEmpty { guard push(batch) else { return } }
            finish(error)
        }
    }

    private func push(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    private func finish(_ error: (any Error)?) {
        condition.lock()
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Hands a value to another thread that becomes its only user.
final class Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The referential checks of SPEC §2.3 against the master lists as they stand
/// when a file starts (managers and customers are loaded before the files that
/// refer to them), and the default manager of complaints and surveys (§2.2).
struct ReferenceCheck: Sendable {
    let entity: Entity
    let managerIDs: Set<String>
    let customerManager: [String: String]
    private let managerColumn: Int?
    private let customerColumn: Int?

    init(entity: Entity, managerIDs: Set<String>, customerManager: [String: String]) {
        self.entity = entity
        self.managerIDs = managerIDs
        self.customerManager = customerManager
        let names = entity.columns.map(\.name)
        managerColumn = entity == .managers ? nil : names.firstIndex(of: "manager_id")
        customerColumn = entity == .customers ? nil : names.firstIndex(of: "customer_id")
    }

    /// nil when the row's references hold; fills a missing manager with the customer's.
    func check(_ row: inout ParsedRow, reader: EntityFileReader) -> RejectedRow? {
        if let m = managerColumn, let id = row.values[m].text, !managerIDs.contains(id) {
            return RejectedRow(file: reader.file, line: row.line, column: "manager_id", reason: .unknownManager(id), raw: reader.rawText)
        }
        if let c = customerColumn, let id = row.values[c].text {
            guard let owner = customerManager[id] else {
                return RejectedRow(file: reader.file, line: row.line, column: "customer_id", reason: .unknownCustomer(id), raw: reader.rawText)
            }
            if let m = managerColumn, row.values[m] == .null { row.values[m] = .text(owner) }
        }
        return nil
    }
}
