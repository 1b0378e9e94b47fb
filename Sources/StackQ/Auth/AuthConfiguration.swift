import Foundation

/// Per-provider credentials, in StackQL's `--auth` JSON shape:
///
/// ```json
/// {"google":   {"type": "service_account", "credentialsfilepath": "/keys/sa.json",
///               "scopes": ["https://www.googleapis.com/auth/cloud-platform"], "quota_project": "billing-proj",
///               "impersonate_service_account": "reader@p.iam.gserviceaccount.com"},
///  "homebrew": {"type": "null_auth"}}
/// ```
///
/// A provider that is not named here uses its provider document's `config.auth` when that names a variable that
/// is set, and otherwise — for Google — Application Default Credentials (``ProviderAuth/Source/applicationDefault``).
public struct AuthConfiguration: Sendable, Hashable {
    /// Credentials by provider name.
    public var providers: [String: ProviderAuth]

    /// Credentials for the providers named; an empty map leaves every provider to its document's `config.auth` or,
    /// for Google, Application Default Credentials.
    public init(providers: [String: ProviderAuth] = [:]) {
        self.providers = providers
    }

    /// Parses the `--auth` JSON.
    /// - Throws: ``AuthError`` naming the provider and the key that is wrong.
    public init(json: String) throws {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: json)
        } catch {
            throw AuthError(message: "--auth is not valid JSON: \(error)")
        }
        guard case .object(let members) = value else {
            throw AuthError(message: "--auth must be a JSON object keyed by provider, e.g. {\"google\": {\"type\": \"service_account\", \"credentialsfilepath\": \"/path/key.json\"}}")
        }
        var providers: [String: ProviderAuth] = [:]
        for (provider, entry) in members {
            providers[provider] = try ProviderAuth(json: entry, context: "--auth for \(provider)")
        }
        self.providers = providers
    }
}

/// How one provider authenticates: where its credential comes from, and the options every Google source takes.
public struct ProviderAuth: Sendable, Hashable {
    /// Where the credential comes from.
    public enum Source: Sendable, Hashable {
        /// Google's Application Default Credentials: `GOOGLE_APPLICATION_CREDENTIALS`, then gcloud's ADC file,
        /// then the metadata server.
        case applicationDefault
        /// A service-account key file (or an `authorized_user` file) at a path.
        case credentialsFile(path: String)
        /// An environment variable holding the key file's JSON itself (StackQL's `credentialsenvvar` for
        /// `service_account`).
        case credentialsEnvironment(variable: String)
        /// `Authorization: Bearer <token>`, the token read from an environment variable.
        case bearerEnvironment(variable: String)
        /// `Authorization: Basic <value>`, the value (base64 of `user:secret`) read from an environment variable.
        case basicEnvironment(variable: String)
        /// `gcloud auth print-access-token`, run again when the token is rejected or old.
        case gcloudCommand
        /// No Authorization header.
        case anonymous
    }

    /// The scope requested when an entry gives no `scopes` (or an empty list).
    public static let cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"

    /// Where the credential comes from (the entry's `type` in `--auth`).
    public var source: Source
    /// OAuth scopes requested for service accounts, the metadata server and impersonation.
    public var scopes: [String]
    /// The user a service account acts for (domain-wide delegation): the JWT's `sub`.
    public var subject: String?
    /// Sent as `x-goog-user-project`, the project billed for quota.
    public var quotaProject: String?
    /// Service accounts to impersonate, delegates first and the target last (gcloud's
    /// `--impersonate-service-account a,b,c`); empty for none.
    public var impersonationChain: [String]

    /// Credentials from `source`, requesting ``cloudPlatformScope`` unless `scopes` says otherwise.
    public init(source: Source, scopes: [String] = [ProviderAuth.cloudPlatformScope], subject: String? = nil,
                quotaProject: String? = nil, impersonationChain: [String] = []) {
        self.source = source
        self.scopes = scopes
        self.subject = subject
        self.quotaProject = quotaProject
        self.impersonationChain = impersonationChain
    }

    /// A bearer token from an environment variable.
    public static func bearerEnvironment(variable: String) -> ProviderAuth {
        ProviderAuth(source: .bearerEnvironment(variable: variable))
    }

    /// No credentials at all.
    public static let anonymous = ProviderAuth(source: .anonymous)

    /// Application Default Credentials.
    public static let applicationDefault = ProviderAuth(source: .applicationDefault)

    /// Whether requests carry an Authorization header.
    public var authenticates: Bool { source != .anonymous }

    /// Parses one provider's entry of StackQL's auth JSON (`--auth`, or a provider document's `config.auth`).
    init(json entry: JSONValue, context: String) throws {
        guard case .object = entry else {
            throw AuthError(message: "\(context) must be an object with a \"type\", e.g. {\"type\": \"service_account\", \"credentialsfilepath\": \"/path/key.json\"}")
        }
        let type = entry["type"]?.stringValue ?? ""
        let variable = entry["credentialsenvvar"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let path = entry["credentialsfilepath"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let source: Source
        switch type {
        case "service_account", "authorized_user", "oauth2":
            if let path {
                source = .credentialsFile(path: path)
            } else if let variable {
                source = .credentialsEnvironment(variable: variable)
            } else {
                throw AuthError(message: "\(context): type \(type) needs \"credentialsfilepath\" (a key file) or \"credentialsenvvar\" (a variable holding the key JSON)")
            }
        case "bearer":
            guard let variable else {
                throw AuthError(message: "\(context): type bearer needs \"credentialsenvvar\", the environment variable holding the token")
            }
            source = .bearerEnvironment(variable: variable)
        case "basic":
            guard let variable else {
                throw AuthError(message: "\(context): type basic needs \"credentialsenvvar\", the environment variable holding base64(user:secret)")
            }
            source = .basicEnvironment(variable: variable)
        case "interactive":
            source = .gcloudCommand
        case "application_default", "adc":
            source = .applicationDefault
        case "null_auth":
            source = .anonymous
        default:
            throw AuthError(message: "\(context): type '\(type)' is not supported (supported: service_account, authorized_user, bearer, basic, interactive, application_default, null_auth)")
        }
        var scopes = [ProviderAuth.cloudPlatformScope]
        switch entry["scopes"] {
        case .array(let items)?:
            scopes = items.compactMap(\.stringValue)
        case .string(let text)?:
            scopes = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        default:
            break
        }
        var chain: [String] = []
        switch entry["impersonate_service_account"] {
        case .array(let items)?: chain = items.compactMap(\.stringValue)
        case .string(let text)?: chain = ProviderAuth.parseChain(text)
        default: break
        }
        self.init(source: source, scopes: scopes.isEmpty ? [ProviderAuth.cloudPlatformScope] : scopes,
                  subject: entry["sub"]?.stringValue, quotaProject: entry["quota_project"]?.stringValue,
                  impersonationChain: chain)
    }

    /// `a@x, b@y` → `[a@x, b@y]`.
    public static func parseChain(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

/// Credentials that could not be read or used: which source was tried, and why it failed.
public struct AuthError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What failed, naming the source or the `--auth` key; it is also the error's description.
    public var message: String

    /// An error whose description is `message`.
    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
