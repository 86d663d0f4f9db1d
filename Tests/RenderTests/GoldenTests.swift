import Foundation
import Testing
@testable import Render
import Transcript

@Suite struct GoldenTests {
    @Test(arguments: Cases.names)
    func reportsMatchTheirGoldenFiles(_ name: String) throws {
        let model = try Cases.model(name)
        let renderer = ReportRenderer(templates: .embedded)
        try Golden.check(renderer.markdown(model), "\(name).md")
        try Golden.check(renderer.html(model), "\(name).html")
    }

    @Test func theIndexMatchesItsGoldenFiles() throws {
        let entries = try Cases.indexed.map { IndexEntry(try Cases.model($0)) }
        let context = IndexContext(title: "NOC investigations", runNotes: ["1 duplicate dropped", "2 documents skipped"],
                                   pageSize: 4)
        let files = IndexRenderer.render(entries: entries, context: context, templates: .embedded)
        #expect(files.map(\.fileName) == ["index.md", "index.html", "index-2.md", "index-2.html"])
        for file in files { try Golden.check(file.contents, file.fileName) }
    }

    @Test func renderingTwiceGivesTheSameBytes() throws {
        for name in Cases.names {
            let a = try Cases.model(name), b = try Cases.model(name)
            let renderer = ReportRenderer()
            #expect(renderer.html(a) == renderer.html(b))
            #expect(renderer.markdown(a) == renderer.markdown(b))
        }
    }
}

/// A report written in both formats (one context, `.dual` values) is the
/// same as each format written alone (the path the golden files check).
@Suite struct BothFormatsTests {
    @Test(arguments: Cases.names)
    func bothAtOnceEqualsEachAlone(_ name: String) throws {
        let model = try Cases.model(name)
        let renderer = ReportRenderer()
        let both = renderer.files(model, markdown: true, html: true)
        #expect(both.markdown.map { String(decoding: $0, as: UTF8.self) } == renderer.markdown(model))
        #expect(both.html.map { String(decoding: $0, as: UTF8.self) } == renderer.html(model))
        #expect(renderer.files(model, markdown: true, html: false).html == nil)
    }
}
