/// Every value pass 1 removed, so pass 2 can remove it wherever else it
/// appears in the session: an engineer's name found by key path disappears
/// from the e-mail body and the diagnosis too.
///
/// Matching is byte-level and whole-word (a value that starts or ends with
/// a letter or digit never matches inside a longer word), longest value
/// first. Full values ignore ASCII case; a first or last name taken from a
/// full name ("Mia" of "Mia Nguyen") must match exactly, so the word "will"
/// survives an engineer called Will.
struct PropagationTable {
    struct Entry {
        var bytes: [UInt8]
        var label: RedactionLabel
        var ignoresCase: Bool
    }

    private var entries: [Entry] = []
    private var known: [[UInt8]: Int] = [:]
    /// Entry indices by first byte (lower-cased for the case-ignoring ones), longest first once sealed.
    private var buckets: [[Int]] = Array(repeating: [], count: 256)

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
        }
    }

    private mutating func insert(_ entry: Entry) {
        guard known[entry.bytes] == nil else { return }
        known[entry.bytes] = entries.count
        buckets[Int(entry.bytes[0])].append(entries.count)
        entries.append(entry)
    }

    /// Orders each bucket longest first; call once, after pass 1.
    mutating func seal() {
        for b in buckets.indices where buckets[b].count > 1 {
            buckets[b].sort { entries[$0].bytes.count > entries[$1].bytes.count }
        }
    }

    func occurrences(in s: [UInt8]) -> [(Range<Int>, RedactionLabel)] {
        guard !entries.isEmpty else { return [] }
        var out: [(Range<Int>, RedactionLabel)] = []
        var i = 0
        let n = s.count
        while i < n {
            let b = s[i]
            let lower = lowerByte(b)
            if buckets[Int(lower)].isEmpty && (lower == b || buckets[Int(b)].isEmpty) { i += 1; continue }
            let prevIsWord = i > 0 && isWordByte(s[i - 1])
            var matched = 0
            func tryBucket(_ bucket: UInt8) {
                for index in buckets[Int(bucket)] {
                    let e = entries[index]
                    let len = e.bytes.count
                    guard len > matched, i + len <= n else { continue }
                    if prevIsWord && isWordByte(e.bytes[0]) { continue }
                    if i + len < n && isWordByte(e.bytes[len - 1]) && isWordByte(s[i + len]) { continue }
                    var same = true
                    if e.ignoresCase {
                        for k in 0..<len where lowerByte(s[i + k]) != e.bytes[k] { same = false; break }
                    } else {
                        for k in 0..<len where s[i + k] != e.bytes[k] { same = false; break }
                    }
                    if same {
                        if let last = out.last, last.0.lowerBound == i { out.removeLast() }
                        out.append((i..<(i + len), e.label))
                        matched = len
                    }
                }
            }
            tryBucket(lower)
            if lower != b { tryBucket(b) }
            i += matched > 0 ? matched : 1
        }
        return out
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
