import Foundation

/// A one-time signal between threads: `wait` blocks until it is raised; raising it again
/// does nothing. The workbook's thread raises it when only the zipping is left.
final class Signal: @unchecked Sendable {
    private let condition = NSCondition()
    private var raised = false

    func raise() {
        condition.lock()
        raised = true
        condition.broadcast()
        condition.unlock()
    }

    func wait() {
        condition.lock()
        defer { condition.unlock() }
        while !raised { condition.wait() }
    }
}
