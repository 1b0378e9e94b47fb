import Logging
import StackQ
import Synchronization

/// What every connection of a server shares: the engine (one HTTP pool, one credential provider), the catalog,
/// the SCRAM secrets and the registry of connections.
final class ServerContext: Sendable {
    let engine: Engine
    let catalog: Catalog
    let credentials: SCRAMCredentials?
    let connections = ConnectionRegistry()
    /// How many statements the engine is running for clients now.
    let runningStatements = Atomic<Int>(0)
    let logger: Logger

    init(engine: Engine, credentials: SCRAMCredentials?, logger: Logger) throws {
        self.engine = engine
        self.credentials = credentials
        self.logger = logger
        self.catalog = try Catalog(registry: { try await engine.registry() }, logger: logger)
    }

    /// Hides every credential the engine holds from text that goes to a client.
    func redact(_ text: String) -> String {
        engine.redactor.redact(text)
    }
}
