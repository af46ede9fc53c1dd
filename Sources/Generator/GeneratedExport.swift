/// A row the generator broke on purpose, and the reason the loader must give.
public struct BrokenRow: Hashable, Sendable {
    public var file: String
    public var line: Int
    public var reasonKind: String
}

public struct GeneratedExport: Sendable {
    /// File name → data rows written (broken ones included).
    public var rows: [String: Int] = [:]
    public var broken: [BrokenRow] = []
}
