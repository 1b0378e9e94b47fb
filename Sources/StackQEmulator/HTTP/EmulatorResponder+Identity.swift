import Foundation
import Hummingbird
import StackQ

/// The metadata server's token route and IAM Credentials `generateAccessToken`, as Google serves them.
extension EmulatorResponder {
    static let metadataTokenPath = "/computeMetadata/v1/instance/service-accounts/default/token"
    static let impersonationPrefix = "/v1/projects/-/serviceAccounts/"
    static let impersonationSuffix = ":generateAccessToken"

    /// `GET /computeMetadata/v1/instance/service-accounts/default/token` with `Metadata-Flavor: Google`:
    /// a token for ``EmulatorConfiguration/metadataServiceAccount``.
    func metadataToken(_ request: Request) async -> Response {
        guard let account = configuration.metadataServiceAccount else {
            await store.record(method: "metadata.token", status: 404)
            return EmulatorResponder.text(status: 404, "metadata server is not enabled on this emulator")
        }
        guard request.headers.first(where: { $0.name.canonicalName == "metadata-flavor" })?.value == "Google" else {
            await store.record(method: "metadata.token", status: 403)
            return EmulatorResponder.text(status: 403, "Missing required header \"Metadata-Flavor\": \"Google\"")
        }
        let issued = await store.issueToken(for: account)
        await store.record(method: "metadata.token", status: 200)
        return EmulatorResponder.json(status: 200, JSONValue.object([
            ("access_token", .string(issued.token)),
            ("expires_in", .number(Double(issued.expiresIn))),
            ("token_type", .string("Bearer")),
        ]).bytes)
    }

    /// `POST /v1/projects/-/serviceAccounts/{email}:generateAccessToken`: the caller's token must be valid and
    /// the caller (or the last of the body's `delegates`) must hold Token Creator on the target.
    func generateAccessToken(_ request: Request) async -> Response {
        let path = request.uri.path
        let encoded = path.dropFirst(EmulatorResponder.impersonationPrefix.count).dropLast(EmulatorResponder.impersonationSuffix.count)
        let target = String(encoded).removingPercentEncoding ?? String(encoded)
        do {
            let caller = try await authenticate(request)
            let body = try await EmulatorResponder.body(of: request) ?? .object([])
            var chain = [caller]
            if case .array(let delegates)? = body["delegates"] {
                chain += delegates.compactMap { $0.stringValue?.split(separator: "/").last.map(String.init) }
            }
            chain.append(target)
            for (from, to) in zip(chain, chain.dropFirst()) {
                guard configuration.impersonation[to]?.contains(from) == true else {
                    throw APIError(code: 403, status: "PERMISSION_DENIED",
                                   message: "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist): \(from) cannot impersonate \(to).")
                }
            }
            let issued = await store.issueToken(for: target)
            await store.record(method: "iamcredentials.generateAccessToken", status: 200)
            let expiry = configuration.clock.now().addingTimeInterval(Double(issued.expiresIn))
            return EmulatorResponder.json(status: 200, JSONValue.object([
                ("accessToken", .string(issued.token)),
                ("expireTime", .string(Timestamp.string(expiry))),
            ]).bytes)
        } catch let error as APIError {
            await store.record(method: "iamcredentials.generateAccessToken", status: error.code)
            return EmulatorResponder.json(status: error.code, error.body)
        } catch {
            await store.record(method: "iamcredentials.generateAccessToken", status: 500)
            return EmulatorResponder.json(status: 500, APIError(code: 500, status: "INTERNAL", message: "\(error)").body)
        }
    }

    static func text(status: Int, _ text: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "text/plain; charset=UTF-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
