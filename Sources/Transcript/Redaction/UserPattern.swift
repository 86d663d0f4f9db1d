import Foundation

/// A user's regular expression. A named group `value` narrows the match
/// to the sensitive part: `contact=(?<value>[^;]+)` keeps `contact=`.
///
/// ICU's engine (NSRegularExpression) rather than Swift Regex: it calls
/// back during a long match, so a pattern that backtracks exponentially
/// can be stopped at its budget (`PatternBudget`) instead of hanging the run.
public struct UserPattern: @unchecked Sendable {
    // NSRegularExpression is immutable; concurrent matches are safe (each
    // match takes the compiled program or a clone of it).
    let regex: NSRegularExpression
    public let source: String
    let hasValueGroup: Bool

    /// What one search of a field found.
    enum Outcome: Equatable {
        /// UTF-8 byte ranges of the matches (or of their `value` group).
        case matches([Range<Int>])
        /// The search ran out of budget (or out of ICU's backtracking
        /// stack): nothing about the field is known.
        case overBudget
    }

    public init(_ source: String) throws {
        regex = try NSRegularExpression(pattern: source)
        self.source = source
        hasValueGroup = source.contains("(?<value>")
    }

    /// A pattern that matches "" would match between every two characters.
    var matchesEmpty: Bool { regex.firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil }

    /// The matches in `text`, or `.overBudget` when the search needed more
    /// steps than `budget` allows for a field of this length.
    func search(_ text: String, budget: PatternBudget = .normal) -> Outcome {
        let units = text.utf16.count
        let allowed = budget.progressReports(forUnits: units)
        var found: [NSRange] = []
        var reports = 0, over = false, failed = false
        regex.enumerateMatches(in: text, options: [.reportProgress, .reportCompletion],
                               range: NSRange(location: 0, length: units)) { result, flags, stop in
            if let result {
                let range = hasValueGroup ? result.range(withName: "value") : result.range
                if range.location != NSNotFound && range.length > 0 { found.append(range) }
            }
            if flags.contains(.completed) && flags.contains(.internalError) { failed = true }
            reports += 1
            if reports > allowed {
                over = true
                stop.pointee = true
            }
        }
        if over || failed { return .overBudget }
        return .matches(found.compactMap { Self.utf8Range($0, in: text) })
    }

    private static func utf8Range(_ range: NSRange, in text: String) -> Range<Int>? {
        guard let r = Range(range, in: text) else { return nil }
        let utf8 = text.utf8
        let lower = utf8.distance(from: utf8.startIndex, to: r.lowerBound)
        return lower..<(lower + utf8.distance(from: r.lowerBound, to: r.upperBound))
    }
}
