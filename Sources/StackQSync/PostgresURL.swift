import Foundation
import NIOSSL
import PostgresNIO

/// Where `stackq sync` writes: a libpq-style URL, `postgresql://user[:password]@host[:port]/database?sslmode=…`.
///
/// As libpq reads it: the password comes from the URL, else `PGPASSWORD`; the user from the URL, else `PGUSER`, else
/// `USER`; the database from the URL, else `PGDATABASE`, else the user's name; the host from the URL, else `PGHOST`,
/// else localhost. `sslmode` is `disable`, `allow`/`prefer` (the default: TLS when the server offers it, unverified),
/// `require` (TLS, unverified), `verify-ca` (the chain only) or `verify-full` (chain and host name); `sslrootcert`
/// names the CA file to trust instead of the system's; `application_name` (default `stackq sync`) is what the server's
/// `pg_stat_activity` shows, and `connect_timeout` (seconds, default 10) bounds the connection's start.
/// ``description`` never shows the password.
public struct PostgresURL: Sendable, CustomStringConvertible {
    /// How TLS is used.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var sslMode: SSLMode
    /// A CA certificate file (PEM) to trust instead of the system's roots.
    public var sslRootCertificate: String?
    /// What `pg_stat_activity.application_name` shows for the sync's session.
    public var applicationName = "stackq sync"
    /// How long connecting may take.
    public var connectTimeout: Int64 = 10
    let password: String?

    /// Reads `text`, taking what it leaves out from `environment`.
    ///
    /// - Throws: ``SyncError`` naming what is wrong (never the password).
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard text.hasPrefix("postgresql://") || text.hasPrefix("postgres://"),
              let components = URLComponents(string: text) else {
            throw SyncError("--to must be a postgresql://user@host:port/database URL")
        }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGHOST"] ?? "localhost"
        if host.hasPrefix("/") { throw SyncError("--to: Unix-domain sockets are not supported; give a host name") }
        if let port = components.port {
            guard (1...65535).contains(port) else { throw SyncError("--to: port \(port) is out of range") }
            self.port = port
        } else if let text = environment["PGPORT"], let port = Int(text), (1...65535).contains(port) {
            self.port = port
        } else {
            port = 5432
        }
        user = components.user.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGDATABASE"] ?? user
        var mode = SSLMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let parsed = SSLMode(rawValue: value) else {
                    throw SyncError("--to: sslmode '\(item.value ?? "")' is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                mode = parsed
            case "sslrootcert":
                sslRootCertificate = item.value
            case "application_name":
                applicationName = item.value ?? ""
            case "connect_timeout":
                guard let value = item.value.flatMap({ Int64($0) }), value > 0 else {
                    throw SyncError("--to: connect_timeout must be a positive number of seconds")
                }
                connectTimeout = value
            default:
                throw SyncError("--to: the parameter '\(item.name)' is not supported (sslmode, sslrootcert, application_name, connect_timeout)")
            }
        }
        sslMode = mode
    }

    /// `postgresql://user@host:port/database?sslmode=…`, without the password.
    public var description: String {
        "postgresql://\(user)@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    }

    /// The password, so that messages can be cleaned of it.
    var secrets: [String] { password.map { [$0] } ?? [] }

    /// postgres-nio's configuration for it.
    func configuration() throws -> PostgresConnection.Configuration {
        var configuration = try connection()
        configuration.options.connectTimeout = .seconds(connectTimeout)
        if !applicationName.isEmpty { configuration.options.additionalStartupParameters = [("application_name", applicationName)] }
        return configuration
    }

    private func connection() throws -> PostgresConnection.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable:
            return .init(host: host, port: port, username: user, password: password, database: database, tls: .disable)
        case .allow, .prefer, .require:
            tls.certificateVerification = .none
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
        case .verifyFull:
            tls.certificateVerification = .fullVerification
        }
        if let sslRootCertificate { tls.trustRoots = .file(sslRootCertificate) }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw SyncError("--to: TLS cannot be set up: \(error)")
        }
        let mode: PostgresConnection.Configuration.TLS = sslMode == .allow || sslMode == .prefer ? .prefer(context) : .require(context)
        return .init(host: host, port: port, username: user, password: password, database: database, tls: mode)
    }
}
