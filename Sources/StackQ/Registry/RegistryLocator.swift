import Foundation

/// Finds the registry folder to use when none is given on the command line.
///
/// Order: an explicit path; else `STACKQ_REGISTRY`; else, walking up from the running executable's folder,
/// the first `providers` folder holding `src` (so `swift run stackq` from a clone finds the clone's
/// `providers/` from `.build/debug/`); else `<executable folder>/../share/stackq/providers` (an installed binary).
public enum RegistryLocator {
    /// The registry root to use.
    ///
    /// - Parameters:
    ///   - explicitPath: a path given by the user (`--registry DIR`); returned as is when given.
    ///   - environment: the process environment (`STACKQ_REGISTRY`).
    ///   - executableURL: the running executable; defaults to this process's.
    /// - Throws: ``RegistryError/registryNotFound(searched:)`` listing the places tried.
    public static func locate(explicitPath: String? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment,
                              executableURL: URL? = currentExecutableURL()) throws -> URL {
        if let explicitPath, !explicitPath.isEmpty { return URL(fileURLWithPath: explicitPath) }
        if let configured = environment["STACKQ_REGISTRY"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        var searched: [String] = []
        guard let executableURL else { throw RegistryError.registryNotFound(searched: ["(executable path unknown)"]) }
        let executableDirectory = executableURL.resolvingSymlinksInPath().deletingLastPathComponent()
        var directory = executableDirectory
        while true {
            let candidate = directory.appendingPathComponent("providers")
            searched.append(candidate.path)
            if isDirectory(candidate.appendingPathComponent("src")) { return candidate }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path || directory.path == "/" { break }
            directory = parent
        }
        let installed = executableDirectory.deletingLastPathComponent()
            .appendingPathComponent("share/stackq/providers").standardizedFileURL
        searched.append(installed.path)
        if isDirectory(installed) { return installed }
        throw RegistryError.registryNotFound(searched: searched)
    }

    /// This process's executable: `Bundle.main.executableURL`, else `argv[0]` resolved against the working folder.
    public static func currentExecutableURL() -> URL? {
        if let url = Bundle.main.executableURL { return url }
        guard let first = CommandLine.arguments.first, !first.isEmpty else { return nil }
        if first.hasPrefix("/") { return URL(fileURLWithPath: first) }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(first)
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }
}
