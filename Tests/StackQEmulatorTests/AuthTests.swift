import AsyncHTTPClient
import Crypto
import Foundation
import StackQ
import StackQTesting
import StackQEmulator
import Synchronization
import Testing
import _CryptoExtras
import NIOHTTP1

/// A clock the test moves by hand.
final class ManualClock: EmulatorClock {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// A service account key made for the test, and assertions signed with it.
struct TestServiceAccount {
    static let email = "sa@demo.iam.gserviceaccount.com"
    let key: _RSA.Signing.PrivateKey

    init() throws {
        key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    var configuration: ServiceAccountKey {
        ServiceAccountKey(clientEmail: TestServiceAccount.email, publicKeyPEM: key.publicKey.pemRepresentation)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    func assertion(issuer: String = TestServiceAccount.email, audience: String = "https://oauth2.googleapis.com/token",
                   issuedAt: Date, lifetime: TimeInterval = 3600, scope: String? = "https://www.googleapis.com/auth/cloud-platform",
                   signer: _RSA.Signing.PrivateKey? = nil) throws -> String {
        var claims: [(key: String, value: JSONValue)] = [
            ("iss", .string(issuer)), ("aud", .string(audience)),
            ("iat", .number(issuedAt.timeIntervalSince1970.rounded())),
            ("exp", .number((issuedAt.timeIntervalSince1970 + lifetime).rounded())),
        ]
        if let scope { claims.append(("scope", .string(scope))) }
        let header = JSONValue.object([("alg", .string("RS256")), ("typ", .string("JWT"))]).serialized()
        let input = TestServiceAccount.base64URL(Data(header.utf8)) + "." + TestServiceAccount.base64URL(Data(JSONValue.object(claims).serialized().utf8))
        let signature = try (signer ?? key).signature(for: SHA256.hash(data: Data(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + TestServiceAccount.base64URL(signature.rawRepresentation)
    }
}

extension EmulatorHarness {
    func exchange(_ form: String) async throws -> TestResponse {
        try await request(.POST, "/token", token: nil, body: form, contentType: "application/x-www-form-urlencoded")
    }

    static func jwtForm(_ assertion: String) -> String {
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=\(assertion)"
    }
}

@Suite struct AuthTests {
    @Test func requestWithoutAuthorizationIsUnauthenticated() async throws {
        try await EmulatorHarness.with { emulator in
            let response = try await emulator.get(Kind.sessions.path, token: nil)
            #expect(response.status == 401)
            #expect(response.json["error"]?["code"] == .number(401))
            #expect(response.errorStatus == "UNAUTHENTICATED")
        }
    }

    @Test(arguments: Kind.all)
    func unknownTokenIsUnauthenticated(kind: Kind) async throws {
        try await EmulatorHarness.with { emulator in
            let response = try await emulator.get(kind.path, token: "not-a-token")
            #expect(response.status == 401)
            #expect(response.errorStatus == "UNAUTHENTICATED")
            #expect(!response.text.contains("not-a-token"))
        }
    }

    @Test func signedServiceAccountAssertionIsExchangedForAWorkingToken() async throws {
        let account = try TestServiceAccount()
        let clock = ManualClock()
        try await EmulatorHarness.with({ $0.serviceAccounts = [account.configuration]; $0.clock = clock; $0.operationPolls = 0 }) { emulator in
            let response = try await emulator.exchange(EmulatorHarness.jwtForm(try account.assertion(issuedAt: clock.now())))
            #expect(response.status == 200)
            #expect(response.json["token_type"] == .string("Bearer"))
            #expect(response.json["expires_in"] == .number(3600))
            let token = try #require(response.json["access_token"]?.stringValue)
            #expect(try await emulator.get(Kind.sessions.path, token: token).status == 200)
            let created = try await emulator.request(.POST, "\(Kind.sessions.path)?sessionId=by-sa", token: token, body: "{}")
            #expect(created.json["response"]?["creator"] == .string(TestServiceAccount.email))
        }
    }

    @Test func assertionAddressedToTheEmulatorsOwnTokenURLIsAccepted() async throws {
        let account = try TestServiceAccount()
        let clock = ManualClock()
        try await EmulatorHarness.with({ $0.serviceAccounts = [account.configuration]; $0.clock = clock }) { emulator in
            let audience = emulator.baseURL.absoluteString + "/token"
            let response = try await emulator.exchange(EmulatorHarness.jwtForm(try account.assertion(audience: audience, issuedAt: clock.now())))
            #expect(response.status == 200)
        }
    }

    @Test(arguments: ["wrong-signer", "unknown-issuer", "wrong-audience", "expired", "too-long", "future", "no-scope", "garbage"])
    func invalidAssertionIsRefusedAsInvalidGrant(defect: String) async throws {
        let account = try TestServiceAccount()
        let clock = ManualClock()
        let now = clock.now()
        let assertion: String
        switch defect {
        case "wrong-signer": assertion = try account.assertion(issuedAt: now, signer: try _RSA.Signing.PrivateKey(keySize: .bits2048))
        case "unknown-issuer": assertion = try account.assertion(issuer: "other@x.iam.gserviceaccount.com", issuedAt: now)
        case "wrong-audience": assertion = try account.assertion(audience: "https://example.com/token", issuedAt: now)
        case "expired": assertion = try account.assertion(issuedAt: now.addingTimeInterval(-7200))
        case "too-long": assertion = try account.assertion(issuedAt: now, lifetime: 7200)
        case "future": assertion = try account.assertion(issuedAt: now.addingTimeInterval(3600))
        case "no-scope": assertion = try account.assertion(issuedAt: now, scope: nil)
        default: assertion = "a.b.c"
        }
        try await EmulatorHarness.with({ $0.serviceAccounts = [account.configuration]; $0.clock = clock }) { emulator in
            let response = try await emulator.exchange(EmulatorHarness.jwtForm(assertion))
            #expect(response.status == 400)
            #expect(response.json["error"] == .string("invalid_grant"))
        }
    }

    @Test func refreshTokenOfAConfiguredUserIsExchangedForAToken() async throws {
        let user = AuthorizedUser(clientID: "cid.apps.googleusercontent.com", clientSecret: "secret", refreshToken: "1//refresh")
        try await EmulatorHarness.with({ $0.authorizedUsers = [user] }) { emulator in
            let response = try await emulator.exchange(
                "grant_type=refresh_token&client_id=cid.apps.googleusercontent.com&client_secret=secret&refresh_token=1%2F%2Frefresh")
            #expect(response.status == 200)
            let token = try #require(response.json["access_token"]?.stringValue)
            #expect(try await emulator.get(Kind.jobs.path, token: token).status == 200)
        }
    }

    @Test(arguments: [("wrong-secret", 401, "invalid_client"), ("wrong-refresh", 400, "invalid_grant"),
                      ("unknown-grant", 400, "unsupported_grant_type")])
    func badRefreshRequestIsRefused(defect: String, status: Int, error: String) async throws {
        let user = AuthorizedUser(clientID: "cid", clientSecret: "secret", refreshToken: "rt")
        let form: String
        switch defect {
        case "wrong-secret": form = "grant_type=refresh_token&client_id=cid&client_secret=nope&refresh_token=rt"
        case "wrong-refresh": form = "grant_type=refresh_token&client_id=cid&client_secret=secret&refresh_token=other"
        default: form = "grant_type=password&username=a&password=b"
        }
        try await EmulatorHarness.with({ $0.authorizedUsers = [user] }) { emulator in
            let response = try await emulator.exchange(form)
            #expect(response.status == status)
            #expect(response.json["error"] == .string(error))
        }
    }

    @Test func issuedTokensExpireAfterTheirLifetime() async throws {
        let user = AuthorizedUser(clientID: "cid", clientSecret: "secret", refreshToken: "rt")
        let clock = ManualClock()
        try await EmulatorHarness.with({ $0.authorizedUsers = [user]; $0.clock = clock; $0.tokenLifetime = .seconds(60) }) { emulator in
            let issued = try await emulator.exchange("grant_type=refresh_token&client_id=cid&client_secret=secret&refresh_token=rt")
            #expect(issued.json["expires_in"] == .number(60))
            let token = try #require(issued.json["access_token"]?.stringValue)
            clock.advance(by: 59)
            #expect(try await emulator.get(Kind.sessions.path, token: token).status == 200)
            clock.advance(by: 2)
            #expect(try await emulator.get(Kind.sessions.path, token: token).status == 401)
        }
    }
}
