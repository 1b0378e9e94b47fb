import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Helpers for `posix_spawn` file actions.
package enum SpawnActions {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later; Swift's Glibc module does not show it),
    /// found once at run time.
    private static let closeFrom: CloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

    /// Closes every descriptor from `first` on in the spawned program, so that it holds none of ours (a pipe another
    /// reader waits to see end, a database file, a socket). False when this C library cannot (glibc before 2.34).
    @discardableResult
    package static func closeAll(from first: Int32, in actions: inout posix_spawn_file_actions_t) -> Bool {
        guard let closeFrom else { return false }
        return closeFrom(&actions, first) == 0
    }
}
