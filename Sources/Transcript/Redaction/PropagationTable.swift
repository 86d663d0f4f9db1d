/// Every value pass 1 removed, so pass 2 can remove it wherever else it
/// appears in the session: an engineer's name found by key path disappears
/// from the e-mail body and the diagnosis too.
///
/// Matching is byte-level and whole-word (a value that starts or ends with
/// a letter or digit never matches inside a longer word), longest value
/// first. Full values ignore ASCII case; a first or last name taken from a
/// full name ("Mia" of "Mia Nguyen") must match exactly or in capitals, so
/// the word "will" survives an engineer called Will.
struct PropagationTable {
    struct Entry {
        var bytes: [UInt8]
        var label: RedactionLabel
        var ignoresCase: Bool
    }

    private var entries: [Entry] = []
    private var known: [[UInt8]: Int] = [:]
    /// Entry indices grouped by first byte (lower-cased for the case-ignoring
    /// ones), longest first, once sealed: `order[start[b]..<start[b + 1]]`.
    private var order: [Int] = []
    private var start: [Int] = Array(repeating: 0, count: 257)
    /// Whether any entry starts with the byte: the scan's fast path.
    private var startsWith: [Bool] = Array(repeating: false, count: 256)

    var isEmpty: Bool { entries.isEmpty }

    /// Values shorter than this are removed where a rule found them but not
    /// elsewhere: "Al" or "1234" would wreck unrelated text.
    static let minimumLength = 4
    static let minimumNamePartLength = 3
    /// Placeholders a key-path field often holds; they are not personal data.
    static let placeholders: Set<String> = ["n/a", "none", "null", "unknown", "tbd", "unassigned", "pending", "redacted"]

    mutating func add(_ value: [UInt8], label: RedactionLabel) {
        guard value.count >= Self.minimumLength else { return }
        let text = String(decoding: value, as: UTF8.self).lowercased()
        guard !Self.placeholders.contains(text.trimmingSpaces) else { return }
        insert(Entry(bytes: value.map(lowerByte), label: label, ignoresCase: true))
    }

    /// The words of a name, each standing for the whole name. A word shared
    /// by two different names gets the unnumbered label: it could be either.
    mutating func addNameParts(_ name: [UInt8], label: RedactionLabel) {
        for part in name.split(whereSeparator: { isSpaceByte($0) || $0 == UInt8(ascii: ",") }) {
            let word = Array(part)
            guard word.count >= Self.minimumNamePartLength, word.count < name.count,
                  let first = word.first, first &- 0x41 < 26 || first >= 0x80,
                  !word.contains(UInt8(ascii: ".")) else { continue }
            if let i = known[word] {
                if entries[i].label != label && entries[i].label.number != 0 {
                    entries[i].label = RedactionLabel(kind: label.kind, number: 0, rule: label.rule)
                }
                continue
            }
            insert(Entry(bytes: word, label: label, ignoresCase: false))
            // A name written in capitals ("NGUYEN") is still that name.
            let upper = word.map { $0 &- 0x61 < 26 ? $0 - 0x20 : $0 }
            if upper != word && known[upper] == nil { insert(Entry(bytes: upper, label: label, ignoresCase: false)) }
        }
    }

    /// The local part of an address (`mia.nguyen` of `mia.nguyen@x.example`),
    /// when it reads like a person's login (a `.`, `_` or `-` inside, 5+
    /// characters): logs often show it alone. `noc@` or `support@` are kept.
    mutating func addLocalPart(_ address: [UInt8], label: RedactionLabel) {
        guard let at = address.firstIndex(of: UInt8(ascii: "@")) ?? address.indices.first(where: {
            address[$0] == UInt8(ascii: "%") && address.at($0 + 1) == UInt8(ascii: "4") && address.at($0 + 2) == UInt8(ascii: "0")
        }) else { return }
        let local = Array(address[..<at])
        guard local.count >= 5, local.dropFirst().dropLast().contains(where: {
            $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }) else { return }
        add(local, label: label)
    }

    private mutating func insert(_ entry: Entry) {
        guard known[entry.bytes] == nil else { return }
        known[entry.bytes] = entries.count
        entries.append(entry)
    }

    /// Groups the entries by first byte, longest first; call after the last add.
    mutating func seal() {
        let sorted = entries.indices.sorted {
            let a = entries[$0].bytes, b = entries[$1].bytes
            return a[0] != b[0] ? a[0] < b[0] : a.count != b.count ? a.count > b.count : $0 < $1
        }
        order = sorted
        start = Array(repeating: sorted.count, count: 257)
        startsWith = Array(repeating: false, count: 256)
        for (position, index) in sorted.enumerated().reversed() {
            let b = Int(entries[index].bytes[0])
            start[b] = position
            startsWith[b] = true
        }
        // Empty groups start where the next non-empty one does.
        for b in stride(from: 255, through: 0, by: -1) where !startsWith[b] { start[b] = start[b + 1] }
    }

    func occurrences(in s: [UInt8]) -> [(Range<Int>, RedactionLabel)] {
        guard !entries.isEmpty else { return [] }
        var out: [(Range<Int>, RedactionLabel)] = []
        let s = s.span
        let startsWith = startsWith.span  // 256 entries: any byte indexes it
        let n = s.count
        var i = 0
        while i < n {
            let b = s[unchecked: i]
            let lower = lowerByte(b)
            guard startsWith[unchecked: Int(lower)] || (lower != b && startsWith[unchecked: Int(b)]) else { i += 1; continue }
            // Every value of a group starts with the same byte: inside a
            // word, a group of word-starting values cannot match.
            let prevIsWord = i > 0 && isWordByte(s[i - 1])
            if prevIsWord && isWordByte(b) { i += 1; continue }
            var best = 0
            var bestLabel: RedactionLabel?
            for group in lower == b ? [b] : [lower, b] where startsWith[Int(group)] {
                for k in start[Int(group)]..<start[Int(group) + 1] {
                    let e = entries[order[k]]
                    let len = e.bytes.count
                    guard len > best, i + len <= n else { continue }
                    if i + len < n && isWordByte(e.bytes[len - 1]) && isWordByte(s[i + len]) { continue }
                    if matches(e, s, at: i) {
                        best = len
                        bestLabel = e.label
                    }
                }
            }
            if let label = bestLabel {
                out.append((i..<(i + best), label))
                i += best
            } else {
                i += 1
            }
        }
        return out
    }

    @inline(__always)
    private func matches(_ e: Entry, _ s: Span<UInt8>, at i: Int) -> Bool {
        // The caller checked that `i + v.count <= s.count`.
        let v = e.bytes.span
        if e.ignoresCase {
            for k in 0..<v.count where lowerByte(s[unchecked: i + k]) != v[unchecked: k] { return false }
        } else {
            for k in 0..<v.count where s[unchecked: i + k] != v[unchecked: k] { return false }
        }
        return true
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
