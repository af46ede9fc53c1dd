/// Every customer's name and region, for the reports. Packed: the bank-sized set's
/// 1.1 M customers took 422 MB as a dictionary of name and region strings, about
/// 75 MB so (issue 10) — names one after another in one UTF-8 buffer, a region code
/// each, and an index from id to position.
package struct CustomerDirectory: Sendable {
    private var position: [String: Int32] = [:]
    private var names: [UInt8] = []
    /// Where each name ends in `names`.
    private var ends: [UInt32] = []
    private var regions: [UInt8] = []
    private var regionNames: [String] = []

    /// Adds a customer; a later entry for the same id replaces nothing (ids are unique in the warehouse).
    package mutating func add(id: String, name: String, region: String?) {
        guard position[id] == nil else { return }
        position[id] = Int32(ends.count)
        names.append(contentsOf: name.utf8)
        ends.append(UInt32(names.count))
        let region = region ?? ""
        if let code = regionNames.firstIndex(of: region) {
            regions.append(UInt8(code))
        } else if regionNames.count < 255 {
            regionNames.append(region)
            regions.append(UInt8(regionNames.count - 1))
        } else {
            regions.append(UInt8(regionNames.firstIndex(of: "") ?? 0))  // regions are a short list (urban, rural, remote)
        }
    }

    package func name(of id: String) -> String? {
        guard let i = position[id].map(Int.init) else { return nil }
        let start = i == 0 ? 0 : Int(ends[i - 1])
        return String(decoding: names[start..<Int(ends[i])], as: UTF8.self)
    }

    package func region(of id: String) -> String? {
        guard let i = position[id].map(Int.init) else { return nil }
        let region = regionNames[Int(regions[i])]
        return region.isEmpty ? nil : region
    }
}
