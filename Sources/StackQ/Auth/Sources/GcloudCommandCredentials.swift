import Foundation

/// `gcloud auth print-access-token`: the token of gcloud's active account, run again when it is rejected or old.
struct GcloudCommandCredentials: CredentialSource {
    /// gcloud does not say how long the token lives; Google's tokens live an hour, so ask again well before.
    static let assumedLifetime: TimeInterval = 45 * 60

    let executable: String
    let environment: [String: String]

    /// Finds `gcloud` on the `PATH` of `environment`.
    init(environment: [String: String]) throws {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        guard let found = path.split(separator: ":").map({ "\($0)/gcloud" })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw AuthError(message: "auth type interactive runs `gcloud auth print-access-token`, but gcloud is not on the PATH; install the Google Cloud SDK or use another auth type")
        }
        self.executable = found
        self.environment = environment
    }

    var summary: CredentialSummary {
        CredentialSummary(source: "gcloud auth print-access-token (\(executable))", account: "gcloud's active account")
    }

    func fetchToken(_ client: TokenClient) async throws -> AccessToken {
        let (status, output, errors) = try await run()
        let token = output.trimmingWhitespace()
        guard status == 0, !token.isEmpty, !token.contains(where: \.isWhitespace) else {
            let reason = errors.trimmingWhitespace()
            throw AuthError(message: client.redactor.redact("`gcloud auth print-access-token` failed (exit \(status))\(reason.isEmpty ? "" : ": " + reason); run `gcloud auth login` first"))
        }
        client.redactor.register(token)
        return AccessToken(value: token, expiresAt: Date().addingTimeInterval(GcloudCommandCredentials.assumedLifetime))
    }

    /// Runs the command off the concurrency pool's threads (waiting on a process blocks).
    func run() async throws -> (Int32, String, String) {
        let executable = self.executable
        let environment = self.environment
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = ["auth", "print-access-token"]
                process.environment = environment
                let out = Pipe(), err = Pipe()
                process.standardOutput = out
                process.standardError = err
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: AuthError(message: "cannot run \(executable): \(error.localizedDescription)"))
                    return
                }
                let output = out.fileHandleForReading.readDataToEndOfFile()
                let errors = err.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, String(decoding: output, as: UTF8.self),
                                                String(decoding: errors.prefix(2000), as: UTF8.self)))
            }
        }
    }
}
