import Foundation

/// The user's home folder: `$HOME` when set (Foundation's answer ignores it on Linux), else the account's.
enum HomeFolder {
    static var url: URL {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home, isDirectory: true)
        }
        return FileManager.default.homeDirectoryForCurrentUser
    }

    /// `~` and `~/x` as paths in the home folder; other paths unchanged.
    static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return url.path + path.dropFirst()
    }
}
