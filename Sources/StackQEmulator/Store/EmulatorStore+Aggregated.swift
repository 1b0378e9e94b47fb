import NIOCore
import StackQ
import Foundation

extension EmulatorStore {
    /// One page of Compute's `aggregatedList` (`projects/p/aggregated/instances`): the items of every scoped
    /// collection of the project (`projects/p/zones/<zone>/instances`, `projects/p/regions/<region>/…`,
    /// `projects/p/global/…`) in storage order, grouped by scope —
    /// `{"items":{"zones/us-central1-a":{"instances":[…]},…},"nextPageToken":"…"}`. A page holds at most
    /// `pageSize` items over all scopes.
    func aggregatedList(route: Route, name: String, pageSize: String?, pageToken: String?) throws(APIError) -> ByteBuffer {
        guard let member = route.aggregatedMember, let marker = name.range(of: "aggregated/") else {
            throw .notFound("The requested URL \(name) was not found on this server.")
        }
        let prefix = String(name[..<marker.lowerBound])
        let kind = String(name[marker.upperBound...])
        var size = configuration.defaultPageSize
        if let pageSize, !pageSize.isEmpty {
            guard let requested = Int(pageSize), requested >= 0 else {
                throw .invalidArgument("Invalid value for maxResults: \"\(pageSize)\" (expected a non-negative integer).")
            }
            if requested > 0 { size = min(requested, configuration.maximumPageSize) }
        }
        let fingerprint = PageToken.fingerprint(collection: name, filter: "")
        let (page, after) = try EmulatorStore.position(of: pageToken, fingerprint: fingerprint)
        var candidates: [(scope: String, item: StoredItem)] = []
        for (collection, stored) in collections where collection.hasPrefix(prefix) && collection.hasSuffix("/" + kind) {
            let scope = collection.dropFirst(prefix.count).dropLast(kind.count + 1)
            let parts = scope.split(separator: "/", omittingEmptySubsequences: false)
            guard scope == "global" || (parts.count == 2 && !parts[1].isEmpty && (parts[0] == "zones" || parts[0] == "regions"))
            else { continue }
            for item in stored.items[stored.firstIndex(after: after)...] { candidates.append((String(scope), item)) }
        }
        candidates.sort { $0.item.sequence < $1.item.sequence }
        let selected = candidates.prefix(size)
        var scopes: [String] = []
        var byScope: [String: [StoredItem]] = [:]
        for (scope, item) in selected {
            if byScope[scope] == nil { scopes.append(scope) }
            byScope[scope, default: []].append(item)
        }
        var out = ByteBufferAllocator().buffer(capacity: 64 + selected.reduce(0) { $0 + $1.item.bytes.count + 1 })
        out.writeString("{\"items\":{")
        for (index, scope) in scopes.enumerated() {
            if index > 0 { out.writeInteger(UInt8(ascii: ",")) }
            out.writeString("\"\(scope)\":{\"\(member)\":[")
            for (position, item) in byScope[scope]!.enumerated() {
                if position > 0 { out.writeInteger(UInt8(ascii: ",")) }
                out.writeBytes(item.bytes)
            }
            out.writeString("]}")
        }
        out.writeInteger(UInt8(ascii: "}"))
        if candidates.count > size, let last = selected.last {
            let token = PageToken(page: page + 1, afterSequence: last.item.sequence, fingerprint: fingerprint)
            out.writeString(",\"nextPageToken\":\"")
            out.writeString(token.text)
            out.writeInteger(UInt8(ascii: "\""))
        }
        out.writeInteger(UInt8(ascii: "}"))
        return out
    }
}
