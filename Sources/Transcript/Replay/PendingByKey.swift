/// Entries kept in arrival order and found by key in constant time: the
/// replay's steps in flight and unfinished v2 answers. Linear searches here
/// made a hostile log quadratic (a 7 MB session with 100 000 distinct keys
/// took 18 s, a 64 MB one would take half an hour).
struct PendingByKey<Value> {
    /// Removed entries leave a nil behind, so positions stay valid.
    private var slots: [(key: String, value: Value)?] = []
    /// For each key, the slots holding it, oldest first from `head`.
    private var live: [String: (slots: [Int], head: Int)] = [:]

    mutating func append(_ key: String, _ value: Value) {
        live[key, default: ([], 0)].slots.append(slots.count)
        slots.append((key, value))
    }

    /// Removes the oldest entry with `key`; false when there is none.
    @discardableResult
    mutating func removeFirst(_ key: String) -> Bool {
        guard var q = live[key], q.head < q.slots.count else { return false }
        slots[q.slots[q.head]] = nil
        q.head += 1
        live[key] = q.head == q.slots.count ? nil : q
        return true
    }

    /// Changes the oldest entry with `key`; false when there is none.
    mutating func modifyFirst(_ key: String, _ body: (inout Value) -> Void) -> Bool {
        guard let q = live[key], q.head < q.slots.count else { return false }
        let slot = q.slots[q.head]
        guard var entry = slots[slot] else { return false }
        body(&entry.value)
        slots[slot] = entry
        return true
    }

    /// What is left, in arrival order.
    var values: [Value] { slots.compactMap { $0?.value } }

    mutating func removeAll() {
        slots = []
        live = [:]
    }
}
