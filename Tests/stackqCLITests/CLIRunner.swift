import Foundation

/// Runs the built `stackq` binary (next to this test bundle) and captures what it writes.
struct CLIRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `stackq` executable in the build folder the tests run from.
    static var executable: URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // The test binary may sit inside a bundle folder (`stackqPackageTests.xctest/…`).
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("stackq").path),
              directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("stackq")
    }

    /// The repository root (for the bundled providers and examples).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs the binary on a Dispatch thread, so that a server in this test process keeps the Swift
    /// concurrency threads it needs to answer while the binary waits on it.
    static func runOffPool(_ arguments: [String], environment: [String: String] = [:]) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try run(arguments, environment: environment) })
            }
        }
    }

    /// The registry cache of the binaries these tests run: one temporary folder per test process, so the tests
    /// neither read a cache another run left nor fill the user's `~/.cache/stackq`.
    static let cacheHome: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-cli-tests-cache-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["STACKQ_REGISTRY"] = repositoryRoot.appendingPathComponent("providers").path
        env["XDG_CACHE_HOME"] = cacheHome.path
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
