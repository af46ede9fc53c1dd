import CFileSwap
import Foundation

/// Period folders are written beside their final place and swapped in only when
/// complete, so a failed run leaves the previous reports untouched (SPEC §4).
package enum OutputFolder {
    package static func create(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o750])
        } catch {
            throw OutputError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    /// A new empty folder `output/.<name>.tmp-<pid>` on the same file system as the final one.
    package static func makeStaging(in output: String, name: String) throws -> String {
        let path = (output as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        removeIfPresent(path)
        try create(path)
        return path
    }

    /// Replaces `final` with `staging`: swapped in one step where the file system can
    /// (a crash leaves the old or the new folder, never neither), else by two renames
    /// (a crash between them is mended by the next run's `recover`). The old folder is
    /// removed after.
    package static func publish(_ staging: String, as final: String) throws {
        let fm = FileManager.default
        if isPresent(final), scorecard_exchange(staging, final) == 0 {
            removeIfPresent(staging)  // now the old folder
            return
        }
        let old = final + ".old-\(getpid())"
        do {
            if isPresent(final) { try fm.moveItem(atPath: final, toPath: old) }
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
    package static func recover(in output: String) {
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

    /// True when `name`, a folder directly in the output folder, is one a run writes, replaces
    /// or removes: a period's folder (`2026-10`, `2026-W43`, `2026`…), its `-rejected` twin,
    /// `no-period-rejected`, `validate`, and the staging and moved-aside folders `recover` tidies.
    package static func isManaged(_ name: String) -> Bool {
        let periodLike = #"^[0-9]{4}(-(W[0-9]{2}|Q[1-4]|[0-9]{2}(-H[12])?))?(-rejected)?$"#
        return name == "validate" || name == "no-period-rejected"
            || name.range(of: periodLike, options: [.regularExpression, .caseInsensitive]) != nil
            || name.range(of: #"\.tmp-[0-9]+$"#, options: .regularExpression) != nil
            || name.range(of: #"\.old-[0-9]+$"#, options: .regularExpression) != nil
    }

    /// The folder a run would replace or remove that holds `path`, if any (issue 25: a warehouse
    /// under `OUT/2026-10/` was deleted when the reports were published, and the run exited 0).
    /// Links are followed, so another name for such a folder is seen through.
    package static func managedFolder(holding path: String, output: String) -> String? {
        let file = canonical(path), root = canonical(output)
        guard file.hasPrefix(root + "/") else { return nil }
        let inside = file.dropFirst(root.count + 1).split(separator: "/").map(String.init)
        guard inside.count >= 2, isManaged(inside[0]) else { return nil }
        return (output as NSString).appendingPathComponent(inside[0])
    }

    /// `path` made absolute, its existing part with links resolved (`realpath`), the rest as written.
    package static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        var head = (absolute as NSString).standardizingPath
        var tail: [String] = []
        while head != "/", realpath(head, nil) == nil {
            tail.insert((head as NSString).lastPathComponent, at: 0)
            head = (head as NSString).deletingLastPathComponent
        }
        guard let resolved = realpath(head, nil) else { return absolute }
        defer { free(resolved) }
        let base = String(cString: resolved)
        return tail.reduce(base) { ($0 as NSString).appendingPathComponent($1) }
    }

    /// Removes `path`: a link itself, never what it points to.
    package static func removeIfPresent(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFLNK { unlink(path) } else { try? FileManager.default.removeItem(atPath: path) }
    }

    /// True when something (a link too, dangling or not) is at `path`.
    package static func isPresent(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
