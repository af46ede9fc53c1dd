import Foundation

/// Each finished stage's seconds, in order, for `run.json` and `--verbose`; noted in the run's
/// live log as it goes (`--verbose` on a failed run) and, with `SCORECARD_TRACE_MEMORY=1`, the
/// process's memory after each stage on stderr (profiling).
package final class StageTimer {
    package private(set) var stages: [(String, Double)] = []
    private let log: StageLog?
    private static let traceMemory = ProcessInfo.processInfo.environment["SCORECARD_TRACE_MEMORY"] == "1"

    package init(log: StageLog?) { self.log = log }

    /// A stage done, that took `seconds`.
    package func finished(_ stage: String, _ seconds: Double) {
        stages.append((stage, seconds))
        log?.record(stage, seconds)
        if Self.traceMemory { FileHandle.standardError.write(Data("memory after \(stage): \(MemoryUse.now())\n".utf8)) }
    }

    /// Traces the memory as a step inside a stage ends (profiling): a stage's own line comes only
    /// once it is recorded, after its steps.
    package func trace(_ step: String) { Self.trace(step) }

    package static func trace(_ step: String) {
        if traceMemory { FileHandle.standardError.write(Data("memory as \(step) ends: \(MemoryUse.now())\n".utf8)) }
    }

    /// Runs `body` as the stage `stage`.
    package func time<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = Date()
        let value = try body()
        finished(stage, Date().timeIntervalSince(start))
        return value
    }
}
