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

    /// Replaces `final` with `staging` by two renames; the old folder is removed after.
    static func publish(_ staging: String, as final: String) throws {
        let fm = FileManager.default
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

    static func removeIfPresent(_ path: String) {
        if FileManager.default.fileExists(atPath: path) { try? FileManager.default.removeItem(atPath: path) }
    }
}
