/// A customer grade (客户分级).
public enum Grade: String, Sendable, CaseIterable, Comparable {
    case A, B, C

    /// A 0, B 1, C 2: its place in `allCases`, a grade kept in a byte (`GradeFigures`, `GradeTally`,
    /// the 客户分级 sheet's read-back file).
    package var code: UInt8 {
        switch self {
        case .A: return 0
        case .B: return 1
        case .C: return 2
        }
    }

    /// The grade of `code`; nil past C.
    package init?(code: UInt8) {
        guard code < 3 else { return nil }
        self = Self.allCases[Int(code)]
    }

    /// One step lower (A→B, B→C, C stays C).
    package var lowered: Grade { self == .A ? .B : .C }

    public static func < (a: Grade, b: Grade) -> Bool { a.rawValue < b.rawValue }
}
