import Foundation
import StackQ

/// The google services of the repository's bundled provider registry (`providers/`), loaded once.
enum BundledServices {
    static let registryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("providers")

    static let registry = Registry(root: registryRoot, cacheDirectory: nil)

    static let dataproc: Service = load("dataproc")
    static let aiplatform: Service = load("aiplatform")

    private static func load(_ name: String) -> Service {
        do {
            return try registry.service(provider: "google", name: name)
        } catch {
            fatalError("cannot load google.\(name) from \(registryRoot.path): \(error)")
        }
    }
}
