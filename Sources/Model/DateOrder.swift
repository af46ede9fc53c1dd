/// The order of day, month and year in dates whose year comes last (SPEC §2.5).
public enum DateOrder: String, Sendable, CaseIterable {
    /// Year first (`2026/10/3`); a date with the year last is not read.
    case ymd
    /// `10/3/2026` is 3 October.
    case mdy
    /// `3/10/2026` is 3 October.
    case dmy
}
