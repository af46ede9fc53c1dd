import ScorecardModel

/// Texts one after another in UTF-8 blocks of a fixed size, with where each ends in its block.
///
/// Blocks, not one buffer: one buffer doubled as it filled and was copied once more to give back
/// its spare room, and the bank-sized set's 1.1 M names then held 42 MB of buffer and a 25 MB copy
/// at once, beside everything the report holds: the run's peak on SQLite (issue 29). A block is
/// filled and never moved; a text never spans two blocks (one longer than a block has its own).
package struct PackedTexts: Sendable {
    private let blockSize: Int
    private var blocks: [[UInt8]] = []
    /// Where each text ends in its block.
    private var ends: [UInt32] = []
    /// The position of each block's first text.
    private var firstInBlock: [Int] = []

    /// - Parameter blockSize: the bytes of a block (small ones in tests).
    package init(blockSize: Int = 1 << 20) {
        precondition(blockSize > 0 && blockSize <= Int(UInt32.max), "a block's ends fit 32 bits")
        self.blockSize = blockSize
    }

    package var count: Int { ends.count }

    /// Room for `count` texts' ends, when their number is known before they come.
    package mutating func reserve(_ count: Int) { ends.reserveCapacity(count) }

    package mutating func append(_ text: String) {
        let length = text.utf8.count
        if blocks.isEmpty || blocks[blocks.count - 1].count + length > blockSize {
            var block: [UInt8] = []
            block.reserveCapacity(max(blockSize, length))
            blocks.append(block)
            firstInBlock.append(ends.count)
        }
        let last = blocks.count - 1
        blocks[last].append(contentsOf: text.utf8)
        ends.append(UInt32(blocks[last].count))
    }

    /// Gives back the ends' spare room (the blocks have none to speak of: the last one's at most).
    package mutating func compact() { ends = ends.trimmed() }

    /// The `i`th text's bytes.
    package func utf8(_ i: Int) -> ArraySlice<UInt8> {
        let block = firstInBlock.partitioningIndex { $0 <= i } - 1  // the last block starting at or before i
        let start = i == firstInBlock[block] ? 0 : Int(ends[i - 1])
        return blocks[block][start..<Int(ends[i])]
    }

    package func text(_ i: Int) -> String { String(decoding: utf8(i), as: UTF8.self) }
}
