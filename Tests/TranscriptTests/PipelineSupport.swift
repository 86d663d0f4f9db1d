import Foundation
import Testing
@testable import Transcript

/// A directory under the system temporary directory, removed on deinit.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("noc-report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }
}

/// The whole first and second pass over some files: scanner → catalog → loader → replay.
struct PipelineResult {
    var scans: [ExportScanner.Result]
    var catalog: Catalog
    var inputs: [SessionInput]
    var loadProblems: [Problem]
    var transcripts: [Transcript]

    /// The transcript JSON Lines of every session, in catalog order.
    var jsonLines: [UInt8] { transcripts.flatMap { TranscriptJSON.encode($0) } }
}

/// Runs the pipeline over files given as (display name, bytes); the files are
/// written to a temporary directory and read back through `InputFile`.
func pipeline(_ files: [(String, [UInt8])]) throws -> PipelineResult {
    let dir = try TempDir()
    var inputs: [InputFile] = []
    for (i, (name, bytes)) in files.enumerated() {
        let path = try dir.write("\(i)-" + name, bytes)
        inputs.append(try InputFile.open(path: path, displayName: name))
    }
    var scans: [ExportScanner.Result] = []
    var refs: [DocumentRef] = []
    for (i, file) in inputs.enumerated() {
        let result = ExportScanner().scan(file, fileIndex: i)
        scans.append(result)
        refs.append(contentsOf: result.documents)
    }
    let catalog = Catalog(documents: refs)
    let loader = DocumentLoader(files: inputs)
    var loaded: [SessionInput] = []
    var problems: [Problem] = []
    for item in catalog.items {
        switch loader.load(item) {
        case .success(let input): loaded.append(input)
        case .failure(let problem): problems.append(problem)
        }
    }
    return PipelineResult(scans: scans, catalog: catalog, inputs: loaded, loadProblems: problems,
                          transcripts: loaded.map(Replay.run))
}

func pipeline(_ name: String, _ text: String) throws -> PipelineResult {
    try pipeline([(name, Array(text.utf8))])
}
