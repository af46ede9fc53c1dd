import Testing
@testable import PostgresURI
@testable import ScorecardIngest

/// The hand-written hash tables of the ingest: every id is found, nothing else is,
/// and growing keeps every entry (SPEC §2.3 duplicates and references rely on them).
@Suite struct KeyTablesTests {
    @Test func idTableFindsEachIdAndNothingElse() {
        let ids = (0..<20_000).map { "C\($0)" } + ["", "客户-甲", "C1 "]
        let table = IDTable(ids + ["C7"])  // a repeated id is stored once
        for (i, id) in ids.enumerated() {
            var key = id
            #expect(key.withUTF8 { table.index(of: $0) } == i)
        }
        for absent in ["C20000", "C", "c1", "客户", "C1  ", "C01"] {
            var key = absent
            #expect(key.withUTF8 { table.index(of: $0) } == nil)
        }
    }

    @Test func idsAddedOneByOneKeepTheirPositionsAcrossGrowth() {
        var table = IDTable()
        for i in 0..<30_000 {
            var id = "客户-\(i)"
            let added = id.withUTF8 { table.insert($0) }
            #expect(added.position == i && added.inserted)
        }
        var again = "客户-123"
        let found = again.withUTF8 { table.insert($0) }
        #expect(found.position == 123 && !found.inserted)
        #expect(table.count == 30_000)
        for i in stride(from: 0, to: 30_000, by: 997) {
            var id = "客户-\(i)"
            #expect(id.withUTF8 { table.index(of: $0) } == i)
        }
        var absent = "客户-30000"
        #expect(absent.withUTF8 { table.index(of: $0) } == nil)
    }

    @Test func customerOwnersSaysWhenACustomerMoved() {
        var owners = CustomerOwners()
        let moved = (0..<5_000).map { owners.set("C\($0)", manager: "M\($0 % 7)") }
        #expect(!moved.contains(true))
        let same = owners.set("C10", manager: "M3")  // the manager it had
        let other = owners.set("C11", manager: "M0")
        let toCome = owners.set("C12", manager: "")  // a derived list's manager still to come
        #expect(!same && other && toCome)
        #expect(owners.count == 5_000)
        #expect(owners.manager(of: "C11") == "M0")
        #expect(owners.manager(of: "C12") == "")
        #expect(owners.manager(of: "C4999") == "M\(4999 % 7)")
        #expect(owners.manager(of: "C5000") == nil)
        // Ids are bytes, as the warehouse compares them: two spellings of one accented letter are
        // two customers and two managers, each kept as the export spells it.
        let composed = "Ren\u{E9}", decomposed = "Rene\u{301}"
        owners.set("C-\(composed)", manager: composed)
        owners.set("C-\(decomposed)", manager: decomposed)
        #expect(owners.count == 5_002)
        #expect(owners.manager(of: "C-\(decomposed)").map { Array($0.utf8) } == Array(decomposed.utf8))
        #expect(owners.manager(of: "C-\(composed)").map { Array($0.utf8) } == Array(composed.utf8))
    }

    @Test func seenKeysReportsOnlyRepeatsAcrossGrowth() {
        var seen = SeenKeys(keyColumns: [0])
        let hashes = (1...50_000).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 } + [0]
        #expect(hashes.allSatisfy { !seen.insert($0) })
        #expect(hashes.allSatisfy { seen.insert($0) })
        let repeated = seen.insert(12_345)
        #expect(!repeated)
    }

    @Test func keyHashesSeparateTheColumnsOfACompositeKey() {
        var batch = PackedBatch(width: 2, capacity: 2)
        batch.beginRow(line: 2)
        batch.appendText("ab"); batch.appendText("c")
        let first = batch.keyHash([0, 1])
        batch.beginRow(line: 3)
        batch.appendText("a"); batch.appendText("bc")
        #expect(batch.keyHash([0, 1]) != first)
    }
}
