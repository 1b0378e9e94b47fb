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
    public static let services = ["dataproc", "aiplatform", "cloudresourcemanager"]

    /// Starts the sandbox's emulator; stop it with ``Emulator/stop()``.
    public static func start(registry: Registry) async throws -> Emulator {
        let services = try Sandbox.services.map { try registry.service(provider: "google", name: $0) }
        var configuration = EmulatorConfiguration()
        configuration.staticTokens = [token]
        configuration.operationPolls = 3
        configuration.operationDuration = .seconds(2)
        configuration.defaultCreator = "you@example.com"
        let emulator = Emulator(services: services, configuration: configuration)
        try await emulator.seed(SandboxSeed.data())
        try await emulator.start()
        return emulator
    }

    /// Points an engine configuration's google provider at a running sandbox.
    public static func route(_ configuration: inout EngineConfiguration, to baseURL: URL) {
        configuration.endpointOverrides["google"] = baseURL.absoluteString
        configuration.auth.providers["google"] = .bearerEnvironment(variable: tokenVariable)
        configuration.environment[tokenVariable] = token
    }
}
