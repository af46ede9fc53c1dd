import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Only regular files inside the input folder are read (issue 12): a link to
/// `/etc/passwd` must not print its first line as a header, and a FIFO must not
/// hang the run while it holds the warehouse lock.
package enum InputFile {
    /// Throws when `name` in `folder` is not a regular file, or is a link that leads
    /// out of the folder (a link to a file inside it is fine).
    package static func check(_ name: String, in folder: String) throws {
        let path = (folder as NSString).appendingPathComponent(name)
        var info = stat()
        guard lstat(path, &info) == 0 else { throw IngestError.unreadable(file: name) }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard let target = realPath(path), let root = realPath(folder), target.hasPrefix(root + "/") else {
                throw IngestError.notRegularFile(file: name, reason: "a link that leads out of the input folder")
            }
            guard stat(target, &info) == 0 else { throw IngestError.unreadable(file: name) }
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            let kind = info.st_mode & S_IFMT == S_IFIFO ? "a pipe (FIFO)" : info.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a regular file"
            throw IngestError.notRegularFile(file: name, reason: kind)
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
