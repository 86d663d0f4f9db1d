import Render
import Transcript

/// libFuzzer entry point: one input file's bytes through the whole pipeline,
/// as `noc-report render` runs it (first pass, catalogue, second pass,
/// replay, transcript JSON, report model, Markdown and HTML, index), and as
/// `noc-report validate` does. A crash, a trap or a hang anywhere in there
/// is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    FuzzPipeline.run(bytes)
    return 0
}

enum FuzzPipeline {
    static let renderer = ReportRenderer(templates: .embedded)
    static let options = RenderOptions(timeZone: DisplayTimeZone(offsetSeconds: 36000), maxTableRows: 3,
                                       stamp: nil, indexFileName: "index.html")

    static func run(_ bytes: [UInt8]) {
        let file = InputFile.inMemory(bytes, displayName: "fuzz.json")
        // Small limits keep each execution fast; the code paths are the same.
        let scan = ExportScanner(maxDocumentSize: 1 << 20, maxDepth: 64).scan(file, fileIndex: 0)
        let catalog = Catalog(documents: scan.documents)
        let loader = DocumentLoader(files: [file], maxDepth: 64)
        var entries: [IndexEntry] = []
        for item in catalog.items {
            guard case .success(let input) = loader.load(item) else { continue }
            let transcript = Replay.run(input)
            _ = TranscriptJSON.encode(transcript)
            let model = ReportBuilder.build(transcript, name: "fuzz", options: options)
            _ = renderer.markdown(model)
            _ = renderer.html(model)
            entries.append(IndexEntry(model))
        }
        _ = IndexRenderer.render(entries: entries, context: IndexContext(), templates: .embedded)

        let validator = Validator(files: [file], documents: scan.documents, readerProblems: scan.problems, maxDepth: 64)
        for i in scan.documents.indices {
            for problem in validator.problems(forDocument: i) { _ = (problem.description, problem.jsonLine) }
        }
    }
}
