/// A key path such as `engineer.email`: it matches a value whose path of
/// object keys ends with these keys, at any depth, array positions skipped,
/// inside the JSON of event `data` too (`event_log › data › action ›
/// engineer › email` ends with `engineer.email`).
public struct KeyPath: Sendable, Hashable, CustomStringConvertible {
    public var keys: [String]

    public init(_ keys: [String]) { self.keys = keys }

    /// `"engineer.email"`; nil for an empty path or an empty key.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { return nil }
        keys = parts
    }

    public var description: String { keys.joined(separator: ".") }

    func matches(_ path: [String]) -> Bool {
        guard path.count >= keys.count else { return false }
        var p = path.count - 1
        for k in keys.reversed() {
            if path[p] != k { return false }
            p -= 1
        }
        return true
    }
}
