import CMallocTuning
import Foundation

/// The process's resident and peak memory, from /proc/self/status (Linux).
package enum MemoryUse {
    package static func now() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "unknown" }
        func mib(_ key: String) -> String {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }),
                  let kb = Double(line.split(separator: " ").dropFirst().first { !$0.isEmpty }?.trimmingCharacters(in: .whitespaces) ?? "")
            else { return "?" }
            return String(format: "%.0f MiB", kb / 1024)
        }
        let used = scorecard_heap_in_use()  // 0: not told (not glibc 2.33 or later)
        let heap = used == 0 ? "?" : String(format: "%.0f MiB", Double(used) / 1_048_576)
        return "resident \(mib("VmRSS")), peak \(mib("VmHWM")), heap in use \(heap)"
    }

    /// Between stages: the memory the stage before freed, given back to the system rather than
    /// kept resident by the C library's arenas (see CMallocTuning.h).
    package static func releaseFree() { _ = scorecard_release_free_memory() }
}
