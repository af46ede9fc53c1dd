import Foundation

/// Work started on its own thread now and joined later: the workbook is written
/// while the run stores its results (2 cores, SPEC §6).
package final class BackgroundWork<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<T, any Error>?

    package init(_ work: @escaping @Sendable () throws -> T) {
        let thread = Thread { [self] in
            let outcome = Result { try work() }
            condition.lock()
            result = outcome
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "scorecard-background"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work to finish; its value or its error. Safe to call more than once.
    @discardableResult
    package func wait() -> Result<T, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
