/// Hands a value to another thread that becomes its only user (or, for a value only
/// read, one that reads it while no thread changes it).
package final class Unchecked<T>: @unchecked Sendable {
    package let value: T
    package init(_ value: T) { self.value = value }
}
