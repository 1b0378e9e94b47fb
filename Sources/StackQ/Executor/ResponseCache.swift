import Foundation
import NIOCore
import Synchronization

/// The response cache (`--cache-ttl`): the pages of a SELECT's calls, kept in the store (``UserStore``) for a
/// time, so that asking again answers without calling the API.
///
/// An entry is one call's pages, keyed by the method's URL and its query (the bound parameters) less the `fields`
/// stackq chose; the members fetched are kept beside it. A later call with the same key is served from the entry
/// when the entry is younger than the TTL and fetched the same members or more (SQLite re-applies every predicate,
/// so any stricter filter is fine). Identical calls running at once make one fetch: the first fetches, the others
/// wait for its pages — across statements and server connections, since the cache belongs to the engine. With
/// `--db` the entries are in that file and shared with later processes. Only complete, successful reads are kept
/// (not a call cut by a page limit, not a 404); a mutation of a resource drops that resource's entries.
final class ResponseCache: Sendable {
    /// The TTL when `.cache on` turns a cache with none on.
    static let defaultTTL: Double = 300

    private struct State {
        var ttl: Double
        var lastTTL: Double
        var inFlight: [String: InFlightFetch] = [:]
    }

    private let state: Mutex<State>

    init(ttl: Double) {
        state = Mutex(State(ttl: max(0, ttl), lastTTL: ttl > 0 ? ttl : ResponseCache.defaultTTL))
    }

    /// Seconds an entry is served for; 0 when the cache is off.
    var ttl: Double {
        get { state.withLock { $0.ttl } }
    }

    /// Sets the TTL (0 turns the cache off).
    func setTTL(_ seconds: Double) {
        state.withLock { state in
            state.ttl = max(0, seconds)
            if seconds > 0 { state.lastTTL = seconds }
        }
    }

    /// Turns the cache on with its last TTL (``defaultTTL`` when it never had one) or off; returns the TTL.
    @discardableResult
    func setEnabled(_ enabled: Bool) -> Double {
        state.withLock { state in
            state.ttl = enabled ? state.lastTTL : 0
            return state.ttl
        }
    }

    /// What a reference's calls ask: the members of their rows (nil: whole rows) and whether the `fields` query
    /// item is stackq's choice (left out of the key) rather than the statement's.
    struct Request: Sendable {
        var resource: String
        var members: Set<String>?
        var fieldsChosen: Bool
        /// False for calls the cache never answers: a mutation's reads, a method that is not a GET.
        var enabled: Bool
    }

    /// What the calls of `reference` ask of the cache.
    static func request(for reference: PlannedReference, readsCache: Bool) -> Request {
        let chosen = reference.fields != nil
        return Request(resource: reference.resource.id, members: chosen ? reference.responseFields.map { Set($0) } : nil,
                       fieldsChosen: chosen, enabled: readsCache && reference.method.httpMethod.uppercased() == "GET")
    }

    /// The key of a call: its HTTP method, URL and sorted query, less the `fields` stackq chose.
    static func key(of call: PreparedCall, fieldsChosen: Bool) -> String {
        let query = call.query.filter { !(fieldsChosen && $0.name == "fields") }
            .map { "\($0.name)=\($0.value)" }.sorted()
        return call.httpMethod + " " + call.url + "?" + query.joined(separator: "&")
    }

    /// True when an entry of `stored` members serves a call that reads `asked`.
    static func covers(_ stored: Set<String>?, _ asked: Set<String>?) -> Bool {
        guard let stored else { return true }
        guard let asked else { return false }
        return asked.isSubset(of: stored)
    }

    /// Runs `calls` as ``CallRunner/runAll(_:reference:pageLimit:progress:onPage:)`` does, serving those the cache
    /// holds from it and making one fetch for identical calls in flight; with the cache off, exactly that.
    func runAll(_ calls: [PreparedCall], request: Request, runner: CallRunner, database: Database, reference: String,
                pageLimit: Int?, progress: CallProgress?,
                onPage: @escaping @Sendable (Int, PreparedCall, ByteBuffer) async throws -> Int) async throws -> [CallResult] {
        let ttl = self.ttl
        guard ttl > 0, request.enabled else {
            return try await runner.runAll(calls, reference: reference, pageLimit: pageLimit, progress: progress, onPage: onPage)
        }
        let now = Date().timeIntervalSince1970
        var results = [CallResult?](repeating: nil, count: calls.count)
        var toFetch: [Int] = []
        var waiting: [(Int, InFlightFetch)] = []
        var leading: [(Int, InFlightFetch, String)] = []
        for (index, call) in calls.enumerated() {
            let key = Self.key(of: call, fieldsChosen: request.fieldsChosen)
            if let entry = try await database.cachedCall(key: key, notBefore: now - ttl),
               Self.covers(entry.members, request.members) {
                results[index] = try await replay(entry.pages, age: now - entry.fetchedAt, call: call, index: index,
                                                  reference: reference, progress: progress, onPage: onPage)
                continue
            }
            let (fetch, leads) = state.withLock { state -> (InFlightFetch, Bool) in
                if let running = state.inFlight[key], Self.covers(running.members, request.members) { return (running, false) }
                let fetch = InFlightFetch(members: request.members)
                state.inFlight[key] = fetch
                return (fetch, true)
            }
            if leads {
                leading.append((index, fetch, key))
                toFetch.append(index)
            } else {
                waiting.append((index, fetch))
            }
        }
        if !toFetch.isEmpty {
            let pages = PageCollector(count: calls.count)
            let positions = toFetch
            let fetched: [CallResult]
            do {
                fetched = try await runner.runAll(toFetch.map { calls[$0] }, reference: reference, pageLimit: pageLimit,
                                                  progress: progress) { position, call, page in
                    pages.append(page, at: positions[position])
                    return try await onPage(positions[position], call, page)
                }
            } catch {
                finish(leading.map { ($0.1, $0.2) }, with: nil)
                throw error
            }
            let fetchedAt = Date().timeIntervalSince1970
            for ((index, fetch, key), result) in zip(leading, fetched) {
                results[index] = result
                let outcome = result.outcome
                let keep = result.error == nil && !outcome.truncatedByPageLimit && !outcome.notFound
                let collected = keep ? pages.pages(at: index) : nil
                if let collected {
                    try? await database.storeCall(key: key, method: outcome.qualifiedMethodName, resource: request.resource,
                                                  parameters: outcome.parameters, members: request.members,
                                                  fetchedAt: fetchedAt, pages: collected, expiredBefore: fetchedAt - ttl)
                }
                finish([(fetch, key)], with: collected)
            }
        }
        for (index, fetch) in waiting {
            let call = calls[index]
            let shared = await fetch.pages()
            try Task.checkCancellation()
            if let shared {
                results[index] = try await replay(shared, age: 0, call: call, index: index, reference: reference,
                                                  progress: progress, onPage: onPage)
            } else {
                // The fetch this call waited for failed: it makes its own.
                results[index] = try await runner.runAll([call], reference: reference, pageLimit: pageLimit,
                                                         progress: progress) { _, call, page in
                    try await onPage(index, call, page)
                }[0]
            }
        }
        return results.map { $0! }
    }

    /// Hands the pages to those waiting on the fetches, and forgets the fetches.
    private func finish(_ fetches: [(InFlightFetch, String)], with pages: [ByteBuffer]?) {
        state.withLock { state in
            for (fetch, key) in fetches where state.inFlight[key] === fetch { state.inFlight[key] = nil }
        }
        for (fetch, _) in fetches { fetch.fulfil(pages) }
    }

    /// A call answered from pages kept before: its outcome says so, and how old they are.
    private func replay(_ pages: [ByteBuffer], age: Double, call: PreparedCall, index: Int, reference: String,
                        progress: CallProgress?,
                        onPage: @Sendable (Int, PreparedCall, ByteBuffer) async throws -> Int) async throws -> CallResult {
        progress?.add(callsTotal: 1)
        var outcome = CallOutcome(qualifiedMethodName: call.qualifiedMethodName, reference: reference,
                                  parameters: call.displayedParameters.map { "\($0.name)='\($0.value)'" }.joined(separator: ", "),
                                  url: call.url())
        outcome.fromCache = true
        outcome.cacheAge = age
        outcome.status = 200
        for page in pages {
            let rows = try await onPage(index, call, page)
            outcome.pages += 1
            outcome.rows += rows
            outcome.bytes += page.readableBytes
            progress?.add(pages: 1, rows: rows)
        }
        progress?.add(callsDone: 1, retries: 0)
        return CallResult(outcome: outcome, error: nil)
    }
}

/// One fetch others wait on: its pages once it is done, or nil when it failed (or the waiter was cancelled).
final class InFlightFetch: Sendable {
    private struct State {
        var done = false
        var pages: [ByteBuffer]?
        var waiters: [Int: CheckedContinuation<[ByteBuffer]?, Never>] = [:]
        var nextWaiter = 0
    }

    let members: Set<String>?
    private let state = Mutex(State())

    init(members: Set<String>?) {
        self.members = members
    }

    /// The fetch's pages; nil when it failed, or at once when the waiting task is cancelled (its statement ends).
    func pages() async -> [ByteBuffer]? {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> (Bool, [ByteBuffer]?) in
                    if state.done { return (true, state.pages) }
                    if Task.isCancelled { return (true, nil) }
                    state.waiters[id] = continuation
                    return (false, nil)
                }
                if ready.0 { continuation.resume(returning: ready.1) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: nil)
        }
    }

    func fulfil(_ pages: [ByteBuffer]?) {
        let waiters = state.withLock { state -> [CheckedContinuation<[ByteBuffer]?, Never>] in
            guard !state.done else { return [] }
            state.done = true
            state.pages = pages
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: pages) }
    }
}

/// The pages of each call of a fetch, gathered as they arrive.
final class PageCollector: Sendable {
    private let pagesByCall: Mutex<[[ByteBuffer]]>

    init(count: Int) {
        pagesByCall = Mutex(Array(repeating: [], count: count))
    }

    func append(_ page: ByteBuffer, at index: Int) {
        pagesByCall.withLock { $0[index].append(page) }
    }

    func pages(at index: Int) -> [ByteBuffer] {
        pagesByCall.withLock { $0[index] }
    }
}

/// A cache entry as read from the store.
struct CachedCall {
    var fetchedAt: Double
    var members: Set<String>?
    var pages: [ByteBuffer]
}

extension Database {
    static var cacheTable: String { "\(UserStore.schema).\(UserStore.cacheTable)" }
    static var cachePagesTable: String { "\(UserStore.schema).\(UserStore.cachePagesTable)" }

    /// The entry of `key` fetched at `notBefore` or later, with its pages.
    func cachedCall(key: String, notBefore: Double) throws -> CachedCall? {
        let entry = try prepare("SELECT fetched_at, fields FROM \(Self.cacheTable) WHERE key = ? AND fetched_at >= ?",
                                bindings: [.text(key), .real(notBefore)])
        guard try entry.step() else { return nil }
        let fetchedAt: Double
        switch entry.value(at: 0) {
        case .real(let value): fetchedAt = value
        case .integer(let value): fetchedAt = Double(value)
        default: return nil
        }
        let members = entry.value(at: 1).textValue.map { Set($0.split(separator: ",").map(String.init)) }
        let pages = try prepare("SELECT body FROM \(Self.cachePagesTable) WHERE key = ? ORDER BY page", bindings: [.text(key)])
        var bodies: [ByteBuffer] = []
        while try pages.step() {
            if case .blob(let bytes) = pages.value(at: 0) { bodies.append(ByteBuffer(bytes: bytes)) }
        }
        return CachedCall(fetchedAt: fetchedAt, members: members, pages: bodies)
    }

    /// Keeps a call's pages under `key` (replacing an older entry), and drops entries older than `expiredBefore`.
    func storeCall(key: String, method: String, resource: String, parameters: String, members: Set<String>?,
                   fetchedAt: Double, pages: [ByteBuffer], expiredBefore: Double) throws {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            try removeCacheEntries(where: "key = ? OR fetched_at < ?", [.text(key), .real(expiredBefore)])
            let entry = try prepare("INSERT INTO \(Self.cacheTable) (key, method, resource, parameters, fields, fetched_at, pages, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                    bindings: [.text(key), .text(method), .text(resource), .text(parameters),
                                               members.map { .text($0.sorted().joined(separator: ",")) } ?? .null,
                                               .real(fetchedAt), .integer(Int64(pages.count)),
                                               .integer(Int64(pages.reduce(0) { $0 + $1.readableBytes }))])
            _ = try entry.step()
            let insert = try connection.prepare("INSERT INTO \(Self.cachePagesTable) (key, page, body) VALUES (?, ?, ?)")
            for (number, page) in pages.enumerated() {
                insert.reset()
                try insert.bind(.text(key), at: 1)
                try insert.bind(.integer(Int64(number)), at: 2)
                try insert.bind(.blob(Array(page.readableBytesView)), at: 3)
                _ = try insert.step()
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Removes the entries that match `condition` and their pages; returns how many entries.
    @discardableResult
    func removeCacheEntries(where condition: String, _ bindings: [SQLValue]) throws -> Int {
        let pages = try prepare("DELETE FROM \(Self.cachePagesTable) WHERE key IN (SELECT key FROM \(Self.cacheTable) WHERE \(condition))",
                                bindings: bindings)
        _ = try pages.step()
        let entries = try prepare("DELETE FROM \(Self.cacheTable) WHERE \(condition)", bindings: bindings)
        _ = try entries.step()
        return connection.changes
    }

    /// Drops every entry of `resource` (after a mutation of it); returns how many.
    @discardableResult
    func dropCache(resource: String) throws -> Int {
        try removeCacheEntries(where: "resource = ?", [.text(resource)])
    }

    /// Drops every entry; returns how many.
    @discardableResult
    func clearCache() throws -> Int {
        try removeCacheEntries(where: "1", [])
    }

    /// How many entries the cache holds and how many bytes of pages.
    func cacheSize() throws -> (entries: Int, bytes: Int) {
        let statement = try connection.prepare("SELECT count(*), coalesce(sum(bytes), 0) FROM \(Self.cacheTable)")
        guard try statement.step() else { return (0, 0) }
        return (statement.value(at: 0).integerValue ?? 0, statement.value(at: 1).integerValue ?? 0)
    }
}
