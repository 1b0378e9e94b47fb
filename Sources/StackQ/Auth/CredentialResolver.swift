import Foundation

/// Decides where a provider's credential comes from: `--auth`, else the provider document's `config.auth` when
/// its variable is set, else — for Google — Application Default Credentials in Google's order.
struct CredentialResolver: Sendable {
    let configuration: AuthConfiguration
    let environment: [String: String]
    let redactor: Redactor

    /// The source for `provider`, or nil when its requests carry no credential.
    /// - Parameter documentAuth: the provider document's `config.auth`.
    func source(for provider: String, documentAuth: JSONValue?) throws -> (any CredentialSource)? {
        if let explicit = configuration.providers[provider] {
            return try source(explicit, provider: provider, context: "--auth for \(provider)")
        }
        if let documentAuth, let declared = try? ProviderAuth(json: documentAuth, context: "config.auth of \(provider)") {
            switch declared.source {
            case .credentialsEnvironment(let variable), .bearerEnvironment(let variable), .basicEnvironment(let variable):
                if !(environment[variable] ?? "").isEmpty {
                    return try source(declared, provider: provider, context: "config.auth of \(provider) ($\(variable))")
                }
            case .credentialsFile(let path):
                if FileManager.default.fileExists(atPath: path) {
                    return try source(declared, provider: provider, context: "config.auth of \(provider)")
                }
            case .anonymous:
                return nil
            case .applicationDefault, .gcloudCommand:
                break
            }
            if CredentialResolver.isGoogleStyle(provider: provider, declared: declared) {
                return try source(ProviderAuth(source: .applicationDefault, scopes: declared.scopes), provider: provider,
                                  context: "application default credentials")
            }
            return nil
        }
        if provider == "google" {
            return try source(.applicationDefault, provider: provider, context: "application default credentials")
        }
        return nil
    }

    /// True for providers whose default is Google's ADC chain.
    static func isGoogleStyle(provider: String, declared: ProviderAuth) -> Bool {
        if provider == "google" { return true }
        switch declared.source {
        case .credentialsEnvironment, .credentialsFile, .gcloudCommand, .applicationDefault: return true
        case .bearerEnvironment, .basicEnvironment, .anonymous: return false
        }
    }

    /// Whether `provider`'s requests carry credentials, decided without reading any file (for dry runs).
    func authenticates(_ provider: String, documentAuth: JSONValue?) -> Bool {
        if let explicit = configuration.providers[provider] { return explicit.authenticates }
        guard let documentAuth else { return provider == "google" }
        guard let declared = try? ProviderAuth(json: documentAuth, context: "") else { return provider == "google" }
        if declared.source == .anonymous { return false }
        switch declared.source {
        case .bearerEnvironment(let variable), .basicEnvironment(let variable):
            return !(environment[variable] ?? "").isEmpty || CredentialResolver.isGoogleStyle(provider: provider, declared: declared)
        default:
            return true
        }
    }

    func source(_ auth: ProviderAuth, provider: String, context: String) throws -> (any CredentialSource)? {
        let base: any CredentialSource
        switch auth.source {
        case .anonymous:
            return nil
        case .bearerEnvironment(let variable):
            base = try EnvironmentCredentials(variable: variable, scheme: .bearer, environment: environment,
                                              provider: provider, redactor: redactor)
        case .basicEnvironment(let variable):
            return try EnvironmentCredentials(variable: variable, scheme: .basic, environment: environment,
                                              provider: provider, redactor: redactor)
        case .credentialsFile(let path):
            base = try CredentialsFile.source(path: path, origin: "the key file \(path) (\(context))", auth: auth, redactor: redactor)
        case .credentialsEnvironment(let variable):
            let text = environment[variable] ?? ""
            guard !text.trimmingWhitespace().isEmpty else {
                throw AuthError(message: "\(context): the environment variable \(variable), which should hold the service account key JSON, is \(EnvironmentCredentials.absence(of: variable, in: environment))")
            }
            base = try CredentialsFile.source(json: Array(text.utf8), origin: "the key JSON in $\(variable)", auth: auth, redactor: redactor)
        case .gcloudCommand:
            base = try GcloudCommandCredentials(environment: environment)
        case .applicationDefault:
            base = try applicationDefault(auth)
        }
        guard !auth.impersonationChain.isEmpty else { return base }
        return ImpersonatedCredentials(base: base, chain: auth.impersonationChain, scopes: auth.scopes,
                                       quotaProject: auth.quotaProject)
    }

    /// Google's ADC order: `GOOGLE_APPLICATION_CREDENTIALS`, gcloud's ADC file, the metadata server.
    func applicationDefault(_ auth: ProviderAuth) throws -> any CredentialSource {
        if let path = environment["GOOGLE_APPLICATION_CREDENTIALS"], !path.isEmpty {
            return try CredentialsFile.source(path: path, origin: "GOOGLE_APPLICATION_CREDENTIALS points to \(path)",
                                              auth: auth, redactor: redactor)
        }
        let gcloudFile = CredentialResolver.gcloudADCPath(environment: environment)
        if let gcloudFile, FileManager.default.fileExists(atPath: gcloudFile) {
            return try CredentialsFile.source(path: gcloudFile, origin: "gcloud's application default credentials \(gcloudFile)",
                                              auth: auth, redactor: redactor)
        }
        let explicitHost = environment["GCE_METADATA_HOST"].flatMap { $0.isEmpty ? nil : $0 }
        var metadata = MetadataServerCredentials(host: explicitHost ?? MetadataServerCredentials.defaultHost,
                                                 scopes: auth.scopes, quotaProject: auth.quotaProject)
        // The short deadline is for guessing whether this machine has a metadata server at all; a host named in
        // GCE_METADATA_HOST is known to be there, and gets as long as any other request.
        if explicitHost != nil { metadata.timeout = max(metadata.timeout, .seconds(30)) }
        return LastResortCredentials(metadata: metadata, gcloudFile: gcloudFile)
    }

    /// `$CLOUDSDK_CONFIG/application_default_credentials.json`, else `~/.config/gcloud/…`.
    static func gcloudADCPath(environment: [String: String]) -> String? {
        if let config = environment["CLOUDSDK_CONFIG"], !config.isEmpty {
            return config + "/application_default_credentials.json"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/gcloud/application_default_credentials.json"
    }
}

/// The metadata server as ADC's last resort: when it cannot be reached either, the error lists every source
/// tried and the ways to fix it.
struct LastResortCredentials: CredentialSource {
    let metadata: MetadataServerCredentials
    let gcloudFile: String?

    var summary: CredentialSummary { metadata.summary }

    func fetchToken(_ client: TokenClient) async throws -> AccessToken {
        do {
            return try await metadata.fetchToken(client)
        } catch let error as AuthError {
            throw AuthError(message: """
                no Google credentials found. Tried: GOOGLE_APPLICATION_CREDENTIALS (not set); gcloud's application \
                default credentials \(gcloudFile ?? "(no HOME)") (no such file); the metadata server \(metadata.host) \
                (\(error.message.replacingOccurrences(of: "the metadata server \(metadata.host): ", with: ""))). \
                Fix it with one of: `gcloud auth application-default login`; \
                `export GOOGLE_APPLICATION_CREDENTIALS=/path/to/key.json`; \
                `--auth '{"google":{"type":"service_account","credentialsfilepath":"/path/to/key.json"}}'`. \
                To try stackq without an account, use --sandbox.
                """)
        }
    }
}
