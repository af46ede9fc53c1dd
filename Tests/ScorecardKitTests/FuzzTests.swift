import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardGenerator
@testable import ScorecardIngest
@testable import ScorecardModel
@testable import ScorecardPipeline

/// Issue 12: random mutations of real-shaped exports and of the pipeline file. Every
/// case must end in rows (read = loaded + rejected) or a clear error — never a trap,
/// never a hang. Seeded and bounded so `make test` stays fast; set
/// `SCORECARD_FUZZ_CASES` (e.g. 20000) for a longer run.
@Suite struct FuzzTests {
    static let cases = ProcessInfo.processInfo.environment["SCORECARD_FUZZ_CASES"].flatMap(Int.init) ?? 150

    /// Byte-level mutations that real damage looks like: flipped bytes, stray quotes,
    /// delimiters and line ends, cut files, repeated slices, bytes outside UTF-8.
    static func mutate(_ data: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var b = data
        for _ in 0..<rng.int(1...6) where !b.isEmpty {
            let i = rng.int(0...(b.count - 1))
            switch rng.int(0...7) {
            case 0: b[i] = UInt8(truncatingIfNeeded: rng.next())
            case 1: b.insert(0x22, at: i)  // "
            case 2: b.insert([0x2C, 0x09, 0x3B][rng.int(0...2)], at: i)
            case 3: b.insert(contentsOf: [0x0D, 0x0A], at: i)
            case 4: b.removeSubrange(i...)  // cut
            case 5: b.insert(contentsOf: b[i..<min(b.count, i + rng.int(1...64))], at: i)
            case 6: b.insert(contentsOf: [0xFF, 0xFE, 0x00], at: i)
            default: b.insert(contentsOf: Array("万#N/A合计\u{2605}".utf8), at: i)
            }
        }
        return b
    }

    @Test func mutatedExportsLoadOrFailClearly() throws {
        let entities: [Entity] = [.orders, .visits, .complaints, .surveys, .customers]
        var rng = SeededRandom(seed: 20261201)
        var outcomes = (rows: 0, errors: 0)
        for n in 0..<Self.cases {
            let entity = entities[n % entities.count]
            let original = [UInt8](Fixtures.data("report/\(entity.rawValue).csv").prefix(4_000))
            let tmp = TempFolder()
            _ = tmp.input()
            tmp.write("input/\(entity.rawValue).csv", Data(Self.mutate(original, &rng)))
            let warehouse = try tempWarehouse(tmp)
            do {
                let report = try load(tmp.file("input"), warehouse: warehouse)
                for f in report.files { #expect(f.rowsRead == f.rowsLoaded + f.rowsRejected, "case \(n): \(f.file)") }
                outcomes.rows += 1
            } catch is IngestError {
                outcomes.errors += 1
            }
        }
        #expect(outcomes.rows + outcomes.errors == Self.cases)
    }

    @Test func mutatedPipelinesParseOrFailWithFileLineAndKey() throws {
        let text = Array(try String(contentsOfFile: PipelineLoaderTests.repository.appendingPathComponent("pipelines/monthly.yml").path,
                                    encoding: .utf8).utf8)
        var rng = SeededRandom(seed: 7)
        for n in 0..<Self.cases {
            let mutated = String(decoding: Self.mutate(text, &rng), as: UTF8.self)
            do {
                _ = try PipelineLoader.parse(mutated, file: "fuzz.yml")
            } catch let error as PipelineError {
                #expect(error.localizedDescription.hasPrefix("fuzz.yml"), "case \(n)")
            }
        }
    }
}
