import Synchronization

/// The server's open connections by BackendKeyData process ID: how CancelRequest finds the statement to cancel
/// and how stopping the server reaches every connection.
final class ConnectionRegistry: Sendable {
    /// What the registry can do to one connection.
    struct Entry: Sendable {
        var secretKey: Int32
        /// Cancels the running statement, if any.
        var cancel: @Sendable () -> Void
        /// Ends the connection with a FATAL error (the server is stopping).
        var shutdown: @Sendable () async -> Void
    }

    private let entries = Mutex<[Int32: Entry]>([:])

    /// Registers a connection under a fresh process ID and returns its keys.
    func register(_ make: (Int32, Int32) -> Entry) -> (processID: Int32, secretKey: Int32) {
        entries.withLock { entries in
            var processID = Int32.random(in: 1...Int32.max)
            while entries[processID] != nil { processID = Int32.random(in: 1...Int32.max) }
            let secretKey = Int32.random(in: Int32.min...Int32.max)
            entries[processID] = make(processID, secretKey)
            return (processID, secretKey)
        }
    }

    func remove(_ processID: Int32) {
        _ = entries.withLock { $0.removeValue(forKey: processID) }
    }

    /// Cancels the statement of the connection with these keys; a wrong secret does nothing (as in PostgreSQL).
    func cancel(processID: Int32, secretKey: Int32) {
        let entry = entries.withLock { $0[processID] }
        guard let entry, entry.secretKey == secretKey else { return }
        entry.cancel()
    }

    /// Every connection's shutdown.
    func all() -> [Entry] {
        entries.withLock { Array($0.values) }
    }

    var count: Int { entries.withLock { $0.count } }

    /// Every connection's BackendKeyData.
    var keys: [(processID: Int32, secretKey: Int32)] {
        entries.withLock { $0.map { ($0.key, $0.value.secretKey) } }
    }
}
