import Foundation

// Shared by RenderTests and CLITests (a symbolic link in CLITests).

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Runs a program found on PATH; nil when it is not installed.
func runTool(_ name: String, _ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String)? {
    guard let path = which(name) else { return nil }
    return try runProcess(path, arguments, stdin: stdin.map { Data($0.utf8) })
}

/// Runs `path` with `arguments`, feeding it `stdin`; its exit status and output.
/// Standard error goes to a file, so a child writing much of it cannot block
/// on a full pipe while this thread reads standard output.
func runProcess(_ path: String, _ arguments: [String], stdin: Data? = nil,
                in directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("noc-stderr-\(UUID().uuidString)")
    guard FileManager.default.createFile(atPath: errURL.path, contents: nil) else { throw TestFailure("cannot create \(errURL.path)") }
    defer { try? FileManager.default.removeItem(at: errURL) }
    let errFile = try FileHandle(forWritingTo: errURL)
    let out = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = errFile
    process.standardInput = input
    try process.run()
    try errFile.close()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errData = try Data(contentsOf: errURL)
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}
