import _CryptoExtras
import Foundation
import StackQ
import StackQEmulator
import StackQTesting
import Testing

/// Service-account credentials through the binary, and no secret in anything it prints.
@Suite struct AuthCommandTests {
    static let account = "cli@demo.iam.gserviceaccount.com"

    @Test func noTokenOrKeyReachesStdoutOrStderr() async throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let other = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        try await EmulatorHarness.with({ $0.serviceAccounts = [ServiceAccountKey(clientEmail: Self.account, publicKeyPEM: key.publicKey.pemRepresentation)] },
                                       seed: .standard) { harness in
            try await Self.check(key: key, other: other, url: harness.baseURL)
        }
    }

    /// Runs the binary with good and bad keys against the emulator at `url` and looks for secrets in its output.
    static func check(key: _RSA.Signing.PrivateKey, other: _RSA.Signing.PrivateKey, url: URL) async throws {

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-cli-auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func keyFile(_ name: String, _ key: _RSA.Signing.PrivateKey) throws -> String {
            let file = folder.appendingPathComponent(name)
            try Data(JSONValue.object([
                ("type", .string("service_account")), ("private_key", .string(key.pkcs8PEMRepresentation)),
                ("client_email", .string(Self.account)), ("token_uri", .string(url.absoluteString + "/token")),
            ]).serialized().utf8).write(to: file)
            return file.path
        }
        let good = try keyFile("good.json", key)
        let bad = try keyFile("bad.json", other)
        let query = "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'"
        let endpoint = ["--endpoint", "google=\(url.absoluteString)"]
        var outputs: [CLIRunner.Output] = []
        func run(_ arguments: [String], _ environment: [String: String] = [:]) async throws -> CLIRunner.Output {
            let output = try await CLIRunner.runOffPool(arguments, environment: environment)
            outputs.append(output)
            return output
        }

        let selected = try await run(["-o", "csv", "-e", query, "--auth", #"{"google":{"type":"service_account","credentialsfilepath":"\#(good)"}}"#] + endpoint)
        #expect(selected.status == 0, "\(selected.stderr)")
        #expect(selected.stdout.split(separator: "\n").count == 6)
        let adc = try await run(["-o", "csv", "-e", query] + endpoint, ["GOOGLE_APPLICATION_CREDENTIALS": good])
        #expect(adc.status == 0)
        let dry = try await run(["--dry-run", "-o", "json", "-e", query] + endpoint, ["GOOGLE_APPLICATION_CREDENTIALS": good])
        #expect(dry.stdout.contains("Authorization: Bearer <redacted>"))
        let status = try await run(["auth", "status", "google", "-o", "csv"] + endpoint, ["GOOGLE_APPLICATION_CREDENTIALS": good])
        #expect(status.status == 0)
        #expect(status.stdout.contains(Self.account))
        let refused = try await run(["-e", query] + endpoint, ["GOOGLE_APPLICATION_CREDENTIALS": bad])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("invalid_grant: Invalid JWT Signature."))
        let failing = try await run(["-e", "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'bad location'"] + endpoint,
                                    ["GOOGLE_APPLICATION_CREDENTIALS": good])
        #expect(failing.status == 1)

        let pemLines = (key.pkcs8PEMRepresentation + other.pkcs8PEMRepresentation).split(separator: "\n")
            .filter { !$0.hasPrefix("-----") }.map(String.init)
        for output in outputs {
            for text in [output.stdout, output.stderr] {
                #expect(!text.contains("ya29.emulator."), "a token reached the output: \(text.prefix(300))")
                #expect(!text.contains("PRIVATE KEY"), "a key reached the output")
                #expect(!pemLines.contains { text.contains($0) }, "a line of a key reached the output")
            }
        }
    }
}
