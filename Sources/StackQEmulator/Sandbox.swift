import Foundation
import StackQ

/// `stackq --sandbox`: an emulator on a free loopback port with ``SandboxSeed``'s data, serving the google
/// provider's dataproc, aiplatform and cloudresourcemanager services. Operations finish by themselves after a
/// couple of seconds (or a few polls), as on Google.
public enum Sandbox {
    /// The bearer token the sandbox accepts (it guards nothing: the server only listens on 127.0.0.1).
    public static let token = "stackq-sandbox-token-0000"
    /// The environment variable the engine reads the sandbox token from.
    public static let tokenVariable = "STACKQ_SANDBOX_TOKEN"
    /// The google services the sandbox serves.
    public static let services = ["dataproc", "aiplatform", "cloudresourcemanager", "compute", "storage", "container",
                                  "iam", "run", "bigquery"]

    /// Runs `body` with an engine configuration routed to a sandbox started for it, and stops the sandbox when
    /// `body` returns or throws.
    ///
    /// ```swift
    /// let registry = Registry(root: try RegistryLocator.locate())
    /// let names = try await Sandbox.with(registry: registry) { configuration in
    ///     try await Engine.withEngine(configuration) { engine in
    ///         try await engine.execute("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'")[0].rows
    ///     }
    /// }
    /// ```
    public static func with<T>(registry: Registry, configuration: EngineConfiguration = EngineConfiguration(),
                               isolation: isolated (any Actor)? = #isolation,
                               _ body: (EngineConfiguration) async throws -> T) async throws -> T {
        let (emulator, baseURL) = try await launch(registry: registry)
        do {
            var configuration = configuration
            route(&configuration, to: baseURL)
            let value = try await body(configuration)
            await emulator.stop()
            return value
        } catch {
            await emulator.stop()
            throw error
        }
    }

    /// Starts the sandbox's emulator; stop it with ``Emulator/stop()``.
    public static func start(registry: Registry) async throws -> Emulator {
        try await launch(registry: registry).emulator
    }

    /// Starts the sandbox's emulator; returns it and where it listens.
    static func launch(registry: Registry) async throws -> (emulator: Emulator, baseURL: URL) {
        let services = try Sandbox.services.map { try registry.service(provider: "google", name: $0) }
        var configuration = EmulatorConfiguration()
        configuration.staticTokens = [token]
        configuration.operationPolls = 3
        configuration.operationDuration = .seconds(2)
        configuration.defaultCreator = "you@example.com"
        let emulator = Emulator(services: services, configuration: configuration)
        try await emulator.seed(SandboxSeed.data())
        return (emulator, try await emulator.start())
    }

    /// Points an engine configuration's google provider at a running sandbox.
    public static func route(_ configuration: inout EngineConfiguration, to baseURL: URL) {
        configuration.endpointOverrides["google"] = baseURL.absoluteString
        configuration.auth.providers["google"] = .bearerEnvironment(variable: tokenVariable)
        configuration.environment[tokenVariable] = token
    }
}
