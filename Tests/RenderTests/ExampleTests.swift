import Foundation
import Testing
@testable import Render
import Transcript

/// The bundled example export, read through the same pipeline as the
/// executable (scanner → catalog → loader → replay). Set
/// `NOC_EXAMPLES_OUT=/some/dir` to also write the reports and the index
/// there, to look at them in a browser.
@Suite struct ExampleTests {
    static func models(options: RenderOptions = RenderOptions(indexFileName: "index.html")) throws -> [ReportModel] {
        let file = try InputFile.open(path: Paths.examples.path, displayName: "noc-export.json")
        let scan = ExportScanner().scan(file, fileIndex: 0)
        let catalog = Catalog(documents: scan.documents)
        let loader = DocumentLoader(files: [file])
        var models: [ReportModel] = []
        for item in catalog.items {
            guard case .success(let input) = loader.load(item) else { throw TestFailure("cannot load \(item.document.location)") }
            let t = Replay.run(input)
            models.append(ReportBuilder.build(t, name: OutputName.base(for: t.id), options: options))
        }
        return models
    }

    @Test func everyExampleRendersAndPassesTheChecks() throws {
        let models = try Self.models()
        #expect(models.count == 7)
        let renderer = ReportRenderer()
        let out = ProcessInfo.processInfo.environment["NOC_EXAMPLES_OUT"]
        for m in models {
            let html = renderer.html(m)
            let md = renderer.markdown(m)
            try HTMLSafety.check(html, name: m.name)
            if let outline = try MarkdownOutline.parse(md) { try outline.checkReportShape(name: m.name) }
            if let out {
                try html.write(toFile: "\(out)/\(m.name).html", atomically: true, encoding: .utf8)
                try md.write(toFile: "\(out)/\(m.name).md", atomically: true, encoding: .utf8)
            }
        }
        let index = IndexRenderer.render(entries: models.map(IndexEntry.init), context: IndexContext(), templates: .embedded)
        for file in index {
            if file.fileName.hasSuffix(".html") { try HTMLSafety.check(file.contents, name: file.fileName) }
            if let out { try file.contents.write(toFile: "\(out)/\(file.fileName)", atomically: true, encoding: .utf8) }
        }
    }
}
