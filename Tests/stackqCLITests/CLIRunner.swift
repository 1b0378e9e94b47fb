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

    /// Runs the built binary with this repository's providers and this process's registry cache.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Output {
        try run(program: executable, arguments, stdin: stdin, environment: environment)
    }

    /// Runs `program` until it exits, with `environment` over this process's (a nil value unsets a variable;
    /// `STACKQ_REGISTRY` is this repository's providers and `XDG_CACHE_HOME` ``cacheHome`` unless it says
    /// otherwise), in `directory` when given, `stdin` as its standard input. Its output goes to files, not pipes:
    /// a pipe's write end, inherited by a child another test starts meanwhile, would keep the read from ending.
    static func run(program: URL, _ arguments: [String], stdin: String? = nil,
                    environment: [String: String?] = [:], directory: URL? = nil) throws -> Output {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-cli-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in"), out = folder.appendingPathComponent("out"),
            err = folder.appendingPathComponent("err")
        try Data((stdin ?? "").utf8).write(to: input)
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["STACKQ_REGISTRY"] = repositoryRoot.appendingPathComponent("providers").path
        env["XDG_CACHE_HOME"] = cacheHome.path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self),
                      stderr: String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self))
    }
}
