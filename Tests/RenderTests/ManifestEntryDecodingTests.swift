import Foundation
import Testing
@testable import Render
import Transcript

/// The strict entry decoder stands in for JSONDecoder on a rerun: on the
/// entries this tool writes it must decode (else the speed is lost), and on
/// anything else it must either give JSONDecoder's answer or step aside.
@Suite struct ManifestEntryDecodingTests {
    static func viaFoundation(_ bytes: [UInt8]) -> ManifestEntry? {
        try? JSONDecoder().decode(ManifestEntry.self, from: Data(bytes))
    }

    static func canonical() throws -> [[UInt8]] {
        let encoder = Manifest.entryEncoder()
        var entries = try ManifestEncodingTests.entries(25)
        entries[3].session.created = nil
        entries[4].session.durationSeconds = 0.1 + 0.2
        entries[5].session.created = Timestamp(seconds: 1_772_236_672.127326)
        entries[6].severity = "P1 — critical"
        entries[7].session.scenario = "tab\there \"q\" \u{0} \u{1F600} é"
        entries[8].session.failedStepKinds = StepErrorKind.allCases
        entries[9].options = [:]
        return try entries.map { Array(try encoder.encode($0)) }
    }

    @Test func decodesEveryEntryThisToolWritesAsJSONDecoderDoes() throws {
        for json in try Self.canonical() {
            let strict = ManifestEntry.strictlyDecoded(json)
            #expect(strict != nil, "the strict decoder refused \(String(decoding: json, as: UTF8.self))")
            #expect(strict == Self.viaFoundation(json))
        }
    }

    /// Edits of an entry's JSON: each gives JSONDecoder's result or nil.
    static let edits: [(String, @Sendable (inout [String: Any]) -> Void)] = [
        ("unknown key", { $0["extra"] = 1 }),
        ("no session", { $0["session"] = nil }),
        ("null session", { $0["session"] = NSNull() }),
        ("null updated", { $0["updated"] = NSNull() }),
        ("no updated", { $0["updated"] = nil }),
        ("number tool", { $0["tool"] = 1 }),
        ("files not an array", { $0["files"] = ["name": "a"] }),
        ("size as a float", { Self.editFile(&$0) { $0["size"] = 12.0 } }),
        ("size as an exponent", { Self.editFile(&$0) { $0["size"] = 1e3 } }),
        ("size negative", { Self.editFile(&$0) { $0["size"] = -5 } }),
        ("size a string", { Self.editFile(&$0) { $0["size"] = "12" } }),
        ("file with an extra key", { Self.editFile(&$0) { $0["mtime"] = 1 } }),
        ("unknown kind", { Self.editSession(&$0) { $0["kind"] = "chat" } }),
        ("unknown category", { Self.editSession(&$0) { $0["category"] = "great" } }),
        ("unknown step kind", { Self.editSession(&$0) { $0["failedStepKinds"] = ["auth", "boom"] } }),
        ("created as a string", { Self.editSession(&$0) { $0["created"] = "2026" } }),
        ("created an integer", { Self.editSession(&$0) { $0["created"] = 1_700_000_000 } }),
        ("null created", { Self.editSession(&$0) { $0["created"] = NSNull() } }),
        ("turns a float", { Self.editSession(&$0) { $0["turns"] = 2.5 } }),
        ("redaction report", { Self.editSession(&$0) { $0["redaction"] = ["entries": [["rule": "email", "summary": "s", "kind": "email", "values": 1, "occurrences": 2]]] } }),
        ("null redaction", { Self.editSession(&$0) { $0["redaction"] = NSNull() } }),
        ("option not a string", { $0["options"] = ["formats": 1] }),
        ("warnings with a number", { $0["warnings"] = ["a", 2] }),
        ("empty warnings", { $0["warnings"] = [String]() }),
    ]

    @Sendable static func editFile(_ d: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        var files = d["files"] as? [[String: Any]] ?? []
        if files.isEmpty { files = [["name": "x.md", "format": "md", "size": 1, "sha256": "00"]] }
        edit(&files[0])
        d["files"] = files
    }

    @Sendable static func editSession(_ d: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        var s = d["session"] as? [String: Any] ?? [:]
        edit(&s)
        d["session"] = s
    }

    @Test func anEditedEntryDecodesAsJSONDecoderDecodesItOrIsLeftToIt() throws {
        for json in try Self.canonical().prefix(6) {
            let base = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
            for (label, edit) in Self.edits {
                var d = base
                edit(&d)
                let bytes = Array(try JSONSerialization.data(withJSONObject: d, options: [.sortedKeys]))
                if let strict = ManifestEntry.strictlyDecoded(bytes) {
                    #expect(strict == Self.viaFoundation(bytes), "\(label): the strict decoder differs from JSONDecoder")
                }
            }
        }
    }

    /// Byte-level edits JSONSerialization cannot make.
    @Test(arguments: [
        ("a duplicate key", #""tool" : "1.0","#, #""tool" : "1.0", "tool" : "2.0","#),
        ("an escaped key", #""tool" : "#, #""to\u006fl" : "#),
        ("a lone surrogate", #""tool" : "1.0""#, #""tool" : "1\ud800""#),
        ("a surrogate pair", #""tool" : "1.0""#, #""tool" : "\ud83d\ude00""#),
        ("a control escape", #""tool" : "1.0""#, #""tool" : "1\u0007""#),
        ("a huge number", #""turns" : "#, #""turns" : 1e400, "x" : "#),
        ("a minus zero", #""warningCount" : 0"#, #""warningCount" : -0"#),
        ("a trailing comma", #""tool" : "1.0""#, #""tool" : "1.0","#),
    ])
    func aRawEditDecodesAsJSONDecoderDecodesItOrIsLeftToIt(label: String, find: String, replace: String) throws {
        var any = false
        for json in try Self.canonical() {
            let text = String(decoding: json, as: UTF8.self)
            guard let r = text.range(of: find) else { continue }
            any = true
            let bytes = Array(text.replacingCharacters(in: r, with: replace).utf8)
            if let strict = ManifestEntry.strictlyDecoded(bytes) {
                #expect(strict == Self.viaFoundation(bytes), "\(label): the strict decoder differs from JSONDecoder")
            }
        }
        #expect(any, "\(label): no entry holds \(find)")
    }

    @Test func invalidUTF8IsLeftToJSONDecoder() throws {
        var json = try #require(try Self.canonical().first)
        let quote = try #require(json.firstIndex(of: UInt8(ascii: "\"")))
        json.insert(0xFF, at: quote + 2)
        #expect(ManifestEntry.strictlyDecoded(json) == nil)
    }
}
