@testable import Render

/// Random templates made only of the Mustache the project's engine supports
/// (docs/templates.md), and random contexts for them.
struct RandomTemplates {
    var rng: SeededGenerator
    let html: Bool
    /// Off while writing partials: difference 3 (CRLF inside an indented partial).
    var crlf = true

    /// Names the contexts use; `m` always holds markup (SafeHTML in HTML).
    static let names = ["a", "b", "flag", "list", "obj"]
    static let lookups = ["a", "b", "flag", "list", "obj", "obj.a", "obj.obj.b", "list.a", ".", ".a", "nothere", "m"]
    static let texts = ["x", " ", "  ", "\n", "\t", "<b>&\"'", "é ü", "\r\n", "=", "!", "#", ">"]

    mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &rng)] }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    /// A template that may include the partials `partials`.
    /// `inverted`: directly inside an inverted section, where `.` and
    /// `.name` are left out (difference 4).
    mutating func template(partials: [String], depth: Int = 0, inverted: Bool = false) -> String {
        var out = ""
        for _ in 0..<Int.random(in: 1...5, using: &rng) {
            // Line breaks and indentation around tags exercise the standalone rules.
            out += pick(["", "", "\n", "\n  ", " ", "\n\t"])
            out += piece(partials: partials, depth: depth, inverted: inverted)
        }
        return out + pick(["", "\n", " \n"])
    }

    private mutating func piece(partials: [String], depth: Int, inverted: Bool) -> String {
        let roll = Int.random(in: 0..<100, using: &rng)
        let lookups = inverted ? Self.lookups.filter { !$0.hasPrefix(".") } : Self.lookups
        switch roll {
        case 0..<25: return text()
        case 25..<45: return pick(["{{", "{{ "]) + pick(lookups) + pick(["}}", " }}"])
        case 45..<52:
            // Unescaped tags: in HTML only over markup (difference 1).
            let name = html ? pick(["m", "obj.m"]) : pick(lookups)
            return chance(0.5) ? "{{{\(name)}}}" : "{{& \(name)}}"
        case 52..<72 where depth < 3:
            let name = pick(lookups.filter { $0 != "." && $0 != "m" })
            let kind = chance(0.7) ? "#" : "^"
            let newline = pick(["", "\n", "\n  "])
            let body = template(partials: partials, depth: depth + 1, inverted: kind == "^")
            return "{{\(kind)\(name)}}" + newline + body + newline + "{{/\(name)}}"
        case 72..<80: return "{{! " + pick(["c", "multi\nline", "{ x }"]) + " }}"
        case 80..<90 where !partials.isEmpty: return "{{> " + pick(partials) + "}}"
        default: return text()
        }
    }

    private mutating func text() -> String {
        let t = pick(Self.texts)
        return !crlf && t == "\r\n" ? "\n" : t
    }

    /// A context over `names` (and `m`), nested up to `depth`.
    mutating func context(depth: Int = 0) -> TemplateObject {
        var object: TemplateObject = [:]
        for name in Self.names where chance(0.8) {
            object[TemplateKey(name)] = value(depth: depth)
        }
        if chance(0.7) { object["m"] = markup() }
        return object
    }

    private mutating func markup() -> TemplateValue {
        html ? .html(SafeHTML(trustedUTF8: Array(pick(["<i>m</i>", "a&amp;b", ""]).utf8))) : .markdown(SafeMarkdown(trusted: pick(["*m*", "`x`"])))
    }

    private mutating func value(depth: Int) -> TemplateValue {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<30: return .text(pick(Self.texts + ["", "text"]))
        case 30..<35: return chance(0.5) ? .code(pick(Self.texts)) : .block(pick(Self.texts))
        case 35..<50: return .bool(chance(0.5))
        case 50..<70 where depth < 3:
            return .list((0..<Int.random(in: 0...3, using: &rng)).map { _ in
                chance(0.7) ? .object(context(depth: depth + 1)) : .text(pick(Self.texts))
            })
        case 70..<85 where depth < 3: return .object(context(depth: depth + 1))
        case 85..<92 where depth < 3:
            let inner = value(depth: depth + 1)
            return .field(TemplateKey(pick(Self.names)), inner)
        case 92..<96: return .missing
        default: return .text(pick(Self.texts))
        }
    }
}
