import Yams

/// Bounds on a YAML rules file, checked around Yams. libyaml recurses once per
/// nesting level, and Yams shares an aliased node instead of copying it, so
/// "billion laughs" (nine aliases of nine aliases of …) composes in a moment
/// but expands to a document no walk should visit; Yams also hashes every
/// mapping key whole, so an alias used as a key is expanded right away.
/// A rules file needs none of that: refuse it with a message.
enum YAMLLimits {
    static let maxBytes = 1 << 20
    static let maxDepth = 64
    /// Nodes after expanding every alias; a rules file of a thousand rules
    /// of six fields is about 13,000.
    static let maxNodes = 100_000

    /// Before Yams: the size, a bound on the nesting, and no aliases in keys.
    static func checkSource(_ text: String) throws(RuleFile.Problem) {
        guard text.utf8.count <= maxBytes else {
            throw RuleFile.Problem(line: nil, rule: nil, message: "larger than \(maxBytes >> 20) MiB; a rules file is a short list")
        }
        var scan = YAMLLineScan()
        var sawAlias = false
        var complexKeyLine: Int?
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let shape = scan.next(line)
            if shape.depthBound > maxDepth {
                throw RuleFile.Problem(line: n + 1, rule: nil, message: "nested deeper than \(maxDepth) levels; refused")
            }
            if shape.aliasAsKey {
                throw aliasKey(line: n + 1)
            }
            sawAlias = sawAlias || shape.hasAlias
            if shape.complexKey, complexKeyLine == nil { complexKeyLine = n + 1 }
        }
        // A collection as a key is harmless until it can hold an alias.
        if sawAlias, let line = complexKeyLine { throw aliasKey(line: line) }
    }

    private static func aliasKey(line: Int) -> RuleFile.Problem {
        RuleFile.Problem(line: line, rule: nil, message: "a mapping key that is an alias or a collection, in a file with aliases; a rules file's keys are field names")
    }

    /// After Yams: the document as the aliases expand it stays small and shallow.
    static func checkExpansion(_ root: Node) throws(RuleFile.Problem) {
        var budget = maxNodes
        if let deepest = try visit(root, depth: 1, budget: &budget) {
            throw RuleFile.Problem(line: deepest, rule: nil, message: "nested deeper than \(maxDepth) levels once its aliases are expanded; refused")
        }
    }

    /// The line of a node nested too deep, or nil; throws once the expanded
    /// document passes `maxNodes`, so the walk itself is bounded.
    private static func visit(_ node: Node, depth: Int, budget: inout Int) throws(RuleFile.Problem) -> Int? {
        budget -= 1
        if budget < 0 {
            throw RuleFile.Problem(line: nil, rule: nil, message: "its aliases expand it to more than \(maxNodes) values (an alias bomb?); refused")
        }
        if depth > maxDepth { return node.mark?.line ?? 0 }
        switch node {
        case .scalar, .alias:
            return nil
        case .sequence(let s):
            for child in s {
                if let line = try visit(child, depth: depth + 1, budget: &budget) { return line }
            }
        case .mapping(let m):
            for (key, value) in m {
                if let line = try visit(key, depth: depth + 1, budget: &budget) { return line }
                if let line = try visit(value, depth: depth + 1, budget: &budget) { return line }
            }
        }
        return nil
    }
}
