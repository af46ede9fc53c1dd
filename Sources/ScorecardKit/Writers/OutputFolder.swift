import CFileSwap
import Foundation

/// Period folders are written beside their final place and swapped in only when
/// complete, so a failed run leaves the previous reports untouched (SPEC §4).
enum OutputFolder {
    static func create(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o750])
        } catch {
            throw OutputError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    /// A new empty folder `output/.<name>.tmp-<pid>` on the same file system as the final one.
    static func makeStaging(in output: String, name: String) throws -> String {
        let path = (output as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        removeIfPresent(path)
        try create(path)
        return path
    }

    /// Replaces `final` with `staging`: swapped in one step where the file system can
    /// (a crash leaves the old or the new folder, never neither), else by two renames
    /// (a crash between them is mended by the next run's `recover`). The old folder is
    /// removed after.
    static func publish(_ staging: String, as final: String) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: final), scorecard_exchange(staging, final) == 0 {
            removeIfPresent(staging)  // now the old folder
            return
        }
        let old = final + ".old-\(getpid())"
        do {
            if fm.fileExists(atPath: final) { try fm.moveItem(atPath: final, toPath: old) }
            try fm.moveItem(atPath: staging, toPath: final)
        } catch {
            if !fm.fileExists(atPath: final), fm.fileExists(atPath: old) { try? fm.moveItem(atPath: old, toPath: final) }
            throw OutputError.cannotWrite(path: final, reason: error.localizedDescription)
        }
        removeIfPresent(old)
    }

    /// Tidies what dead runs left in `output` (called under the warehouse lock, so no
    /// other run is writing there): staging folders `.<name>.tmp-<pid>` are removed; a
    /// period folder moved aside as `<name>.old-<pid>` by a run that died between its
    /// two renames is put back when `<name>` is missing, else removed (issue 12).
    static func recover(in output: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: output) else { return }
        for name in names {
            let path = (output as NSString).appendingPathComponent(name)
            if name.hasPrefix("."), name.range(of: #"\.tmp-[0-9]+$"#, options: .regularExpression) != nil {
                removeIfPresent(path)
            } else if let suffix = name.range(of: #"\.old-[0-9]+$"#, options: .regularExpression) {
                let final = (output as NSString).appendingPathComponent(String(name[..<suffix.lowerBound]))
                if fm.fileExists(atPath: final) { removeIfPresent(path) } else { try? fm.moveItem(atPath: path, toPath: final) }
            }
        }
    }

    static func removeIfPresent(_ path: String) {
        if FileManager.default.fileExists(atPath: path) { try? FileManager.default.removeItem(atPath: path) }
    }
}
