import ScorecardIngest

/// The distinct texts of a column that repeats a few of them (managers, visit types): each row
/// keeps the text's position, the texts are kept once, told apart by their bytes.
package struct InternedTexts: Sendable {
    private var texts: [String] = []
    private var table = IDTable()

    package init() {}

    /// The position of `text`, added when new.
    package mutating func position(of text: String) -> Int {
        var text = text
        let (position, added) = text.withUTF8 { table.insert($0) }
        if added { texts.append(text) }
        return position
    }

    package subscript(position: Int) -> String { texts[position] }
}
