import Foundation
import StackQ

/// The emulator's whole mutable state, owned by one actor: resources by collection, operations, issued tokens,
/// request counts and the seeded random source.
actor EmulatorStore {
    let configuration: EmulatorConfiguration
    var collections: [String: StoredCollection] = [:]
    var nextSequence = 1
    var operations: [String: OperationRecord] = [:]
    /// Operation names in creation order, for listing.
    var operationNames: [String] = []
    /// `method|target|requestId` → operation name.
    var requestIDs: [String: String] = [:]
    var tokens: [String: IssuedToken] = [:]
    var stats = RequestStats()
    var random: DeterministicRandom
    /// `collection|page` of pagination faults already fired once.
    var firedPaginationFaults: Set<String> = []
    /// The requests each quota key had in its current second.
    var quotaWindows = QuotaWindows()
    /// The 503s of the storm (``EmulatorConfiguration/unavailableStorm``) answered so far.
    var stormAnswered = 0

    init(configuration: EmulatorConfiguration) {
        self.configuration = configuration
        random = DeterministicRandom(seed: configuration.randomSeed)
    }

    var now: Date { configuration.clock.now() }
    var timestamp: String { Timestamp.string(now) }

    // MARK: Seeding

    /// Adds resources to a collection; each must be an object whose `name` is `collection/<id>`, or just `<id>`
    /// (Compute's short names: `vm-1` in `projects/p/zones/us-central1-a/instances`), or that has no `name` but an
    /// `id` (BigQuery's `demo:analytics`).
    func seed(collection: String, items: [JSONValue]) throws(SeedError) {
        for item in items {
            guard case .string(let name) = item["name"] ?? item["id"] ?? .null else {
                throw SeedError(message: "an item of \(collection) has no \"name\"")
            }
            let isShortName = !name.isEmpty && !name.contains("/")
            guard isShortName || (name.hasPrefix(collection + "/") && !name.dropFirst(collection.count + 1).contains("/")
                  && name.count > collection.count + 1)
            else {
                throw SeedError(message: "\(name) is not a resource name in \(collection)")
            }
            let id = isShortName ? name : String(name.dropFirst(collection.count + 1))
            guard collections[collection]?[id] == nil else {
                throw SeedError(message: "\(name) is seeded twice")
            }
            insert(collection: collection, id: id, bytes: item.bytes)
        }
    }

    /// Adds already-serialized resources (the generator's fast path); ids must be new.
    func seed(collection: String, serialized: [(id: String, bytes: [UInt8])]) {
        for (id, bytes) in serialized { insert(collection: collection, id: id, bytes: bytes) }
    }

    func insert(collection: String, id: String, bytes: [UInt8]) {
        collections[collection, default: StoredCollection()].append(StoredItem(sequence: nextSequence, id: id, bytes: bytes))
        nextSequence += 1
    }

    /// The number of resources stored in every collection.
    var resourceCount: Int {
        collections.values.reduce(0) { $0 + $1.count }
    }

    /// Forgets resources, operations, tokens, counts and fired faults.
    func reset() {
        collections = [:]
        operations = [:]
        operationNames = []
        requestIDs = [:]
        tokens = [:]
        stats = RequestStats()
        firedPaginationFaults = []
        quotaWindows = QuotaWindows()
        stormAnswered = 0
        random = DeterministicRandom(seed: configuration.randomSeed)
    }

    // MARK: Stats

    func record(method: String, status: Int, bytes: Int = 0) {
        stats.record(method: method, status: status, bytes: bytes)
    }

    func record(body: JSONValue, method: String) {
        stats.record(body: body, method: method)
    }

    func record(principal: String) {
        stats.record(principal: principal)
    }

    func statsJSON() -> [UInt8] {
        stats.json.bytes
    }

    // MARK: Faults

    /// The latency for the next request: the configured latency ± jitter, never negative.
    func drawLatency() -> Duration {
        let base = configuration.latency
        guard configuration.latencyJitter > .zero else { return base }
        let offset = configuration.latencyJitter * (random.unit() * 2 - 1)
        let total = base + offset
        return total < .zero ? .zero : total
    }

    /// The 403 of a denied project, the 503 of the storm or the 429 of the quota for a request to `path`, or nil when neither applies.
    func quotaOrStormFault(path: String) -> APIError? {
        if !configuration.deniedProjects.isEmpty, let project = Quota.project(inPath: path),
           configuration.deniedProjects.contains(project) {
            return APIError(code: 403, status: "PERMISSION_DENIED",
                            message: "Permission denied on resource project \(project) (or it may not exist).")
        }
        if stormAnswered < configuration.unavailableStorm {
            stormAnswered += 1
            return APIError(code: 503, status: "UNAVAILABLE", message: "The service is currently unavailable.")
        }
        guard let quota = configuration.quota else { return nil }
        let project = quota.scope == .project ? Quota.project(inPath: path) : nil
        guard !quotaWindows.admit(project ?? "", limit: quota.callsPerSecond, now: now) else { return nil }
        return APIError.quotaExceeded(quota, project: project)
    }

    /// A fault for the next request, or nil when it should be served.
    func drawFault() -> Fault? {
        guard configuration.faultRate > 0, !configuration.faultKinds.isEmpty else { return nil }
        guard random.unit() < configuration.faultRate else { return nil }
        return configuration.faultKinds[Int(random.next() % UInt64(configuration.faultKinds.count))]
    }
}
