/// The most text a spreadsheet cell holds (SPEC §2.3 "a value longer than a cell"):
/// Excel counts 32 767 UTF-16 code units, so an emoji or any character beyond the
/// Basic Multilingual Plane counts twice. Ingest rejects longer values with the same
/// count the workbook uses to clip.
public enum CellLimit {
    public static let units = 32_767

    /// UTF-16 units of valid UTF-8 `bytes`: one per scalar, two for a four-byte one.
    package static func utf16Units(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n += b >= 0xF0 ? 2 : 1 }
        return n
    }
}
