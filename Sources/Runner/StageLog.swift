import Foundation

/// Each stage's seconds as the run goes, so `--verbose` can print them when the run fails
/// too (issue 10: a failure on the bank-sized set said nothing of where the time went).
public final class StageLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stages: [(String, Double)] = []

    public init() {}

    package func record(_ stage: String, _ seconds: Double) { lock.withLock { stages.append((stage, seconds)) } }

    /// The stages finished so far, in order.
    public var finished: [(String, Double)] { lock.withLock { stages } }
}
