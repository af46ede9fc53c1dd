import Foundation

/// A new temporary file in `$TMPDIR` (as libxlsxwriter's are), unlinked at once: gone with the
/// run however it ends, nothing left in the folder. Appended to by one thread while it is made,
/// then read anywhere, by any thread. What the reports keep out of memory: the 客户分级 rows read
/// back (`StoredGradeFile`) and the customers' names (`CustomerDirectory`; issue 29).
final class TemporaryFile: @unchecked Sendable {
    private let descriptor: Int32
    /// Grown only while the file is made (one thread), read only after.
    private(set) var size = 0

    /// - Throws: `OutputError.cannotWrite` when the folder takes no new file.
    init(_ prefix: String) throws {
        let folder = NSTemporaryDirectory()
        var template = Array((folder as NSString).appendingPathComponent("\(prefix)-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw OutputError.cannotWrite(path: folder, reason: String(cString: strerror(errno))) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// - Throws: `OutputError.cannotWrite` when the disk takes no more.
    func append(_ bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + done, $0.count - done, off_t(size + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw OutputError.cannotWrite(path: "a temporary file in \(NSTemporaryDirectory())", reason: String(cString: strerror(errno)))
            }
            done += n
        }
        size += bytes.count
    }

    /// The bytes of `range`, within what was appended.
    func read(_ range: Range<Int>) -> [UInt8] {
        var bytes: [UInt8] = []
        read(range, appendingTo: &bytes)
        return bytes
    }

    /// Appends the bytes of `range` to `bytes`, read in place.
    func read(_ range: Range<Int>, appendingTo bytes: inout [UInt8]) {
        precondition(range.upperBound <= size, "read within what was written")
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: range.count))
        var done = 0
        while done < range.count {
            let n = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + start + done, range.count - done, off_t(range.lowerBound + done)) }
            if n < 0 && errno == EINTR { continue }
            // Written whole by this run: a failed read is the machine's fault, not the data's.
            precondition(n > 0, "a temporary file could not be read: \(String(cString: strerror(errno)))")
            done += n
        }
    }
}

/// The records of the temporary files: texts as their UTF-8 length in 4 bytes, then the bytes
/// (`UInt32.max` for none); numbers little-endian.
extension [UInt8] {
    mutating func appendText(_ text: String?) {
        guard var text else { return appendInteger(UInt32.max) }
        text.withUTF8 {
            appendInteger(UInt32($0.count))
            append(contentsOf: $0)
        }
    }

    mutating func appendInteger<T: FixedWidthInteger>(_ v: T) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
}

/// Reads a record written with `appendText` and `appendInteger`, front to back.
struct RecordReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var at = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { at >= bytes.count }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T {
        defer { at += MemoryLayout<T>.size }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: T.self))
    }

    mutating func byte() -> UInt8 { integer(UInt8.self) }

    mutating func double() -> Double { Double(bitPattern: integer(UInt64.self)) }

    /// A text's bytes, nil for none.
    mutating func textBytes() -> UnsafeRawBufferPointer? {
        let n = integer(UInt32.self)
        guard n != .max else { return nil }
        defer { at += Int(n) }
        return UnsafeRawBufferPointer(rebasing: bytes[at..<(at + Int(n))])
    }

    mutating func text() -> String? { textBytes().map { String(decoding: $0, as: UTF8.self) } }

    /// Past a text.
    mutating func skipText() { _ = textBytes() }
}
