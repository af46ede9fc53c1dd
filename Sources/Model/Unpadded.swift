/// An optional number stored in the number's own bytes: "none" is a value the number never
/// takes (`Int.min`, NaN). An `Int?` or `Double?` takes 9 bytes and pads to 16 in a record;
/// records held a million at a time (grades, visits) are a fifth smaller without it (issue 10).
///
///     @Unpadded var end: Int?     // 8 bytes
@propertyWrapper
public struct Unpadded<Number: UnpaddedNumber>: Sendable, Equatable {
    private var stored: Number

    public init(wrappedValue: Number?) { stored = wrappedValue ?? .none }

    public var wrappedValue: Number? {
        get { stored.isNone ? nil : stored }
        set { stored = newValue ?? .none }
    }

    /// Equal when both are none (NaN is not equal to itself) or both hold the same number.
    public static func == (a: Unpadded, b: Unpadded) -> Bool { a.wrappedValue == b.wrappedValue }
}

/// A number with a value set aside for "none".
public protocol UnpaddedNumber: Sendable, Equatable {
    static var none: Self { get }
    var isNone: Bool { get }
}

extension Int: UnpaddedNumber {
    public static var none: Int { .min }
    public var isNone: Bool { self == .min }
}

extension Int32: UnpaddedNumber {
    public static var none: Int32 { .min }
    public var isNone: Bool { self == .min }
}

extension Double: UnpaddedNumber {
    public static var none: Double { .nan }
    public var isNone: Bool { isNaN }
}
