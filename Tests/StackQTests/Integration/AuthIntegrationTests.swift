import _CryptoExtras
import Foundation
import StackQ
import StackQTesting
import StackQEmulator
import Testing

/// Every credential source against the emulator's token endpoint, metadata route and IAM Credentials, checking
/// which principal the emulator saw, how many tokens were fetched, and that no secret reaches any message.
@Suite struct AuthIntegrationTests {
    static let account = "runner@demo.iam.gserviceaccount.com"
    static let query = "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'"

    /// A service account key pair made for this test, the emulator trusting its public half.
    struct Fixture {
        let harness: EmulatorHarness
        let key: _RSA.Signing.PrivateKey
        let folder: URL

        /// A key file whose `token_uri` is the emulator's (or `tokenURI`).
        func keyFile(key: _RSA.Signing.PrivateKey? = nil, tokenURI: String? = nil, name: String = "sa.json") throws -> URL {
            let url = folder.appendingPathComponent(name)
            try Data(keyJSON(key: key, tokenURI: tokenURI).utf8).write(to: url)
            return url
        }

        func keyJSON(key: _RSA.Signing.PrivateKey? = nil, tokenURI: String? = nil) -> String {
            JSONValue.object([
                ("type", .string("service_account")),
                ("project_id", .string("demo")),
                ("private_key_id", .string("key-1")),
                ("private_key", .string((key ?? self.key).pkcs8PEMRepresentation)),
                ("client_email", .string(AuthIntegrationTests.account)),
                ("token_uri", .string(tokenURI ?? harness.baseURL.absoluteString + "/token")),
            ]).serialized()
        }

        func engine(auth: AuthConfiguration = AuthConfiguration(), environment: [String: String] = [:],
                    concurrency: Int = 16) throws -> Engine {
            var environment = environment
            if environment["HOME"] == nil { environment["HOME"] = folder.path }
            return try Engine(configuration: EngineConfiguration(
                registryPath: EmulatorHarness.providers.path, auth: auth,
                endpointOverrides: ["google": harness.baseURL.absoluteString], concurrency: concurrency,
                retry: RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(1), maximumDelay: .milliseconds(5)),
                environment: environment))
        }

        /// How many API requests the emulator saw from `principal`.
        func calls(by principal: String) async -> Int {
            if case .number(let n)? = await harness.emulator.stats()["principals"]?[principal] { return Int(n) }
            return 0
        }

        func tokenRequests(_ status: String = "200") async -> Int {
            await harness.requests("token")[status] ?? 0
        }
    }

    /// One key pair for the suite (generating RSA keys is slow in debug builds), and a second one it does not trust.
    static let keys: [_RSA.Signing.PrivateKey] = (0..<2).map { _ in
        // A failure to generate a key is a broken test machine, not a test result.
        try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    /// Runs `body` with an emulator trusting the suite's first key and a fresh folder for key files; stops the
    /// emulator and removes the folder afterwards.
    static func withFixture(_ configure: (inout EmulatorConfiguration, _RSA.Signing.PrivateKey) -> Void = { _, _ in },
                            _ body: (Fixture) async throws -> Void) async throws {
        let key = keys[0]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await EmulatorHarness.with({ configuration in
            configuration.serviceAccounts = [ServiceAccountKey(clientEmail: account, publicKeyPEM: key.publicKey.pemRepresentation)]
            configure(&configuration, key)
        }, seed: .standard) { harness in
            try await body(Fixture(harness: harness, key: key, folder: folder))
        }
    }

    /// Runs the query, returning its rows' names, and shuts the engine down.
    static func names(_ engine: Engine, _ sql: String = query) async throws -> [String] {
        defer { Task { try? await engine.shutdown() } }
        let result = try await engine.execute(sql).last
        return result?.rows.compactMap { $0.first?.textValue } ?? []
    }

    /// The message of the error `body` throws.
    static func message(_ body: () async throws -> Void) async -> String {
        do {
            try await body()
            return "(no error)"
        } catch {
            return "\(error)"
        }
    }

    @Test func applicationDefaultCredentialsVariablePointsToAServiceAccountKey() async throws {
        try await Self.withFixture { f in
            let file = try f.keyFile()
            let names = try await Self.names(try f.engine(environment: ["GOOGLE_APPLICATION_CREDENTIALS": file.path]))
            #expect(names.count == 5)
            #expect(await f.calls(by: Self.account) == 1)
            #expect(await f.tokenRequests() == 1)
        }
    }

    @Test func authKeyFilePathAndKeyInAVariable() async throws {
        try await Self.withFixture { f in
            let file = try f.keyFile()
            let byPath = try AuthConfiguration(json: #"{"google":{"type":"service_account","credentialsfilepath":"\#(file.path)"}}"#)
            #expect(try await Self.names(try f.engine(auth: byPath)).count == 5)
            let byVariable = try AuthConfiguration(json: #"{"google":{"type":"service_account","credentialsenvvar":"SA_KEY"}}"#)
            #expect(try await Self.names(try f.engine(auth: byVariable, environment: ["SA_KEY": f.keyJSON()])).count == 5)
            #expect(await f.calls(by: Self.account) == 2)
        }
    }

    @Test func theProviderDocumentsOwnVariableIsHonoured() async throws {
        try await Self.withFixture { f async throws in
            // The bundled google provider says {type: service_account, credentialsenvvar: GOOGLE_CREDENTIALS}.
            #expect(try await Self.names(try f.engine(environment: ["GOOGLE_CREDENTIALS": f.keyJSON()])).count == 5)
            #expect(await f.calls(by: Self.account) == 1)
        }
    }

    @Test func aWrongKeyIsRefusedWithTheEndpointsReason() async throws {
        try await Self.withFixture { f in
            let other = Self.keys[1]
            let file = try f.keyFile(key: other)
            let text = await Self.message { _ = try await Self.names(try f.engine(environment: ["GOOGLE_APPLICATION_CREDENTIALS": file.path])) }
            #expect(text.contains("refused the service account \(Self.account)"))
            #expect(text.contains("invalid_grant: Invalid JWT Signature."))
            #expect(await f.calls(by: Self.account) == 0)
        }
    }

    @Test func aWrongAudienceIsRefused() async throws {
        try await Self.withFixture { f in
            let file = try f.keyFile(tokenURI: f.harness.baseURL.absoluteString + "/token?audience=elsewhere")
            let text = await Self.message { _ = try await Self.names(try f.engine(environment: ["GOOGLE_APPLICATION_CREDENTIALS": file.path])) }
            #expect(text.contains("the aud claim must be the token endpoint URL"))
        }
    }

    @Test func anExpiredAssertionIsRefused() async throws {
        struct Later: EmulatorClock { func now() -> Date { Date().addingTimeInterval(7200) } }
        try await Self.withFixture({ configuration, _ in configuration.clock = Later() }) { f in
            let file = try f.keyFile()
            let text = await Self.message { _ = try await Self.names(try f.engine(environment: ["GOOGLE_APPLICATION_CREDENTIALS": file.path])) }
            #expect(text.contains("Invalid JWT: Token must be a short-lived token"))
        }
    }

    @Test func missingAndUnsupportedCredentialFilesSayWhat() async throws {
        try await Self.withFixture { f in
            let missing = await Self.message { _ = try await Self.names(try f.engine(environment: ["GOOGLE_APPLICATION_CREDENTIALS": "/nonexistent/sa.json"])) }
            #expect(missing.contains("GOOGLE_APPLICATION_CREDENTIALS points to /nonexistent/sa.json: no such file"))
            let external = f.folder.appendingPathComponent("external.json")
            try Data(#"{"type":"external_account","audience":"x"}"#.utf8).write(to: external)
            let unsupported = await Self.message { _ = try await Self.names(try f.engine(environment: ["GOOGLE_APPLICATION_CREDENTIALS": external.path])) }
            #expect(unsupported.contains("external_account are not supported (supported: service_account, authorized_user)"))
        }
    }

    @Test func noCredentialsAtAllListsWhatWasTriedAndHowToFixIt() async throws {
        try await Self.withFixture { f in
            // A metadata host that refuses connections stands for "not on Google Cloud".
            let text = await Self.message { _ = try await Self.names(try f.engine(environment: ["GCE_METADATA_HOST": "127.0.0.1:1"])) }
            #expect(text.contains("no Google credentials found"))
            #expect(text.contains("GOOGLE_APPLICATION_CREDENTIALS (not set)"))
            #expect(text.contains("gcloud auth application-default login"))
            #expect(text.contains("--sandbox"))
        }
    }

    @Test func authorizedUserFileAndGcloudsADCFileUnderHome() async throws {
        try await Self.withFixture({ configuration, _ in
            configuration.authorizedUsers = [AuthorizedUser(clientID: "client-1", clientSecret: "secret-abcdefgh",
                                                            refreshToken: "refresh-abcdefgh", email: "ana@example.com")]
        }) { f in
            let document = JSONValue.object([
                ("type", .string("authorized_user")), ("client_id", .string("client-1")),
                ("client_secret", .string("secret-abcdefgh")), ("refresh_token", .string("refresh-abcdefgh")),
                ("token_uri", .string(f.harness.baseURL.absoluteString + "/token")),
                ("quota_project_id", .string("billing-project")),
            ]).serialized()
            let gcloud = f.folder.appendingPathComponent(".config/gcloud")
            try FileManager.default.createDirectory(at: gcloud, withIntermediateDirectories: true)
            try Data(document.utf8).write(to: gcloud.appendingPathComponent("application_default_credentials.json"))
            #expect(try await Self.names(try f.engine(environment: ["HOME": f.folder.path])).count == 5)
            #expect(await f.calls(by: "ana@example.com") == 1)

            let config = f.folder.appendingPathComponent("cloudsdk")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try Data(document.utf8).write(to: config.appendingPathComponent("application_default_credentials.json"))
            #expect(try await Self.names(try f.engine(environment: ["HOME": "/nonexistent", "CLOUDSDK_CONFIG": config.path])).count == 5)
            #expect(await f.calls(by: "ana@example.com") == 2)
        }
    }

    @Test func bearerTokenFromTheEnvironmentIsTrimmed() async throws {
        try await Self.withFixture { f async throws in
            let auth = AuthConfiguration(providers: ["google": .bearerEnvironment(variable: "TOKEN")])
            #expect(try await Self.names(try f.engine(auth: auth, environment: ["TOKEN": EmulatorHarness.token + "\n"])).count == 5)
        }
    }

    @Test func metadataServerThroughGCEMetadataHost() async throws {
        try await Self.withFixture({ configuration, _ in configuration.metadataServiceAccount = "vm@demo.iam.gserviceaccount.com" }) { f async throws in
            let host = "127.0.0.1:\(f.harness.baseURL.port ?? 0)"
            #expect(try await Self.names(try f.engine(environment: ["GCE_METADATA_HOST": host])).count == 5)
            #expect(await f.calls(by: "vm@demo.iam.gserviceaccount.com") == 1)
            #expect(await f.harness.requests("metadata.token")["200"] == 1)
        }
    }

    @Test func interactiveRunsGcloudPrintAccessToken() async throws {
        try await Self.withFixture { f in
            let bin = f.folder.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let script = bin.appendingPathComponent("gcloud")
            try Data("#!/bin/sh\n[ \"$1 $2\" = \"auth print-access-token\" ] || exit 2\necho \(EmulatorHarness.token)\n".utf8).write(to: script)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
            let auth = try AuthConfiguration(json: #"{"google":{"type":"interactive"}}"#)
            #expect(try await Self.names(try f.engine(auth: auth, environment: ["PATH": bin.path + ":/usr/bin:/bin"])).count == 5)
            let none = await Self.message { _ = try await Self.names(try f.engine(auth: auth, environment: ["PATH": "/nonexistent"])) }
            #expect(none.contains("gcloud is not on the PATH"))
        }
    }

    @Test func impersonationExchangesTheSourceTokenAtIAMCredentials() async throws {
        let target = "reader@demo.iam.gserviceaccount.com"
        try await Self.withFixture({ configuration, _ in configuration.impersonation = [target: [Self.account]] }) { f in
            let file = try f.keyFile()
            var auth = AuthConfiguration(providers: ["google": ProviderAuth(source: .credentialsFile(path: file.path))])
            auth.providers["google"]?.impersonationChain = [target]
            #expect(try await Self.names(try f.engine(auth: auth)).count == 5)
            #expect(await f.calls(by: target) == 1)
            #expect(await f.calls(by: Self.account) == 0)
            #expect(await f.harness.requests("iamcredentials.generateAccessToken")["200"] == 1)

            auth.providers["google"]?.impersonationChain = ["nobody@demo.iam.gserviceaccount.com"]
            let refused = await Self.message { _ = try await Self.names(try f.engine(auth: auth)) }
            #expect(refused.contains("IAM Credentials refused"))
            #expect(refused.contains("PERMISSION_DENIED"))
        }
    }

    @Test func oneTokenRequestForAHundredConcurrentCalls() async throws {
        try await Self.withFixture { f in
            let file = try f.keyFile()
            let ids = (1...100).map { "'s-\($0)'" }.joined(separator: ", ")
            let engine = try f.engine(environment: ["GOOGLE_APPLICATION_CREDENTIALS": file.path], concurrency: 32)
            let names = try await Self.names(engine, "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1' AND sessionsId IN (\(ids), 'etl-1')")
            #expect(names == ["projects/p/locations/us-central1/sessions/etl-1"])
            #expect(await f.tokenRequests() == 1)
            #expect(await f.calls(by: Self.account) == 101)
        }
    }

    @Test func shortLivedTokensAreRefreshedDuringALongStatement() async throws {
        try await Self.withFixture({ configuration, _ in
            configuration.tokenLifetime = .seconds(3)
            configuration.latency = .milliseconds(400)
        }) { f in
            let file = try f.keyFile()
            let ids = (1...10).map { "'s-\($0)'" }.joined(separator: ", ")
            let engine = try f.engine(environment: ["GOOGLE_APPLICATION_CREDENTIALS": file.path], concurrency: 1)
            _ = try await Self.names(engine, "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1' AND sessionsId IN (\(ids))")
            #expect(await f.tokenRequests() >= 2)
            #expect(await f.harness.requests("projects_locations_sessions_get")["404"] == 10)
        }
    }

    @Test func aRejectedTokenIsRefreshedOnceAndTheRequestSentAgain() async throws {
        final class Jump: EmulatorClock, @unchecked Sendable {
            // Written only between statements, while no request is in flight; read by the emulator's actor.
            var offset: TimeInterval = 0
            func now() -> Date { Date().addingTimeInterval(offset) }
        }
        let clock = Jump()
        try await Self.withFixture({ configuration, _ in
            configuration.clock = clock
            configuration.tokenLifetime = .seconds(600)
        }) { f in
            let file = try f.keyFile()
            let engine = try f.engine(environment: ["GOOGLE_APPLICATION_CREDENTIALS": file.path])
            defer { Task { try? await engine.shutdown() } }
            _ = try await engine.execute(Self.query)
            // The emulator's clock moves 15 minutes on: the cached token (600 s) is expired there, not here, while a
            // new assertion is still within its hour.
            clock.offset = 900
            let result = try await engine.execute(Self.query)
            #expect(result.last?.rows.count == 5)
            #expect(await f.harness.requests("projects_locations_sessions_list")["401"] == 1)
            #expect(await f.tokenRequests() == 2)
        }
    }

    @Test func noSecretAppearsInAnyMessageOrDryRun() async throws {
        try await Self.withFixture { f in
            let file = try f.keyFile()
            let engine = try f.engine(environment: ["GOOGLE_APPLICATION_CREDENTIALS": file.path])
            defer { Task { try? await engine.shutdown() } }
            var texts: [String] = []
            _ = try await engine.execute(Self.query)
            texts.append(await Self.message { _ = try await engine.execute("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'missing-location!'") })
            let statuses = await engine.authStatus(providers: ["google"])
            texts.append("\(statuses)")
            #expect(statuses.first?.summary.account == Self.account)
            #expect((statuses.first?.expiresIn ?? 0) > 3000)
            let dry = try Engine(configuration: EngineConfiguration(
                registryPath: EmulatorHarness.providers.path, dryRun: true,
                environment: ["GOOGLE_APPLICATION_CREDENTIALS": file.path]))
            let rows = try await dry.execute(Self.query).last?.rows ?? []
            texts.append("\(rows)")
            #expect("\(rows)".contains("Authorization: Bearer <redacted>"))
            let secrets = [f.key.pkcs8PEMRepresentation, "ya29.emulator."] + f.key.pkcs8PEMRepresentation.split(separator: "\n").dropFirst().prefix(3).map(String.init)
            for text in texts {
                for secret in secrets { #expect(!text.contains(secret), "a secret reached: \(text.prefix(200))") }
            }
        }
    }
}
