import Testing
import Transcript

@Suite("the one binary search (partitioningIndex)")
struct PartitioningIndexTests {
    /// Every key against every sorted array up to 9 long, with repeats:
    /// the binary search finds what a linear scan finds.
    @Test func agreesWithALinearScan() {
        var generator = SeededGenerator(state: 15)
        for length in 0...9 {
            for _ in 0..<20 {
                let sorted = (0..<length).map { _ in Int.random(in: 0...6, using: &generator) }.sorted()
                for key in -1...7 {
                    let expected = sorted.firstIndex { $0 >= key } ?? sorted.endIndex
                    #expect(sorted.partitioningIndex { $0 >= key } == expected, "\(sorted) \(key)")
                    // A slice keeps its parent's indices.
                    if length >= 2 { #expect(sorted[2...].partitioningIndex { $0 >= key } == (sorted[2...].firstIndex { $0 >= key } ?? sorted.endIndex)) }
                }
            }
        }
    }
}
