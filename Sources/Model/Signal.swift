import Foundation

/// A one-time signal between threads: `wait` blocks until it is raised; raising it again
/// does nothing. The workbook's thread raises it when only the zipping is left.
package final class Signal: @unchecked Sendable {
    package init() {}

    private let condition = NSCondition()
    private var raised = false

    package func raise() {
        condition.lock()
        raised = true
        condition.broadcast()
        condition.unlock()
    }

    package func wait() {
        condition.lock()
        defer { condition.unlock() }
        while !raised { condition.wait() }
    }
}
