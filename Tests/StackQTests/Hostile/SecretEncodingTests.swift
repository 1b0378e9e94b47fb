import _CryptoExtras
import Foundation
import NIOCore
import Synchronization
@testable import StackQ
import StackQTesting
import Testing

/// Issue 32 item 1: a secret echoed in any encoding a server may use — whole or a fragment of 16 bytes or more,
/// split over lines — reaches no error, warning or result cell.
@Suite struct SecretEncodingTests {
    /// A refresh token's shape (slashes, so `\/` and `%2F` differ from it), an access token's, a JWT's.
    static let secrets = [
        "1//0gLrNvJq8XbKcCgYIARAAGBASNwF-L9IrTq3mYxWzu4pD7sV2hEoJfNbQkRcUiAaZyPlM",
        "ya29.a0AfB_byD4k9Qw2Ee7Rr1Tt0Yy8Uu3Ii6Oo5Pp-Aa2Ss4Dd7Ff9Gg1Hh0Jj",
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzYUBwLmlhbS5nc2VydmljZWFjY291bnQuY29tIn0.c2lnbmF0dXJlLWJ5dGVz",
    ]

    /// Every way the issue lists for a server to write `secret`.
    static func encodings(of secret: String) -> [(name: String, text: String)] {
        let bytes = Array(secret.utf8)
        let middle = secret.index(secret.startIndex, offsetBy: secret.count / 2)
        return [
            ("plain", secret),
            ("JSON escaped slashes", secret.replacingOccurrences(of: "/", with: "\\/")),
            ("JSON \\u escapes", bytes.map { String(format: "\\u%04x", $0) }.joined()),
            ("JSON \\u escapes, upper case", bytes.map { String(format: "\\u%04X", $0) }.joined()),
            ("percent-encoded reserved", secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!),
            ("percent-encoded all", bytes.map { String(format: "%%%02x", $0) }.joined()),
            ("HTML decimal", bytes.map { "&#\($0);" }.joined()),
            ("HTML hex", bytes.map { String(format: "&#x%X;", $0) }.joined()),
            ("HTML named", secret.replacingOccurrences(of: "/", with: "&sol;").replacingOccurrences(of: ".", with: "&period;")),
            ("base64", Data(bytes).base64EncodedString()),
            ("base64url", Base64URL.encode(bytes)),
            ("split by a newline", secret[..<middle] + "\n" + secret[middle...]),
            ("split by an escaped CRLF", secret[..<middle] + "\\r\\n" + secret[middle...]),
            ("a 20-byte fragment", String(secret.dropFirst(7).prefix(20))),
            ("a form field", "ASSERTION=" + secret + "&x=1"),
        ]
    }

    /// Whether `text` shows `secret`: any 16-byte window of any of its encodings (or the whole of a shorter one).
    static func shows(_ text: String, _ secret: String) -> Bool {
        for (_, encoded) in encodings(of: secret) {
            let characters = Array(encoded)
            let width = min(16, characters.count)
            for start in 0...(characters.count - width) where text.contains(String(characters[start..<(start + width)])) {
                return true
            }
        }
        return false
    }

    static var cases: [(secret: Int, encoding: String)] {
        secrets.indices.flatMap { index in encodings(of: secrets[index]).map { (index, $0.name) } }
    }

    @Test(arguments: cases)
    func everyEncodingOfARegisteredSecretIsRedacted(_ secret: Int, _ encoding: String) throws {
        let redactor = Redactor()
        redactor.register(Self.secrets[secret])
        let encoded = try #require(Self.encodings(of: Self.secrets[secret]).first { $0.name == encoding }).text
        let text = "HTTP 400: {\"error\":\"the credential \(encoded) is not valid\"}\nnext line"
        let redacted = redactor.redact(text)
        #expect(!Self.shows(redacted, Self.secrets[secret]), "\(redacted)")
        #expect(redacted.contains("<redacted>"))
        #expect(redacted.hasPrefix("HTTP 400: {\"error\":\"the credential ") && redacted.hasSuffix(" is not valid\"}\nnext line"))
        #expect(redactor.redact(redacted) == redacted)
    }

    @Test func textWithoutASecretKeepsItsEncodings() {
        let redactor = Redactor()
        for secret in Self.secrets { redactor.register(secret) }
        let text = "a%2Fb &amp; c\\u003d d\\/e\n&#47; 1//0g ya29. eyJhbGciOiJSUzI \\u0079\\u0061 %zz &#xZZ; \\"
        #expect(redactor.redact(text) == text)
    }

    @Test func aFragmentShorterThanSixteenBytesIsNotASecret() {
        let redactor = Redactor()
        redactor.register(Self.secrets[1])
        let fragment = String(Self.secrets[1].dropFirst(10).prefix(15))
        #expect(redactor.redact("x \(fragment) y") == "x \(fragment) y")
        #expect(redactor.redact("x \(fragment)\(Self.secrets[1].dropFirst(25).prefix(1)) y").contains("<redacted>"))
    }

    @Test func aShortSecretIsFoundWhereverItIsAndOnlyWhole() {
        let redactor = Redactor()
        redactor.register("bench-tok3n")
        let text = "bench-tok3n,bbench-tok3nn,bench-tok3,bench-bench-tok3n,xbench-tok3n"
        #expect(redactor.redact(text) == "<redacted>,b<redacted>n,bench-tok3,bench-<redacted>,x<redacted>")
        // Two in a row are one redaction.
        let body = ByteBuffer(string: #"{"items":[{"token":"bench-tok3nbench-tok3n"},{"v":"bench-tok"}]}"#)
        #expect(String(buffer: redactor.redactSecrets(in: body)) == #"{"items":[{"token":"<redacted>"},{"v":"bench-tok"}]}"#)
    }

    // MARK: Through the engine

    /// Answers the token endpoint with a 400 that echoes the assertion, and API lists with one row per encoding of
    /// the caller's bearer token.
    final class EchoTransport: HTTPTransport {
        /// The assertions the token endpoint received.
        let assertions = Mutex<[String]>([])

        func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
            if request.url.hasSuffix("/token") {
                let form = String(decoding: request.body ?? [], as: UTF8.self)
                let assertion = form.split(separator: "&").first { $0.hasPrefix("assertion=") }
                    .flatMap { String($0.dropFirst("assertion=".count)).removingPercentEncoding } ?? ""
                assertions.withLock { $0.append(assertion) }
                let echoes = SecretEncodingTests.encodings(of: assertion).map(\.text).joined(separator: " | ")
                return HTTPResponse(status: 400, body: ByteBuffer(string: "invalid_grant: assertion \(echoes) refused"))
            }
            let token = String((request.header("Authorization") ?? "").dropFirst("Bearer ".count))
            let rows = SecretEncodingTests.encodings(of: token).enumerated().map { index, encoding in
                let text = encoding.text.replacingOccurrences(of: "\n", with: "\\n")
                return #"{"name":"s\#(index)","state":"\#(text)","labels":{"echo":"\#(text)"}}"#
            }
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")],
                                body: ByteBuffer(string: #"{"sessions":[\#(rows.joined(separator: ","))]}"#))
        }
    }

    func engine(auth: ProviderAuth, environment: [String: String], transport: EchoTransport = EchoTransport()) throws -> Engine {
        try Engine(configuration: EngineConfiguration(
            registryPath: EmulatorHarness.providers.path, auth: AuthConfiguration(providers: ["google": auth]),
            endpointOverrides: ["google": "http://echo.invalid"], retry: RetryPolicy(maximumAttempts: 1),
            transport: transport, environment: environment))
    }

    @Test(arguments: secrets.prefix(2))
    func theCallersTokenReturnedAsDataIsRedactedInEveryCell(_ token: String) async throws {
        let engine = try engine(auth: .bearerEnvironment(variable: "TOKEN"), environment: ["TOKEN": token])
        defer { Task { try? await engine.shutdown() } }
        let result = try #require(try await engine.execute(
            "SELECT name, state, labels, json_extract(labels, '$.echo') AS echo FROM google.dataproc.sessions "
                + "WHERE projectsId = 'p' AND locationsId = 'l' ORDER BY name").last)
        #expect(result.rows.count == Self.encodings(of: token).count)
        let cells = result.rows.flatMap { $0.compactMap(\.textValue) }
        for cell in cells { #expect(!Self.shows(cell, token), "\(cell)") }
        #expect(cells.filter { $0.contains("<redacted>") }.count == 3 * Self.encodings(of: token).count)
    }

    @Test func aSignedAssertionEchoedByTheTokenEndpointIsRedacted() async throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let keyFile = JSONValue.object([
            ("type", .string("service_account")), ("project_id", .string("demo")),
            ("private_key", .string(key.pkcs8PEMRepresentation)),
            ("client_email", .string("sa@demo.iam.gserviceaccount.com")),
            ("token_uri", .string("http://echo.invalid/token")),
        ]).serialized()
        let transport = EchoTransport()
        let engine = try engine(auth: ProviderAuth(source: .credentialsEnvironment(variable: "SA_KEY")), environment: ["SA_KEY": keyFile],
                                transport: transport)
        defer { Task { try? await engine.shutdown() } }
        do {
            _ = try await engine.execute("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'l'")
            Issue.record("the token endpoint refused the assertion")
        } catch {
            let text = "\(error) \(error.localizedDescription)"
            let assertion = try #require(transport.assertions.withLock { $0.first })
            #expect(assertion.count > 300 && text.contains("invalid_grant: assertion <redacted>"), "\(text)")
            #expect(!Self.shows(text, assertion), "\(text)")
        }
    }
}
