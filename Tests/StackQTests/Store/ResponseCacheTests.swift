import Foundation
import NIOCore
import StackQ
import StackQEmulator
import StackQTesting
import Testing
@testable import StackQ

/// The response cache (`--cache-ttl`), its requests counted at the emulator.
@Suite struct ResponseCacheTests {
    static let parent = "projectsId = 'p' AND locationsId = 'us-central1'"
    static let all = "SELECT name, state, createTime FROM google.dataproc.sessions WHERE \(parent)"

    static func lists(_ harness: EmulatorHarness) async -> Int {
        await harness.requests("projects_locations_sessions_list")["200"] ?? 0
    }

    static func withCache<T>(_ ttl: Double = 60, database: String? = nil,
                             configure: @escaping (inout EmulatorConfiguration) -> Void = { _ in },
                             _ body: (EmulatorHarness, Engine) async throws -> T) async throws -> T {
        try await EmulatorHarness.with(configure, seed: try .standard) { harness in
            try await harness.withEngine(configure: { configuration in
                configuration.cacheTTL = ttl
                configuration.databasePath = database
            }) { engine in
                try await body(harness, engine)
            }
        }
    }

    @Test func withoutATTLNothingIsCached() async throws {
        try await Self.withCache(0) { harness, engine in
            _ = try await engine.execute(Self.all)
            _ = try await engine.execute(Self.all)
            #expect(await Self.lists(harness) == 2)
            #expect(try await engine.cacheSize().entries == 0)
        }
    }

    @Test func fewerColumnsAndAStricterFilterAreServedFromTheCache() async throws {
        try await Self.withCache { harness, engine in
            _ = try await engine.execute(Self.all)
            let narrower = try await engine.execute("SELECT name FROM google.dataproc.sessions WHERE \(Self.parent) AND state = 'ACTIVE' ORDER BY name")
            #expect(narrower[0].rows.count == 2)
            #expect(await Self.lists(harness) == 1)
            #expect(narrower[0].calls.map(\.fromCache) == [true])
            #expect(narrower[0].calls[0].cacheDescription?.hasPrefix("hit") == true)

            // A column the entry did not fetch: the call goes to the API again.
            let wider = try await engine.execute("SELECT name, uuid FROM google.dataproc.sessions WHERE \(Self.parent)")
            #expect(wider[0].calls.map(\.fromCache) == [false])
            #expect(await Self.lists(harness) == 2)

            // Other parameters are another call.
            _ = try await engine.execute("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'europe-west1'")
            #expect(await Self.lists(harness) == 3)

            // SHOW CALLS says where the rows came from.
            _ = try await engine.execute("SELECT name FROM google.dataproc.sessions WHERE \(Self.parent)")
            let shown = try await engine.execute("SHOW CALLS")[0]
            let cacheColumn = shown.columns.firstIndex { $0.name == "cache" }!
            #expect(shown.rows.first?[cacheColumn].textValue?.hasPrefix("hit, ") == true)
        }
    }

    @Test func anExpiredEntryAndAClearedCacheRefetch() async throws {
        try await Self.withCache { harness, engine in
            _ = try await engine.execute(Self.all)
            _ = try await engine.execute(Self.all)
            #expect(await Self.lists(harness) == 1)
            // A TTL shorter than the entry's age: the entry has expired.
            engine.setCacheTTL(0.000_001)
            _ = try await engine.execute(Self.all)
            #expect(await Self.lists(harness) == 2)
            engine.setCacheTTL(60)
            _ = try await engine.execute(Self.all)
            #expect(await Self.lists(harness) == 2)
            #expect(try await engine.clearCache() == 1)
            #expect(try await engine.cacheSize().entries == 0)
            _ = try await engine.execute(Self.all)
            #expect(await Self.lists(harness) == 3)
            // Off: nothing is answered from the entry just made.
            engine.setCacheEnabled(false)
            _ = try await engine.execute(Self.all)
            #expect(await Self.lists(harness) == 4)
            #expect(engine.setCacheEnabled(true) == 60)
        }
    }

    @Test func aMutationOfTheResourceDropsItsEntriesAndIsNotServedFromTheCache() async throws {
        try await Self.withCache(configure: { $0.operationPolls = 0 }) { harness, engine in
            #expect(try await engine.execute("SELECT count(*) FROM google.dataproc.sessions WHERE \(Self.parent)")[0].rows == [[.integer(5)]])
            // The DELETE reads the sessions itself (past the cache), then deletes.
            _ = try await engine.execute("DELETE /*+ AWAIT */ FROM google.dataproc.sessions WHERE \(Self.parent) AND state = 'TERMINATED'")
            #expect(await Self.lists(harness) == 2)
            #expect(try await engine.cacheSize().entries == 0)
            #expect(try await engine.execute("SELECT count(*) FROM google.dataproc.sessions WHERE \(Self.parent)")[0].rows == [[.integer(4)]])
            #expect(await Self.lists(harness) == 3)
        }
    }

    @Test func identicalStatementsAtOnceMakeOneFetch() async throws {
        try await Self.withCache(configure: { $0.latency = .milliseconds(200) }) { harness, engine in
            let sessions = (0..<6).map { _ in EngineSession() }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for session in sessions {
                    group.addTask {
                        var rows = 0
                        try await engine.execute(script: Self.all, session: session) { rows += $0.rows.count }
                        return rows
                    }
                }
                for try await rows in group { #expect(rows == 5) }
            }
            #expect(await Self.lists(harness) == 1)
            #expect(sessions.map { $0.lastCalls.count } == Array(repeating: 1, count: 6))
            #expect(sessions.filter { $0.lastCalls.first?.fromCache == false }.count == 1)
        }
    }

    @Test func twoEnginesShareTheCacheOfADatabaseFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cache.db").path
        try await EmulatorHarness.with(seed: try .standard) { harness in
            for _ in 0..<2 {
                let count = try await harness.withEngine(configure: { $0.cacheTTL = 60; $0.databasePath = path }) { engine in
                    try await engine.execute(Self.all)[0].rows.count
                }
                #expect(count == 5)
            }
            #expect(await Self.lists(harness) == 1)
        }
    }
}

extension ResponseCacheTests {
    /// A statement waiting on another's fetch stops waiting when it is cancelled: it gets no pages, and the fetch
    /// it waited for (fulfilled later, as a safety net) is not what it got.
    @Test func aCancelledWaiterStopsWaiting() async throws {
        let fetch = InFlightFetch(members: nil)
        let waiter = Task { await fetch.pages() }
        waiter.cancel()
        let safetyNet = Task {
            try await Task.sleep(for: .seconds(10))
            fetch.fulfil([ByteBuffer(string: "late")])
        }
        let got = await waiter.value
        safetyNet.cancel()
        #expect(got == nil)
        // Those still waiting get the pages.
        let other = Task { await fetch.pages() }
        fetch.fulfil([ByteBuffer(string: "page")])
        #expect(await other.value == [ByteBuffer(string: "page")])
    }
}
