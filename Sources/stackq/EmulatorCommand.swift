import StackQCommandLine
import ArgumentParser
import Crypto
import Dispatch
import Foundation
import StackQ
import StackQEmulator
import _CryptoExtras

/// `stackq emulator`: serve the registry's Google services as a local REST API on 127.0.0.1.
///
/// The first line on stdout is the base URL (`http://127.0.0.1:PORT`); everything else goes to stderr. The server
/// runs until SIGINT or SIGTERM.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local emulator of Google's REST APIs for the registry's services.",
        discussion: """
            Prints the base URL (http://127.0.0.1:PORT) as the first line on stdout, then serves until \
            SIGINT/SIGTERM. Every API request needs "Authorization: Bearer TOKEN" with a --token, or a token \
            from POST /token (a JWT signed by a --service-account key, or a --authorized-user refresh token). \
            GET /_emulator/stats returns request counts per method and status; POST /_emulator/reset clears \
            everything. See examples/emulator.md.
            """)

    @Option(name: .long, help: "TCP port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 0

    @OptionGroup var registryOption: RegistryOption
    /// `--registry`.
    var registry: String? { registryOption.path }

    @Option(name: .long, help: "A service to serve, as provider.service (repeatable; default: every google service).")
    var service: [String] = []

    @Option(name: .long, help: "A seed file: {\"resources\": {\"<collection path>\": [ {resource}, … ]}}.")
    var seed: String?

    @Option(name: .long, help: "Generate resources: sessions=N,jobs=N,projects=N,locations=N.")
    var generate: String?

    @Option(name: .long, help: "A static bearer token to accept (repeatable).")
    var token: [String] = []

    @Option(name: .long, help: "Lifetime in seconds of tokens issued by POST /token.")
    var tokenLifetime: Int = 3600

    @Option(name: .long, help: "A service account JSON key file whose signed JWT assertions POST /token accepts (repeatable).")
    var serviceAccount: [String] = []

    @Option(name: .long, help: "An authorized_user JSON file whose refresh token POST /token accepts (repeatable).")
    var authorizedUser: [String] = []

    @Option(name: .long, help: "Items per list page when the request gives no pageSize.")
    var pageSize: Int = 50

    @Option(name: .long, help: "The largest page size served.")
    var maxPageSize: Int = 1000

    @Option(name: .long, help: "Polls of a long-running operation before it completes (0 = at once).")
    var operationPolls: Int = 1

    @Option(name: .long, help: "Latency added to every API request, in milliseconds.")
    var latencyMs: Int = 0

    @Option(name: .long, help: "The latency varies by up to this many milliseconds either way.")
    var jitterMs: Int = 0

    @Option(name: .long, help: "Fraction (0-1) of API requests answered 429 RESOURCE_EXHAUSTED or 503 UNAVAILABLE.")
    var faultRate: Double = 0

    @Option(name: .long, help: "The Retry-After header (seconds) sent with injected faults.")
    var retryAfter: Int = 0

    @Option(name: .long, help: "Fail page N of every list sequence once with 503 (repeatable).")
    var failPage: [Int] = []

    @Flag(name: .long, help: "Make --fail-page fail every time, not once.")
    var failPageAlways = false

    @Option(name: .long, help: "Seed of the random draws (jitter, faults, generated ids).")
    var randomSeed: UInt64 = 1

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0-65535") }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1") }
        guard pageSize > 0, maxPageSize >= pageSize else {
            throw ValidationError("--page-size must be positive and at most --max-page-size")
        }
        guard latencyMs >= 0, jitterMs >= 0, operationPolls >= 0, tokenLifetime > 0, retryAfter >= 0 else {
            throw ValidationError("--latency-ms, --jitter-ms, --operation-polls and --retry-after cannot be negative; --token-lifetime must be positive")
        }
        if let generate { _ = try GenerateSpec(parsing: generate) }
    }

    func run() async throws {
        do {
            let emulator = try makeEmulator()
            if let seed { try await emulator.seed(SeedData(contentsOf: URL(fileURLWithPath: seed))) }
            if let generate { await emulator.generate(try GenerateSpec(parsing: generate)) }
            let url = try await emulator.start()
            FileHandle.standardOutput.write(Data((url.absoluteString + "\n").utf8))
            let count = await emulator.resourceCount
            EmulatorCommand.note("serving \(count) resources on \(url.absoluteString) (Ctrl-C to stop)")
            if token.isEmpty && serviceAccount.isEmpty && authorizedUser.isEmpty {
                EmulatorCommand.note("no --token, --service-account or --authorized-user given: every API request will be refused with 401")
            }
            await EmulatorCommand.waitForTerminationSignal()
            await emulator.stop()
            EmulatorCommand.note("stopped")
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func makeEmulator() throws -> Emulator {
        let registry = Registry(root: try RegistryLocator.locate(explicitPath: self.registry))
        var services: [ProviderService] = []
        if service.isEmpty {
            for entry in try registry.provider(named: "google").services {
                services.append(try registry.service(provider: "google", name: entry.name))
            }
        } else {
            for name in service {
                let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
                let (provider, serviceName) = parts.count == 2 ? (parts[0], parts[1]) : ("google", parts[0])
                services.append(try registry.service(provider: provider, name: serviceName))
            }
        }
        var configuration = EmulatorConfiguration(
            port: port, staticTokens: Set(token), tokenLifetime: .seconds(tokenLifetime),
            defaultPageSize: pageSize, maximumPageSize: maxPageSize, operationPolls: operationPolls,
            latency: .milliseconds(latencyMs), latencyJitter: .milliseconds(jitterMs), faultRate: faultRate,
            retryAfterSeconds: retryAfter,
            paginationFaults: failPage.map { PaginationFault(page: $0, always: failPageAlways) },
            randomSeed: randomSeed)
        configuration.serviceAccounts = try serviceAccount.map(EmulatorCommand.serviceAccountKey(file:))
        configuration.authorizedUsers = try authorizedUser.map(EmulatorCommand.authorizedUser(file:))
        return Emulator(services: services, configuration: configuration)
    }

    /// The email and public key of a service account JSON key file (`client_email`, `private_key`).
    static func serviceAccountKey(file: String) throws -> ServiceAccountKey {
        let json = try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: file)))
        guard let email = json["client_email"]?.stringValue, let pem = json["private_key"]?.stringValue else {
            throw ValidationError("\(file) is not a service account key file (client_email and private_key needed)")
        }
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        return ServiceAccountKey(clientEmail: email, publicKeyPEM: key.publicKey.pemRepresentation)
    }

    /// The client and refresh token of an `authorized_user` JSON file.
    static func authorizedUser(file: String) throws -> AuthorizedUser {
        let json = try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: file)))
        guard let id = json["client_id"]?.stringValue, let secret = json["client_secret"]?.stringValue,
              let refresh = json["refresh_token"]?.stringValue
        else {
            throw ValidationError("\(file) is not an authorized_user file (client_id, client_secret and refresh_token needed)")
        }
        return AuthorizedUser(clientID: id, clientSecret: secret, refreshToken: refresh,
                              email: json["account"]?.stringValue ?? "authorized-user@example.com")
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("stackq emulator: \(message)\n".utf8))
    }

    /// Returns when the process receives SIGINT or SIGTERM (which no longer kill it).
    static func waitForTerminationSignal() async {
        let signals = [SIGINT, SIGTERM]
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        let sources = signals.map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
        for await _ in stream { break }
        sources.forEach { $0.cancel() }
    }
}
