/// Hands a value to another thread that becomes its only user (or, for a value only
/// read, one that reads it while no thread changes it).
final class Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
