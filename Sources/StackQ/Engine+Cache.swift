/// The response cache (``EngineConfiguration/cacheTTL``), changed while the engine runs: the shell's `.cache`.
extension Engine {
    /// Seconds a SELECT's call is answered from the cache after it was fetched; 0 when the cache is off.
    public nonisolated var cacheTTL: Double { services.responseCache.ttl }

    /// Sets how many seconds calls are answered from the cache; 0 turns it off (entries stay until they expire or
    /// ``clearCache()``).
    public nonisolated func setCacheTTL(_ seconds: Double) {
        services.responseCache.setTTL(seconds)
    }

    /// Turns the cache on (with its last TTL, or 300 seconds when it never had one) or off; returns the TTL now.
    @discardableResult
    public nonisolated func setCacheEnabled(_ enabled: Bool) -> Double {
        services.responseCache.setEnabled(enabled)
    }

    /// Removes every entry of the cache (from the `--db` file too); returns how many there were.
    @discardableResult
    public func clearCache() async throws -> Int {
        try await database.clearCache()
    }

    /// How many entries the cache holds, and the bytes of their pages.
    public func cacheSize() async throws -> (entries: Int, bytes: Int) {
        try await database.cacheSize()
    }
}

extension Engine {
    /// The names of the user's tables, views and materialized views (``EngineConfiguration/databasePath``), as of
    /// the last statement that changed them; the shell completes them.
    public nonisolated var storedObjectNames: [String] { database.storeNames.value }
}
