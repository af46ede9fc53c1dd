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
    private var file: TemporaryFile?
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
        if file == nil { file = try TemporaryFile("scorecard-names") }
        // A new array of the id's size, as every 64th one is kept as a mark: reusing one buffer made
        // each mark a copy of its whole room (the bank-shaped set: 4 MB more, measured).
        lastID = id.withUTF8 { Array($0) }
        if inFile % Self.runLength == 0 { marks.append(Mark(id: lastID, offset: file!.size + pending.count)) }
        pending.appendText(id)
        pending.appendText(name)
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
                var r = RecordReader(raw)
                while !r.isAtEnd {
                    let found = r.textBytes()?.elementsEqual(key) ?? false
                    let name = found ? r.text() ?? "" : { r.skipText(); return "" }()
                    let region = r.byte()
                    if found { return Entry(name: name, region: region) }
                }
                return nil
            }
        }
    }
}
