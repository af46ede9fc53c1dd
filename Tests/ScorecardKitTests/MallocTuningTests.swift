import CMallocTuning
import Testing

/// The CLI pins glibc's mmap threshold (`Sources/CMallocTuning`, issue 10). On glibc the call
/// must take effect: a first version tested `__GLIBC__` before any header defined it and
/// quietly did nothing (the bank set stayed at 591 MiB instead of 498).
@Suite struct MallocTuningTests {
    @Test func theMmapThresholdIsPinnedOnGlibc() {
        #if os(Linux)
        #expect(scorecard_pin_mmap_threshold() == 1)
        #endif
    }
}
