import Foundation

/// A bounded queue from one thread to another: the producer blocks when
/// `capacity` items wait, so memory stays bounded however many rows flow through
/// (SPEC §6). The ingest hands parsed rows to the thread that stores them; the
/// metrics hand stored orders to the thread that folds them into the ledger.
package final class HandOff<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [T] = []
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private let capacity: Int
    /// Seconds each side spent blocked on the other: the rest of the elapsed time it
    /// was working (the benchmark's read/store split).
    private var producerWaited = 0.0
    private var consumerWaited = 0.0

    package init(capacity: Int = 8) { self.capacity = capacity }

    /// Producer: queues `item`; false when the consumer has cancelled (stop producing).
    package func push(_ item: T) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if items.count >= capacity && !cancelled {
            let start = DispatchTime.now().uptimeNanoseconds
            while items.count >= capacity && !cancelled { condition.wait() }
            producerWaited += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Producer: no more items; `error` is rethrown to the consumer after the items before it.
    package func finish(_ error: (any Error)? = nil) {
        condition.lock()
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next item, nil once the producer has finished.
    package func next() throws -> T? {
        condition.lock()
        defer { condition.unlock() }
        if items.isEmpty && !finished {
            let start = DispatchTime.now().uptimeNanoseconds
            while items.isEmpty && !finished { condition.wait() }
            consumerWaited += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        if !items.isEmpty {
            condition.broadcast()
            return items.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// The seconds each side waited for the other, once both are done.
    package var waited: (producer: Double, consumer: Double) {
        condition.lock()
        defer { condition.unlock() }
        return (producerWaited, consumerWaited)
    }

    /// Stops both sides: the producer's next push returns false, the consumer's next
    /// read returns nil (a failure on either side; the other stops).
    package func cancel() {
        condition.lock()
        cancelled = true
        finished = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
