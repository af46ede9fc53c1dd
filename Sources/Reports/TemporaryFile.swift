import Foundation

/// A new temporary file in `$TMPDIR` (as libxlsxwriter's are), unlinked at once: gone with the
/// run however it ends, nothing left in the folder. The reports' files of what the run does not
/// hold in memory (`StoredGradeFile`, `CustomerDirectory`; issue 29).
enum TemporaryFile {
    /// Its descriptor, open for reading and writing.
    /// - Throws: `OutputError.cannotWrite` when the folder takes no new file.
    static func open(_ prefix: String) throws -> Int32 {
        let folder = NSTemporaryDirectory()
        var template = Array((folder as NSString).appendingPathComponent("\(prefix)-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw OutputError.cannotWrite(path: folder, reason: String(cString: strerror(errno))) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }
}
