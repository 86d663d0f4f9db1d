#if canImport(CMimalloc)
import CMimalloc
import Foundation

/// mimalloc returns a freed page to the kernel 25 ms after its last use by
/// default. A render frees each session's memory and allocates the next
/// session's a few milliseconds later, so at that delay the same pages were
/// given back and faulted in again (273,000 page faults and about a quarter
/// of the CPU in the kernel at 1 GB; docs/performance.md). Half a second
/// keeps a working set across sessions and still returns what stays unused.
/// A delay the user set (MIMALLOC_DECOMMIT_DELAY) is left as given.
enum AllocatorTuning {
    static let decommitDelayMilliseconds = 500

    static func apply() {
        guard ProcessInfo.processInfo.environment["MIMALLOC_DECOMMIT_DELAY"] == nil else { return }
        mi_option_set(mi_option_decommit_delay, decommitDelayMilliseconds)
    }
}
#else
enum AllocatorTuning {
    static func apply() {}
}
#endif
