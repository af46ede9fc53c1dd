/// A customer grade (客户分级).
public enum Grade: String, Sendable, CaseIterable, Comparable {
    case A, B, C

    /// One step lower (A→B, B→C, C stays C).
    package var lowered: Grade { self == .A ? .B : .C }

    public static func < (a: Grade, b: Grade) -> Bool { a.rawValue < b.rawValue }
}
