import Foundation
import ScorecardModel

/// Every customer's name and region, for the reports. The names the warehouse gives in id order
/// (`forEachCustomerName`) go to an unlinked temporary file, and only every 64th id stays in
/// memory with where its names start: a name is found by a binary search of those, then one
/// read of 64 records. Held in memory, the bank-sized set's 1.1 M names were 30 MB through the
/// whole report stage (issue 29); a dictionary of them 422 MB (issue 10). The file is in
/// `$TMPDIR` (as libxlsxwriter's temporary files are): where that is a tmpfs, it is memory again.
///
/// A name out of id order (never from the warehouse; tests add some) is kept in memory.
package struct CustomerDirectory: Sendable {
    /// The file and the first id of each run of `runLength` records in it, rising.
    private var file: NamesFile?
    private var marks: [Mark] = []
    /// The id added last to the file.
    private var lastID: [UInt8] = []
    private var inFile = 0
    private var pending: [UInt8] = []
    /// Names that came out of id order.
    private var extras: [String: Entry] = [:]
    private var regionNames: [String] = []

    private static let runLength = 64

    private struct Mark: Sendable {
        var id: [UInt8]
        var offset: Int
    }

    private struct Entry: Sendable {
        var name: String
        var region: UInt8
    }

    package init() {}

    /// Adds a customer; a later entry for the same id replaces nothing (ids are unique in the warehouse).
    /// - Throws: `OutputError.cannotWrite` when the temporary file cannot be written.
    package mutating func add(id: String, name: String, region: String?) throws {
        let region = code(region ?? "")
        var id = id
        let (next, repeated) = id.withUTF8 { (lastID.lexicographicallyPrecedes($0) || inFile == 0, lastID.elementsEqual($0)) }
        guard next else {
            guard !repeated else { return }
            try flush()  // looked for in the file first
            if entry(of: id) == nil { extras[id] = Entry(name: name, region: region) }
            return
        }
        if file == nil { file = try NamesFile() }
        id.withUTF8 { bytes in
            lastID = Array(bytes)
            if inFile % Self.runLength == 0 { marks.append(Mark(id: lastID, offset: file!.size + pending.count)) }
            append(UInt32(bytes.count))
            pending.append(contentsOf: bytes)
        }
        var name = name
        name.withUTF8 {
            append(UInt32($0.count))
            pending.append(contentsOf: $0)
        }
        pending.append(region)
        inFile += 1
        if pending.count >= 1 << 20 { try flush() }
    }

    /// Writes what is still pending: call once every name is added (before the first look-up).
    package mutating func compact() throws {
        try flush()
        pending = []  // its room too
    }

    package func name(of id: String) -> String? { entry(of: id)?.name }

    package func region(of id: String) -> String? {
        guard let region = entry(of: id).map({ regionNames[Int($0.region)] }) else { return nil }
        return region.isEmpty ? nil : region
    }

    private mutating func flush() throws {
        guard let file, !pending.isEmpty else { return }
        try file.append(pending)
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func append(_ n: UInt32) { withUnsafeBytes(of: n.littleEndian) { pending.append(contentsOf: $0) } }

    /// A region's code: regions are a short list (urban, rural, remote); past 255 of them, as none.
    private mutating func code(_ region: String) -> UInt8 {
        if let code = regionNames.firstIndex(of: region) { return UInt8(code) }
        guard regionNames.count < 255 else { return UInt8(regionNames.firstIndex(of: "") ?? 0) }
        regionNames.append(region)
        return UInt8(regionNames.count - 1)
    }

    private func entry(of id: String) -> Entry? {
        if let extra = extras[id] { return extra }
        guard let file else { return nil }
        precondition(pending.isEmpty, "a directory is looked in once every name is added (compact)")
        var id = id
        return id.withUTF8 { key -> Entry? in
            // The last run whose first id is at or before the key.
            let run = marks.partitioningIndex { !key.lexicographicallyPrecedes($0.id) } - 1
            guard run >= 0 else { return nil }
            let start = marks[run].offset, end = run + 1 < marks.count ? marks[run + 1].offset : file.size
            return file.read(start..<end).withUnsafeBytes { raw -> Entry? in
                var at = 0
                func length() -> Int {
                    defer { at += 4 }
                    return Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
                }
                while at < raw.count {
                    let idLength = length()
                    let found = raw[at..<(at + idLength)].elementsEqual(key)
                    at += idLength
                    let nameLength = length()
                    if found {
                        return Entry(name: String(decoding: raw[at..<(at + nameLength)], as: UTF8.self), region: raw[at + nameLength])
                    }
                    at += nameLength + 1
                }
                return nil
            }
        }
    }
}

/// An unlinked temporary file written once, front to back, then read anywhere from any thread.
private final class NamesFile: @unchecked Sendable {
    private let descriptor: Int32
    /// Written only while the directory is built (one thread), read only after.
    private(set) var size = 0

    init() throws { descriptor = try TemporaryFile.open("scorecard-names") }

    deinit { close(descriptor) }

    func append(_ bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + done, $0.count - done, off_t(size + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw OutputError.cannotWrite(path: "a temporary file in \(NSTemporaryDirectory())", reason: String(cString: strerror(errno))) }
            done += n
        }
        size += bytes.count
    }

    func read(_ range: Range<Int>) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < range.count {
            let n = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done)) }
            if n < 0 && errno == EINTR { continue }
            // Written whole by this run: a failed read is the machine's fault, not the data's.
            precondition(n > 0, "the customers' names' temporary file could not be read: \(String(cString: strerror(errno)))")
            done += n
        }
        return bytes
    }
}
