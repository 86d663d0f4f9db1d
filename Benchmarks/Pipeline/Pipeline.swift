import Benchmark
import Foundation
import Render
import Transcript

/// One typical session (the example export's largest document) through each
/// stage, and the JSON parser candidates on the same bytes.
/// Run with `make microbench`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(2), maxIterations: 1_000)
    let fixture = Fixture.load()

    Benchmark("parse: JSONTape (ours)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try JSONTape.parse(fixture.bytes))
        }
    }
    Benchmark("parse: Foundation JSONSerialization") { benchmark in
        let data = Data(fixture.bytes)
        for _ in benchmark.scaledIterations {
            blackHole(try JSONSerialization.jsonObject(with: data))
        }
    }
    Benchmark("parse: Foundation JSONDecoder (Codable model)") { benchmark in
        let data = Data(fixture.bytes)
        for _ in benchmark.scaledIterations {
            blackHole(try JSONDecoder().decode(CodableSession.self, from: data))
        }
    }
    Benchmark("replay (parse + event data + rules)") { benchmark in
        for _ in benchmark.scaledIterations {
            let tape = try JSONTape.parse(fixture.bytes)
            blackHole(Replay.run(SessionInput(document: tape.root, kind: .session, source: fixture.source)))
        }
    }
    Benchmark("transcript JSON (encode)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(TranscriptJSON.encode(fixture.transcript))
        }
    }
    Benchmark("report model") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ReportBuilder.build(fixture.transcript, name: "x", options: RenderOptions()))
        }
    }
    Benchmark("render Markdown + HTML") { benchmark in
        let model = ReportBuilder.build(fixture.transcript, name: "x", options: RenderOptions())
        let renderer = ReportRenderer()
        for _ in benchmark.scaledIterations {
            blackHole(renderer.files(model, markdown: true, html: true))
        }
    }
}

struct Fixture {
    let bytes: [UInt8]
    let source: SourceLocation
    let transcript: Transcript

    /// The largest document of `NOC_BENCH_DOC` (a JSON array or one
    /// document), by default of examples/noc-export.json.
    static func load() -> Fixture {
        let path = ProcessInfo.processInfo.environment["NOC_BENCH_DOC"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("examples/noc-export.json").path
        guard let data = FileManager.default.contents(atPath: path),
              let tape = try? JSONTape.parse(Array(data)) else { fatalError("cannot read \(path)") }
        var bytes: [UInt8] = []
        let documents = tape.root.isArray ? Array(tape.root.elements) : [tape.root]
        for doc in documents {
            var out: [UInt8] = []
            doc.writeCompact(to: &out)
            if out.count > bytes.count { bytes = out }
        }
        let source = SourceLocation(file: path, documentIndex: 0, byteOffset: 0)
        guard let document = try? JSONTape.parse(bytes).root else { fatalError("cannot parse the fixture") }
        return Fixture(bytes: bytes, source: source,
                       transcript: Replay.run(SessionInput(document: document, kind: .session, source: source)))
    }
}

/// What a Codable-first implementation would decode (the fields the replay reads).
struct CodableSession: Decodable {
    struct Event: Decodable {
        let event: String
        let data: String?
        let turn: Int?
    }
    let id: String
    let status: String?
    let alert_text: String?
    let created_at: String?
    let event_log: [Event]?
}
