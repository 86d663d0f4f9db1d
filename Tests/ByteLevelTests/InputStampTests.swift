import Foundation
import Testing
@testable import ByteLevel

/// An input file's stamp stands for its bytes between runs only when the
/// file had settled before it was opened and has not changed since.
@Suite("ByteLevel: settled input stamps")
struct InputStampTests {
    @Test func aFileStandsForItsBytesOnlyOnceSettledAndWhileUnchanged() throws {
        let folder = NSTemporaryDirectory() + "stamps-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let settled = folder + "/settled.json", edited = folder + "/edited.json"
        for path in [settled, edited] { try Data("[{\"id\": \"a\"}]".utf8).write(to: URL(fileURLWithPath: path)) }
        let fresh = try InputFile.open(path: settled)
        #expect(fresh.settledStamp == nil, "a file changed a moment ago is vouched for")

        Thread.sleep(forTimeInterval: Double(InputFile.settleSeconds) + 0.3)
        let old = try InputFile.open(path: settled)
        let stamp = try #require(old.settledStamp)
        #expect(stamp.count == 5)
        #expect(try InputFile.open(path: settled).settledStamp == stamp)

        // Written after it was opened (as during its first pass): not vouched for.
        let written = try InputFile.open(path: edited)
        let handle = try #require(FileHandle(forWritingAtPath: edited))
        try handle.write(contentsOf: Data("[{\"id\": \"b\"}]".utf8))
        try handle.close()
        #expect(written.settledStamp == nil)
    }
}
