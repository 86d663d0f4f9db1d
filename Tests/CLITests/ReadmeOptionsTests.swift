import Foundation
import Testing

/// The README's options table must list every long option each subcommand's --help prints.
@Suite struct ReadmeOptionsTests {
    static let subcommands = ["render", "transcript", "summary", "validate", "index"]

    /// The lines of the README's options table (rows starting with "| `").
    static func optionsTable() throws -> String {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "| option | commands |") else { throw TestFailure("README has no options table") }
        let rest = readme[start.upperBound...]
        let end = rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    static func longOptions(in help: String) -> Set<String> {
        var found = Set<String>()
        for line in help.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " })
            guard trimmed.hasPrefix("-") else { continue }  // option lines only, not prose
            for word in trimmed.split(whereSeparator: { " ,".contains($0) }) where word.hasPrefix("--") {
                // A wrapped help line may start with "--redact):": keep the name only.
                let name = word.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" })
                if name.count > 2 { found.insert(String(name)) }
            }
        }
        return found
    }

    @Test(arguments: subcommands)
    func everyOptionIsInTheTable(_ sub: String) throws {
        let table = try Self.optionsTable()
        let help = try CLI.run([sub, "--help"])
        #expect(help.code == 0, "\(sub) --help: \(help.err)")
        let options = Self.longOptions(in: help.out)
        #expect(options.contains("--help"), "no options parsed from \(sub) --help")
        for option in options.sorted() {
            #expect(table.contains("`\(option)`") || table.contains("`\(option) "), "README options table lacks \(option) (\(sub))")
        }
    }
}
