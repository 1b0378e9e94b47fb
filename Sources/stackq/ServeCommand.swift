import StackQCommandLine
import ArgumentParser
import Foundation
import Logging
import StackQ
import StackQEmulator
import StackQServer

/// `stackq serve`: the PostgreSQL wire protocol, so psql, drivers and BI tools can query stackq.
///
/// The first line on stdout is the URL clients connect to (`listening on postgresql://127.0.0.1:5466/stackq`);
/// logs go to stderr. The server runs until SIGINT or SIGTERM, then cancels running statements and closes every
/// connection with an error saying so.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve stackq over the PostgreSQL wire protocol (psql, drivers, BI tools).",
        discussion: """
            Prints "listening on postgresql://HOST:PORT/stackq" as the first line on stdout, then serves until \
            SIGINT/SIGTERM. Every connection shares one engine (one HTTP pool, one credential). Without \
            --password-env only loopback addresses may be listened on; with it clients authenticate with \
            SCRAM-SHA-256 (any user name). Example: stackq serve --sandbox, then psql postgresql://127.0.0.1:5466/stackq
            """)

    @Option(name: .long, help: "HOST:PORT to listen on (port 0 picks a free one).")
    var listen: String = "127.0.0.1:5466"

    @Option(name: .customLong("password-env"), help: "The environment variable holding the password clients must give (SCRAM-SHA-256).")
    var passwordEnv: String?

    @Option(name: .customLong("tls-cert"), help: "A PEM certificate (chain) for TLS.")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @OptionGroup var options: EngineOptions

    func validate() throws {
        guard ListenAddress(listen) != nil else {
            throw ValidationError("--listen takes HOST:PORT, e.g. 127.0.0.1:5466, got '\(listen)'")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level: unknown level '\(logLevel)'") }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("TLS needs both --tls-cert and --tls-key") }
    }

    func run() async throws {
        let address = ListenAddress(listen)!
        let (host, port) = (address.host, address.port)
        var password: String?
        if let passwordEnv {
            guard let value = ProcessInfo.processInfo.environment[passwordEnv], !value.isEmpty else {
                throw ValidationError("--password-env \(passwordEnv): that environment variable is not set or empty")
            }
            password = value
        }
        var logger = Logger(label: "stackq.serve", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let sandbox = try await options.startSandbox()
        let engine = try options.makeEngine()
        let server: PostgresServer
        do {
            server = try await PostgresServer.bind(engine: engine, configuration: .init(
                host: host, port: port, password: password, tlsCertificatePath: tlsCert, tlsKeyPath: tlsKey, logger: logger))
        } catch {
            try? await engine.shutdown()
            await sandbox?.stop()
            StandardStreams.writeError("error: \(error)\n")
            throw ExitCode(1)
        }
        FileHandle.standardOutput.write(Data("listening on \(server.url)\n".utf8))
        logger.info("serving", metadata: ["url": "\(server.url)", "tls": "\(tlsCert != nil)", "auth": "\(password == nil ? "none (loopback)" : "scram-sha-256")"])
        async let serving: Void = server.run()
        await EmulatorCommand.waitForTerminationSignal()
        logger.info("stopping: cancelling statements and closing connections")
        await server.stop()
        try? await serving
        try? await engine.shutdown()
        await sandbox?.stop()
    }
}
