import Foundation

/// A Google credentials JSON document: a service-account key or an `authorized_user` file (gcloud's ADC file).
enum CredentialsFile {
    /// Reads the JSON of a credentials document into a source; `origin` says where it came from, for messages
    /// (`GOOGLE_APPLICATION_CREDENTIALS points to /x/sa.json`).
    static func source(json text: [UInt8], origin: String, auth: ProviderAuth, redactor: Redactor) throws -> any CredentialSource {
        guard let json = try? JSONValue(parsing: text), case .object = json else {
            throw AuthError(message: "\(origin): not a JSON credentials document (expected a service account key or an authorized_user file)")
        }
        let type = json["type"]?.stringValue ?? ""
        switch type {
        case "service_account":
            func field(_ name: String) throws -> String {
                guard let value = json[name]?.stringValue, !value.isEmpty else {
                    throw AuthError(message: "\(origin): the service account key has no \(name)")
                }
                return value
            }
            let key = try field("private_key")
            redactor.register(key)
            return try ServiceAccountCredentials(
                clientEmail: try field("client_email"), privateKeyPEM: key,
                privateKeyID: json["private_key_id"]?.stringValue,
                tokenURL: json["token_uri"]?.stringValue ?? ServiceAccountCredentials.googleTokenURL,
                scopes: auth.scopes, subject: auth.subject,
                quotaProject: auth.quotaProject ?? json["quota_project_id"]?.stringValue, origin: origin)
        case "authorized_user":
            guard let clientID = json["client_id"]?.stringValue, let secret = json["client_secret"]?.stringValue,
                  let refresh = json["refresh_token"]?.stringValue, !refresh.isEmpty else {
                throw AuthError(message: "\(origin): the authorized_user file needs client_id, client_secret and refresh_token")
            }
            redactor.register(secret)
            redactor.register(refresh)
            return AuthorizedUserCredentials(
                clientID: clientID, clientSecret: secret, refreshToken: refresh,
                tokenURL: json["token_uri"]?.stringValue ?? AuthorizedUserCredentials.googleTokenURL,
                account: json["account"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
                quotaProject: auth.quotaProject ?? json["quota_project_id"]?.stringValue, origin: origin)
        case "":
            throw AuthError(message: "\(origin): the credentials document has no \"type\" (supported: service_account, authorized_user)")
        default:
            throw AuthError(message: "\(origin): credentials of type \(type) are not supported (supported: service_account, authorized_user); for workload identity federation, exchange the token yourself and use --auth '{\"google\":{\"type\":\"bearer\",\"credentialsenvvar\":\"VAR\"}}'")
        }
    }

    /// The largest credentials file read: a service-account key is about 2 KB.
    static let maximumBytes = 1 << 20

    /// Reads a credentials file from disk (at most ``maximumBytes``).
    static func source(path: String, origin: String, auth: ProviderAuth, redactor: Redactor) throws -> any CredentialSource {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path, limit: maximumBytes, what: "a credentials file")
        } catch let failure as BoundedFile.Failure {
            throw AuthError(message: "\(origin): \(failure.reason)")
        }
        return try source(json: bytes, origin: origin, auth: auth, redactor: redactor)
    }
}
